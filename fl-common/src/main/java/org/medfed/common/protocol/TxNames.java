package org.medfed.common.protocol;

/** Fully qualified transaction names ({@code contract:function}) as clients submit or evaluate them. */
public final class TxNames {
    public static final String SYSTEM_PING = ContractNames.SYSTEM + ":ping";
    public static final String SYSTEM_GET_PING = ContractNames.SYSTEM + ":getPing";
    public static final String SYSTEM_GET_INFO = ContractNames.SYSTEM + ":getInfo";
    public static final String SYSTEM_WRITE_PROBE = ContractNames.SYSTEM + ":writeProbe";
    public static final String SYSTEM_READ_PROBE = ContractNames.SYSTEM + ":readProbe";

    public static final String AGGREGATOR_GET_ENDPOINT = ContractNames.AGGREGATOR + ":getEndpoint";
    public static final String AGGREGATOR_AGGREGATE_ROUND = ContractNames.AGGREGATOR + ":aggregateRound";
    public static final String AGGREGATOR_GET_ROUND_INPUT = ContractNames.AGGREGATOR + ":getRoundInput";
    public static final String AGGREGATOR_WARM_UP = ContractNames.AGGREGATOR + ":warmUp";
    public static final String AGGREGATOR_GET_WARM_UP_INPUT = ContractNames.AGGREGATOR + ":getWarmUpInput";

    public static final String PARTICIPANT_REGISTER = ContractNames.PARTICIPANT + ":registerParticipant";
    public static final String PARTICIPANT_SUSPEND = ContractNames.PARTICIPANT + ":suspendParticipant";
    public static final String PARTICIPANT_REINSTATE = ContractNames.PARTICIPANT + ":reinstateParticipant";
    public static final String PARTICIPANT_GET = ContractNames.PARTICIPANT + ":getParticipant";
    public static final String PARTICIPANT_LIST = ContractNames.PARTICIPANT + ":listParticipants";
    public static final String PARTICIPANT_GET_CALLER = ContractNames.PARTICIPANT + ":getCaller";

    public static final String DATASET_REGISTER = ContractNames.DATASET + ":registerDataset";
    public static final String DATASET_GET = ContractNames.DATASET + ":getDataset";
    public static final String DATASET_LIST = ContractNames.DATASET + ":listDatasets";
    public static final String DATASET_APPROVE_USE = ContractNames.DATASET + ":approveDatasetUse";
    public static final String DATASET_DECLINE_USE = ContractNames.DATASET + ":declineDatasetUse";
    public static final String DATASET_REVOKE_USE = ContractNames.DATASET + ":revokeDatasetUse";
    public static final String DATASET_GET_USE = ContractNames.DATASET + ":getDatasetUse";
    public static final String DATASET_LIST_USES = ContractNames.DATASET + ":listDatasetUses";
    public static final String DATASET_LIST_USAGE_RECEIPTS = ContractNames.DATASET + ":listUsageReceipts";

    public static final String TASK_CREATE = ContractNames.TASK + ":createTask";
    public static final String TASK_PAUSE = ContractNames.TASK + ":pauseTask";
    public static final String TASK_RESUME = ContractNames.TASK + ":resumeTask";
    public static final String TASK_CANCEL = ContractNames.TASK + ":cancelTask";
    public static final String TASK_GET = ContractNames.TASK + ":getTask";
    public static final String TASK_LIST = ContractNames.TASK + ":listTasks";

    public static final String ROUND_SUBMIT_UPDATE = ContractNames.ROUND + ":submitUpdate";
    public static final String ROUND_CLOSE = ContractNames.ROUND + ":closeRound";
    public static final String ROUND_GET = ContractNames.ROUND + ":getRound";
    public static final String ROUND_LIST_UPDATES = ContractNames.ROUND + ":listUpdates";
    public static final String ROUND_GET_AGGREGATION = ContractNames.ROUND + ":getAggregation";
    public static final String ROUND_GET_PRIVACY_BUDGET = ContractNames.ROUND + ":getPrivacyBudget";
    public static final String ROUND_ATTEST_VERIFICATION = ContractNames.ROUND + ":attestVerification";
    public static final String ROUND_LIST_VERIFICATIONS = ContractNames.ROUND + ":listVerifications";

    public static final String REPUTATION_GET = ContractNames.REPUTATION + ":getReputation";
    public static final String REPUTATION_GET_HISTORY = ContractNames.REPUTATION + ":getReputationHistory";

    public static final String PROVENANCE_GET_MODEL_LINEAGE = ContractNames.PROVENANCE + ":getModelLineage";
    public static final String PROVENANCE_GET_HISTORY = ContractNames.PROVENANCE + ":getHistory";

    public static final String SECAGG_POST_KEYS = ContractNames.SECAGG + ":postKeys";
    public static final String SECAGG_POST_SHARES = ContractNames.SECAGG + ":postShares";
    public static final String SECAGG_REVEAL_SHARES = ContractNames.SECAGG + ":revealShares";
    public static final String SECAGG_GET_SECURE_ROUND = ContractNames.SECAGG + ":getSecureRound";

    public static final String ACCESS_SET_POLICY = ContractNames.ACCESS + ":setPolicy";
    public static final String ACCESS_GET_POLICY = ContractNames.ACCESS + ":getPolicy";
    public static final String ACCESS_POST_ATTESTATION = ContractNames.ACCESS + ":postAttestation";
    public static final String ACCESS_GET_ATTESTATION = ContractNames.ACCESS + ":getAttestation";
    public static final String ACCESS_REQUEST = ContractNames.ACCESS + ":requestAccess";
    public static final String ACCESS_GET_DECISION = ContractNames.ACCESS + ":getDecision";
    public static final String ACCESS_LIST_DECISIONS = ContractNames.ACCESS + ":listDecisions";
    public static final String ACCESS_CHECK_GRANT = ContractNames.ACCESS + ":checkGrant";
    public static final String ACCESS_RECORD_RELEASE = ContractNames.ACCESS + ":recordRelease";
    public static final String ACCESS_LIST_RELEASES = ContractNames.ACCESS + ":listReleases";
    public static final String ACCESS_CLOSE_REVIEW = ContractNames.ACCESS + ":closeReview";
    public static final String ACCESS_LIST_REVIEWS = ContractNames.ACCESS + ":listReviews";

    public static final String SUBSET_SET_MEMBER_KEY = ContractNames.SUBSET + ":setMemberKey";
    public static final String SUBSET_LIST_MEMBER_KEYS = ContractNames.SUBSET + ":listMemberKeys";
    public static final String SUBSET_CONTRIBUTE_ROWS = ContractNames.SUBSET + ":contributeRows";
    public static final String SUBSET_DECLINE_ROWS = ContractNames.SUBSET + ":declineRows";
    public static final String SUBSET_GET_SUBSET = ContractNames.SUBSET + ":getSubset";

    private TxNames() {}
}
