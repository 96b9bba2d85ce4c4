package org.medfed.chaincode.ledger;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;

/**
 * The only place ledger keys are built: composite keys whose object type is a short lower-case word. Round and
 * sequence numbers are zero-padded to ten digits so partial-key scans return them in numeric order. The schema is
 * in docs/ledger-schema.md.
 */
public final class Keys {
    static final String PING = "ping";
    static final String PROBE = "probe";
    static final String PARTICIPANT = "participant";
    static final String DATASET = "dataset";
    static final String TASK = "task";
    static final String ROUND = "round";
    static final String UPDATE = "update";
    static final String AGGREGATION = "agg";
    static final String REPUTATION = "rep";
    static final String REPUTATION_CHANGE = "rephist";
    static final String BUDGET = "budget";
    static final String MODEL_BY_SHA256 = "model";
    static final String MODEL_BY_CID = "modelcid";
    static final String SECURE_KEYS = "sakeys";
    static final String SECURE_SHARES = "sashares";
    static final String SECURE_REVEAL = "sareveal";
    static final String DATASET_USE = "dsuse";
    static final String USAGE_RECEIPT = "usage";
    static final String ACCESS_POLICY = "accpolicy";
    static final String ACCESS_POLICY_HEAD = "accpolicyhead";
    static final String PATIENT = "patient";
    static final String ATTESTATION = "attest";
    static final String ACCESS_DECISION = "accdec";
    static final String ACCESS_GRANT = "accgrant";
    static final String BREAK_GLASS = "breakglass";
    static final String ACCESS_REVIEW = "accreview";
    static final String RELEASE = "accrel";
    static final String SUBSET_SHARE = "subset";
    static final String MEMBER_KEY = "memberkey";
    static final String WARM_UP = "warmup";
    static final String VERIFICATION = "verified";

    private final ChaincodeStub stub;

    Keys(ChaincodeStub stub) {
        this.stub = stub;
    }

    /** {@code ping~<mspId>}: the last ping from an organisation. */
    public String ping(String mspId) {
        return composite(PING, mspId);
    }

    /** {@code probe~<mspId>~<probeId>}: one write of the conflict-free throughput baseline ({@code system:writeProbe}). */
    public String probe(String mspId, String probeId) {
        return composite(PROBE, mspId, probeId);
    }

    public String participant(String participantId) {
        return composite(PARTICIPANT, participantId);
    }

    public String dataset(String datasetId) {
        return composite(DATASET, datasetId);
    }

    public String task(String taskId) {
        return composite(TASK, taskId);
    }

    public String round(String taskId, long round) {
        return composite(ROUND, taskId, number(round));
    }

    public String update(String taskId, long round, String participantId) {
        return composite(UPDATE, taskId, number(round), participantId);
    }

    public String aggregation(String taskId, long round) {
        return composite(AGGREGATION, taskId, number(round));
    }

    public String reputation(String taskId, String participantId) {
        return composite(REPUTATION, taskId, participantId);
    }

    public String reputationChange(String taskId, String participantId, long seq) {
        return composite(REPUTATION_CHANGE, taskId, participantId, number(seq));
    }

    public String budget(String taskId, String participantId) {
        return composite(BUDGET, taskId, participantId);
    }

    public String modelBySha256(String sha256, String taskId, long round) {
        return composite(MODEL_BY_SHA256, sha256, taskId, number(round));
    }

    public String modelByCid(String cid, String taskId, long round) {
        return composite(MODEL_BY_CID, cid, taskId, number(round));
    }

    /** {@code sakeys~task~round~attempt~participant}: a participant's public keys for one attempt of a secure round. */
    public String secureKeys(String taskId, long round, long attempt, String participantId) {
        return composite(SECURE_KEYS, taskId, number(round), number(attempt), participantId);
    }

    public String secureShares(String taskId, long round, long attempt, String participantId) {
        return composite(SECURE_SHARES, taskId, number(round), number(attempt), participantId);
    }

