package org.medfed.common.reputation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * A participant's current reputation in a task. Until its first change it is the policy's initial score with
 * {@code changes} 0 and no {@code updatedAt}; the ledger stores it only once it has changed.
 */
public record ReputationScore(String taskId, String participantId, BigDecimal score, long changes, Instant updatedAt)
        implements JsonRecord {

    /** The score after one change and the history entry that records it. */
    public record Applied(ReputationScore score, ReputationChange change) {}

    public ReputationScore {
        Checks.id("taskId", taskId);
        Checks.sha256("participantId", participantId);
        score = Checks.decimal("score", score, BigDecimal.ZERO, BigDecimal.ONE);
        Checks.range("changes", changes, 0, Long.MAX_VALUE);
        if ((changes == 0) != (updatedAt == null)) {
            throw new IllegalArgumentException("updatedAt is set exactly when the score has changed");
        }
    }

    public static ReputationScore initial(String taskId, String participantId, ReputationPolicy policy) {
        return new ReputationScore(taskId, participantId, policy.initialScore(), 0, null);
    }

    /** Applies one change; {@code quality} is required for {@link ReputationCause#QUALITY} and null otherwise. */
    public Applied apply(
            ReputationPolicy policy, ReputationCause cause, BigDecimal quality, long round, String txId, Instant at) {
        BigDecimal after = switch (cause) {
            case QUALITY -> policy.afterQuality(score, Checks.required("qualityScore", quality));
            case MISSED_ROUND -> policy.afterMissedRound(score);
            case REJECTED_UPDATE -> policy.afterRejectedUpdate(score);
        };
        ReputationChange change = new ReputationChange(
                taskId,
                participantId,
                changes + 1,
                round,
                cause,
                cause == ReputationCause.QUALITY ? quality : null,
                score,
                after,
                txId,
                at);
        return new Applied(new ReputationScore(taskId, participantId, after, changes + 1, at), change);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("participantId", participantId);
        json.put("score", score);
        json.put("changes", changes);
        json.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        return json;
    }

    public static ReputationScore fromJson(Map<String, Object> json) {
        return new ReputationScore(
                JsonFields.string(json, "taskId"),
                JsonFields.string(json, "participantId"),
                JsonFields.decimal(json, "score"),
                JsonFields.integer(json, "changes"),
                JsonFields.optionalInstant(json, "updatedAt"));
    }
}
