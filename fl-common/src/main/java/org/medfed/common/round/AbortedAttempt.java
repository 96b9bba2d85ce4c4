package org.medfed.common.round;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/** An attempt of a round that reached its deadline without quorum: who had submitted and who was missing. */
public record AbortedAttempt(
        long attempt,
        Instant openedAt,
        Instant deadline,
        Instant abortedAt,
        List<String> submitted,
        List<String> missing)
        implements JsonRecord {

    public AbortedAttempt {
        Checks.range("attempt", attempt, 1, Long.MAX_VALUE);
        Checks.required("openedAt", openedAt);
        Checks.required("deadline", deadline);
        Checks.required("abortedAt", abortedAt);
        submitted = List.copyOf(submitted).stream().sorted().toList();
        missing = List.copyOf(missing).stream().sorted().toList();
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of(
                "attempt",
                attempt,
                "openedAt",
                openedAt.toString(),
                "deadline",
                deadline.toString(),
                "abortedAt",
                abortedAt.toString(),
                "submitted",
                submitted,
                "missing",
                missing);
    }

    public static AbortedAttempt fromJson(Map<String, Object> json) {
        return new AbortedAttempt(
                JsonFields.integer(json, "attempt"),
                JsonFields.instant(json, "openedAt"),
                JsonFields.instant(json, "deadline"),
                JsonFields.instant(json, "abortedAt"),
                JsonFields.strings(json, "submitted"),
                JsonFields.strings(json, "missing"));
    }
}