    public String secureReveal(String taskId, long round, long attempt, String participantId) {
        return composite(SECURE_REVEAL, taskId, number(round), number(attempt), participantId);
    }

    public CompositeKey secureKeysOf(String taskId, long round, long attempt) {
        return partial(SECURE_KEYS, taskId, number(round), number(attempt));
    }

    public CompositeKey secureSharesOf(String taskId, long round, long attempt) {
        return partial(SECURE_SHARES, taskId, number(round), number(attempt));
    }

    public CompositeKey secureRevealsOf(String taskId, long round, long attempt) {
        return partial(SECURE_REVEAL, taskId, number(round), number(attempt));
    }

    /** {@code dsuse~task~dataset}: the holder's latest decision on the task's use of the dataset. */
    public String datasetUse(String taskId, String datasetId) {
        return composite(DATASET_USE, taskId, datasetId);
    }

    public CompositeKey datasetUsesOf(String taskId) {
        return partial(DATASET_USE, taskId);
    }

    /** {@code usage~dataset~task~round}: the receipt of one round's use of a dataset, found by dataset first. */
    public String usageReceipt(String datasetId, String taskId, long round) {
        return composite(USAGE_RECEIPT, datasetId, taskId, number(round));
    }

    public CompositeKey usageReceiptsOf(String datasetId) {
        return partial(USAGE_RECEIPT, datasetId);
    }

    /** {@code accpolicy~version}: every version of the access policy, kept. */
    public String accessPolicy(long version) {
        return composite(ACCESS_POLICY, number(version));
    }

    /** {@code accpolicyhead}: the current access policy. */
    public String currentAccessPolicy() {
        return composite(ACCESS_POLICY_HEAD);
    }

    /** {@code patient~ref}: which data holder (and dataset) a patient reference belongs to. */
    public String patient(String patientRef) {
        return composite(PATIENT, patientRef);
    }

    /** {@code attest~ref}: the patient's latest risk attestation; earlier ones are in the key's history. */
    public String attestation(String patientRef) {
        return composite(ATTESTATION, patientRef);
    }

    public String accessDecision(String decisionId) {
        return composite(ACCESS_DECISION, decisionId);
    }

    public CompositeKey allAccessDecisions() {
        return partial(ACCESS_DECISION);
    }

    /** {@code accgrant~requester~ref~decision}: a grant, found by requester and patient at fetch time. */
    public String accessGrant(String requesterId, String patientRef, String decisionId) {
        return composite(ACCESS_GRANT, requesterId, patientRef, decisionId);
    }

    public CompositeKey accessGrantsOf(String requesterId, String patientRef) {
        return partial(ACCESS_GRANT, requesterId, patientRef);
    }

    /** {@code breakglass~requester~decision}: a requester's break-glass grants, counted to flag repeat use. */
    public String breakGlass(String requesterId, String decisionId) {
        return composite(BREAK_GLASS, requesterId, decisionId);
    }

    public CompositeKey breakGlassOf(String requesterId) {
        return partial(BREAK_GLASS, requesterId);
    }

    public String accessReview(String decisionId) {
        return composite(ACCESS_REVIEW, decisionId);
    }

    public CompositeKey allAccessReviews() {
        return partial(ACCESS_REVIEW);
    }

    /** {@code accrel~decision~release}: a data release under the decision's grant. */
    public String release(String decisionId, String releaseId) {
        return composite(RELEASE, decisionId, releaseId);
    }

    public CompositeKey releasesOf(String decisionId) {
        return partial(RELEASE, decisionId);
    }

    public CompositeKey allReleases() {
        return partial(RELEASE);
    }

    /** {@code subset~task~dataset}: a contributing dataset's answer to the task's shared subset. */
    public String subsetShare(String taskId, String datasetId) {
        return composite(SUBSET_SHARE, taskId, datasetId);
    }

    public CompositeKey subsetSharesOf(String taskId) {
        return partial(SUBSET_SHARE, taskId);
    }

    /** {@code memberkey~mspId}: the organisation's subset member key. */
    public String memberKey(String mspId) {
        return composite(MEMBER_KEY, mspId);
    }

