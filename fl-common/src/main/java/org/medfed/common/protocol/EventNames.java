package org.medfed.common.protocol;

/**
 * Chaincode event names: PascalCase, past tense. A transaction emits exactly one event (Fabric keeps only the last
 * one set); where a transaction also opens a round, its event's payload carries that round.
 */
public final class EventNames {
    /** Payload: the ping record as canonical JSON. */
    public static final String PINGED = "Pinged";

    /** Payload: the probe record as canonical JSON. */
    public static final String PROBE_WRITTEN = "ProbeWritten";

    /** Payload of the three participant events: the participant record. */
    public static final String PARTICIPANT_REGISTERED = "ParticipantRegistered";

    public static final String PARTICIPANT_SUSPENDED = "ParticipantSuspended";
    public static final String PARTICIPANT_REINSTATED = "ParticipantReinstated";

    /** Payload: the dataset description. */
    public static final String DATASET_REGISTERED = "DatasetRegistered";

    /** Payload of the task events: {@code {"task", "round"}}, the task and its current round. */
    public static final String TASK_CREATED = "TaskCreated";

    public static final String TASK_PAUSED = "TaskPaused";
    public static final String TASK_RESUMED = "TaskResumed";
    public static final String TASK_CANCELLED = "TaskCancelled";

    /** Payload: the update record (references and DP accounting, never weights). */
    public static final String UPDATE_SUBMITTED = "UpdateSubmitted";

    /** Payload of the round events: {@code {"task", "round", "reputation"}}; see docs/ledger-schema.md. */
    public static final String ROUND_CLOSED = "RoundClosed";

    public static final String ROUND_ABORTED = "RoundAborted";
    public static final String ROUND_AGGREGATED = "RoundAggregated";

    /** Payload: the {@code RoundVerification}, an organisation's attestation that it recomputed the round. */
    public static final String ROUND_VERIFIED = "RoundVerified";

    public static final String SECURE_KEYS_POSTED = "SecureKeysPosted";
    public static final String SECURE_SHARES_POSTED = "SecureSharesPosted";
    public static final String SECURE_SHARES_REVEALED = "SecureSharesRevealed";

    /** Payload of the three dataset-use events: the approval record. */
    public static final String DATASET_USE_APPROVED = "DatasetUseApproved";

    public static final String DATASET_USE_DECLINED = "DatasetUseDeclined";
    public static final String DATASET_USE_REVOKED = "DatasetUseRevoked";

    /** Payload: the policy. */
    public static final String ACCESS_POLICY_SET = "AccessPolicySet";

    /** Payload: the attestation (a pseudonym, a class, a probability; never a vital sign). */
    public static final String RISK_ATTESTED = "RiskAttested";

    /** Payload of both decision events: the decision with every input that decided it. */
    public static final String ACCESS_GRANTED = "AccessGranted";

    public static final String ACCESS_DENIED = "AccessDenied";

    /** Payload: the release record. */
    public static final String DATA_RELEASED = "DataReleased";

    /** Payload: the closed review. */
    public static final String REVIEW_CLOSED = "ReviewClosed";

    /** Payload: the member key record. */
    public static final String SUBSET_MEMBER_KEY_SET = "SubsetMemberKeySet";

    /** Payload of both: the dataset's share record (hashes, class counts, consent; never a row). */
    public static final String SUBSET_ROWS_CONTRIBUTED = "SubsetRowsContributed";

    public static final String SUBSET_ROWS_DECLINED = "SubsetRowsDeclined";

    /** Payload: the warm-up record. */
    public static final String SUBSET_WARMED_UP = "SubsetWarmedUp";

    private EventNames() {}
}
