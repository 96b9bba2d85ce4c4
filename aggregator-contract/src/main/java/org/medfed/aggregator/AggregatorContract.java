package org.medfed.aggregator;

import java.util.Map;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.protocol.ContractNames;
import org.medfed.contract.support.Env;
import org.medfed.contract.support.FlContext;
import org.medfed.contract.support.FlContract;

/** Aggregation of model updates. For now it only proves that each organisation's server uses its own IPFS node. */
@Contract(name = ContractNames.AGGREGATOR)
public final class AggregatorContract implements FlContract {
    static final String IPFS_API_VARIABLE = "MEDFED_IPFS_API";
    static final String ORG_MSP_VARIABLE = "MEDFED_ORG_MSP";
    static final String UNSET = "unset";

    private final String ipfsApi;
    private final String orgMspId;

    public AggregatorContract() {
        this(Env.valueOr(IPFS_API_VARIABLE, UNSET), Env.valueOr(ORG_MSP_VARIABLE, UNSET));
    }

    AggregatorContract(String ipfsApi, String orgMspId) {
        this.ipfsApi = ipfsApi;
        this.orgMspId = orgMspId;
    }

    /** The answer differs per organisation by design, so this must stay EVALUATE. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getEndpoint(FlContext ctx) {
        return CanonicalJson.encode(Map.of("ipfsApi", ipfsApi, "mspId", orgMspId));
    }
}