    public CompositeKey allMemberKeys() {
        return partial(MEMBER_KEY);
    }

    /** {@code warmup~task}: the warm-up of the task's initial model on its shared subset. */
    public String warmUp(String taskId) {
        return composite(WARM_UP, taskId);
    }

    /** {@code verified~task~round~mspId}: an organisation's attestation that it recomputed the round's aggregate. */
    public String verification(String taskId, long round, String mspId) {
        return composite(VERIFICATION, taskId, number(round), mspId);
    }

    public CompositeKey verificationsOf(String taskId, long round) {
        return partial(VERIFICATION, taskId, number(round));
    }

    public CompositeKey allParticipants() {
        return partial(PARTICIPANT);
    }

    public CompositeKey allDatasets() {
        return partial(DATASET);
    }

    public CompositeKey allTasks() {
        return partial(TASK);
    }

    public CompositeKey updatesOf(String taskId, long round) {
        return partial(UPDATE, taskId, number(round));
    }

    public CompositeKey reputationChangesOf(String taskId, String participantId) {
        return partial(REPUTATION_CHANGE, taskId, participantId);
    }

    public CompositeKey modelsBySha256(String sha256) {
        return partial(MODEL_BY_SHA256, sha256);
    }

    public CompositeKey modelsByCid(String cid) {
        return partial(MODEL_BY_CID, cid);
    }

    /**
     * The key named by its printable form {@code type~attribute~…}, e.g. {@code round~sepsis~3}, for the history
     * API; numbers may be given with or without padding. Only record types people ask about are accepted.
     */
    public String fromPrintable(String printable) {
        List<String> parts = List.of(printable.split("~", -1));
        String type = parts.get(0);
        int attributes = parts.size() - 1;
        return switch (type) {
            case PARTICIPANT, DATASET, TASK, PING, PATIENT, ATTESTATION, ACCESS_DECISION, ACCESS_REVIEW ->
                arity(parts, 1, () -> composite(type, parts.get(1)));
            case ROUND, AGGREGATION -> arity(parts, 2, () -> composite(type, parts.get(1), number(parts.get(2))));
            case REPUTATION, BUDGET, DATASET_USE -> arity(parts, 2, () -> composite(type, parts.get(1), parts.get(2)));
            case UPDATE -> arity(parts, 3, () -> composite(type, parts.get(1), number(parts.get(2)), parts.get(3)));
            case USAGE_RECEIPT ->
                arity(parts, 3, () -> composite(type, parts.get(1), parts.get(2), number(parts.get(3))));
            case SECURE_KEYS, SECURE_SHARES, SECURE_REVEAL ->
                arity(
                        parts,
                        4,
                        () -> composite(type, parts.get(1), number(parts.get(2)), number(parts.get(3)), parts.get(4)));
            default -> throw invalid("no history for record type \"" + type + "\" (" + attributes + " attributes)");
        };
    }

    private static String arity(List<String> parts, int attributes, Supplier<String> key) {
        if (parts.size() - 1 != attributes) {
            throw invalid(parts.get(0) + " keys have " + attributes + " attribute(s) after the type");
        }
        return key.get();
    }

    static String number(long value) {
        return String.format(Locale.ROOT, "%010d", value);
    }

    private static String number(String value) {
        try {
            long parsed = Long.parseLong(value);
            if (parsed < 0 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new NumberFormatException(value);
            }
            return number(parsed);
        } catch (NumberFormatException e) {
            throw invalid("\"" + value + "\" is not a round or sequence number");
        }
    }

    private String composite(String objectType, String... attributes) {
        return partial(objectType, attributes).toString();
    }

    private CompositeKey partial(String objectType, String... attributes) {
        try {
            return stub.createCompositeKey(objectType, attributes);
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(
                    ErrorCode.INVALID_ARGUMENT, "not usable in a ledger key: " + e.getMessage(), e);
        }
    }

    private static FlChaincodeException invalid(String message) {
        return new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
