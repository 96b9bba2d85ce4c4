package org.medfed.common.protocol;

/** Fully qualified transaction names ({@code contract:function}) as clients submit or evaluate them. */
public final class TxNames {
    public static final String SYSTEM_PING = ContractNames.SYSTEM + ":ping";
    public static final String SYSTEM_GET_PING = ContractNames.SYSTEM + ":getPing";
    public static final String SYSTEM_GET_INFO = ContractNames.SYSTEM + ":getInfo";

    public static final String AGGREGATOR_GET_ENDPOINT = ContractNames.AGGREGATOR + ":getEndpoint";

    private TxNames() {
    }
}
