package org.medfed.common.protocol;

import java.util.Arrays;
import java.util.Optional;

/**
 * Stable error codes of the ledger protocol. A failed transaction carries the code's name as its payload, so clients
 * map failures without parsing messages. Never rename or remove a constant; only add.
 */
public enum ErrorCode {
    INVALID_ARGUMENT("an argument is missing, malformed or out of range"),
    UNKNOWN_IDENTITY("the caller's identity cannot be read"),
    UNAUTHORIZED("the caller may not perform this transaction"),
    NOT_FOUND("the requested record does not exist"),
    ALREADY_EXISTS("the record already exists"),
    INTERNAL("unexpected failure inside the chaincode"),
    NOT_REGISTERED("the caller is not a registered participant"),
    PARTICIPANT_SUSPENDED("the participant is suspended"),
    NOT_ELIGIBLE("the participant is not eligible for this task"),
    REPUTATION_TOO_LOW("the participant's reputation in this task is below the task's exclusion threshold"),
    DATASET_NOT_ADMITTED("the dataset is not registered by the caller or not admitted by the task"),
    TASK_NOT_ACTIVE("the task is paused, cancelled or completed"),
    ILLEGAL_TRANSITION("the record's current state does not allow this change"),
    ROUND_NOT_OPEN("the round is not open for submissions"),
    STALE_ROUND("the round has already been superseded by a later one"),
    DEADLINE_PASSED("the round's deadline has passed"),
    DUPLICATE_SUBMISSION("the participant has already submitted an update in this round"),
    BASE_MODEL_MISMATCH("the update was not trained from the round's current global model"),
    SHAPE_MISMATCH("the update's parameter count does not match the task's model"),
    DP_POLICY_VIOLATION("the update's differential-privacy parameters do not meet the task's policy"),
    PRIVACY_BUDGET_EXCEEDED("accepting the update would exceed the participant's privacy budget for the task"),
    ROUND_STILL_OPEN("the round cannot close yet: before its deadline, not every expected participant has submitted"),
    ROUND_NOT_CLOSED("the round is not closed, so it cannot be aggregated"),
    QUORUM_NOT_MET("fewer updates than the task's quorum"),
    AGGREGATION_FAILED("the round's updates cannot be aggregated (strategy refused them, or it is not supported yet)"),
    BLOB_UNAVAILABLE("this organisation's IPFS node could not serve or store a blob the aggregation needs"),
    NO_DP_POLICY("the task has no differential-privacy policy, so it keeps no privacy budget"),
    SECURE_AGGREGATION_UNSUPPORTED(
            "the task does not aggregate securely, or its spec asks for what secure aggregation cannot do"),
    PHASE_CLOSED("the secure-aggregation phase of this transaction is not open at this ledger time"),
    WRONG_NEIGHBOUR("the shares are not addressed to exactly the sender's neighbours in the round's graph"),
    BAD_COMMITMENT("a revealed share does not match the commitment its owner posted"),
    DOUBLE_REVEAL("the reveal would expose both secrets of one participant, which unmasks its input"),
    NOT_SURVIVOR("only participants whose masked input the round accepted may reveal shares"),
    SHARES_INSUFFICIENT("too few revealed shares to reconstruct a secret the round needs"),
    DATASET_USE_NOT_APPROVED("the dataset's holder has not approved (or has revoked) the task's use of the dataset"),
    NOT_A_RISK_TASK("the task has no risk model, so its models cannot attest a patient's risk"),
    NOT_A_GLOBAL_MODEL("the model is not a global model the task aggregated"),
    ATTESTATION_EXPIRED("the attestation's time-to-live has already run out at ledger time"),
    STALE_ATTESTATION("the patient already has an attestation observed at or after this one"),
    NOT_PATIENT_HOLDER("the patient reference is bound to another data holder"),
    NO_ACCESS_POLICY("no access policy has been set"),
    POLICY_VERSION_CONFLICT("the policy's version is not the current version plus one"),
    NO_LIVE_GRANT("the requester holds no unexpired grant for this patient covering the scope"),
    NO_SHARED_SUBSET("the task declares no shared subset"),
    SUBSET_CLOSED("the task's shared subset is closed: its warm-up has run"),
    SUBSET_CLASS_FULL("the contribution would give a class more rows than the shared subset asks for"),
    CONSENT_MISMATCH("the contribution does not affirm the consent the task's shared subset requires"),
    MEMBER_KEY_MISSING("an organisation of the task has registered no subset member key to encrypt the rows to"),
    WRAPPED_KEYS_MISMATCH("the contribution does not wrap its key for exactly the registered member organisations"),
    SUBSET_NOT_READY("the shared subset has contributions outstanding, or none, so the warm-up cannot run yet"),
    SUBSET_NOT_WARMED("round 1 waits for the warm-up of the initial model on the task's shared subset"),
    SUBSET_KEY_UNAVAILABLE("this organisation's chaincode server has no subset member key, so it cannot open the rows"),
    CONTROL_VARIATE_MISMATCH(
            "a SCAFFOLD task's update must carry its control delta, and an update of any other task must not");

    private final String description;

    ErrorCode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The code whose name is exactly {@code name}, e.g. taken from an error payload. */
    public static Optional<ErrorCode> fromName(String name) {
        return Arrays.stream(values()).filter(code -> code.name().equals(name)).findFirst();
    }
}
