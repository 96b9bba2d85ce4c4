package org.medfed.common.reputation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * One entry of a participant's reputation history in a task: the {@code seq}-th change (from 1), in which round,
 * why, the quality score when there was one, and the score before and after.
 */
public record ReputationChange(
        String taskId,
        String participantId,
        long seq,
        long round,
        ReputationCause cause,
        BigDecimal quality,
        BigDecimal before,
        BigDecimal after,
        String txId,
        Instant at)
        implements JsonRecord {

    public ReputationChange {
        Checks.id("taskId", taskId);
        Checks.sha256("participantId", participantId);
        Checks.range("seq", seq, 1, Long.MAX_VALUE);
        Checks.range("round", round, 1, Long.MAX_VALUE);
        Checks.required("cause", cause);
        if ((cause == ReputationCause.QUALITY) != (quality != null)) {
            throw new IllegalArgumentException("a quality score belongs to exactly the quality changes");
        }
        quality = quality == null ? null : ReputationPolicy.checkQuality(quality);
        before = Checks.decimal("before", before, BigDecimal.ZERO, BigDecimal.ONE);
        after = Checks.decimal("after", after, BigDecimal.ZERO, BigDecimal.ONE);
        Checks.text("txId", txId, 256);
        Checks.required("at", at);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("participantId", participantId);
        json.put("seq", seq);
        json.put("round", round);
        json.put("cause", cause.wire());
        json.put("quality", quality);
        json.put("before", before);
        json.put("after", after);
        json.put("txId", txId);
        json.put("at", at.toString());
        return json;
    }

    public static ReputationChange fromJson(Map<String, Object> json) {
        return new ReputationChange(
                JsonFields.string(json, "taskId"),
                JsonFields.string(json, "participantId"),
                JsonFields.integer(json, "seq"),
                JsonFields.integer(json, "round"),
                ReputationCause.fromWire(JsonFields.string(json, "cause")),
                JsonFields.optionalDecimal(json, "quality"),
                JsonFields.decimal(json, "before"),
                JsonFields.decimal(json, "after"),
                JsonFields.string(json, "txId"),
                JsonFields.instant(json, "at"));
    }
}
