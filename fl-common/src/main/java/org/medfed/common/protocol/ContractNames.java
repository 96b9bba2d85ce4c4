package org.medfed.common.protocol;

import java.util.List;

/** Names of the contracts inside the medfed chaincode; a transaction is addressed as {@code contract:function}. */
public final class ContractNames {
    /** The product name reported by {@code system:getInfo}; the deployed chaincode name may differ. */
    public static final String CHAINCODE = "medfed";

    public static final String SYSTEM = "system";
    public static final String AGGREGATOR = "aggregator";
    public static final String PARTICIPANT = "participant";
    public static final String DATASET = "dataset";
    public static final String TASK = "task";
    public static final String ROUND = "round";
    public static final String REPUTATION = "reputation";
    public static final String PROVENANCE = "provenance";
    public static final String SECAGG = "secagg";
    public static final String ACCESS = "access";
    public static final String SUBSET = "subset";

    /** Every contract, sorted. */
    public static final List<String> ALL = List.of(
            ACCESS, AGGREGATOR, DATASET, PARTICIPANT, PROVENANCE, REPUTATION, ROUND, SECAGG, SUBSET, SYSTEM, TASK);

    private ContractNames() {}
}
