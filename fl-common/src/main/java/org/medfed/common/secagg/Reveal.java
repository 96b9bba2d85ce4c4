package org.medfed.common.secagg;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * What a survivor revealed in the unmask phase of one attempt ({@code secagg:revealShares}): the shares it holds, in
 * clear, sorted by owner: seed shares of survivors, mask-key shares of dropouts.
 */
public record Reveal(
        String taskId,
        long round,
        long attempt,
        String participantId,
        List<RevealedShare> shares,
        Instant postedAt,
        String txId)
        implements JsonRecord {

    public Reveal {
        Checks.id("taskId", taskId);
        Checks.range("round", round, 1, Long.MAX_VALUE);
        Checks.range("attempt", attempt, 1, Long.MAX_VALUE);
        Checks.sha256("participantId", participantId);
        shares = sortedUnique(shares);
        Checks.required("postedAt", postedAt);
        Checks.text("txId", txId, 256);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("round", round);
        json.put("attempt", attempt);
        json.put("participantId", participantId);
        json.put("shares", shares.stream().map(RevealedShare::toJson).toList());
        json.put("postedAt", postedAt.toString());
        json.put("txId", txId);
        return json;
    }

    public static Reveal fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "taskId", "round", "attempt", "participantId", "shares", "postedAt", "txId");
        return new Reveal(
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                JsonFields.integer(json, "attempt"),
                JsonFields.string(json, "participantId"),
                JsonFields.objects(json, "shares").stream()
                        .map(RevealedShare::fromJson)
                        .toList(),
                JsonFields.instant(json, "postedAt"),
                JsonFields.string(json, "txId"));
    }

    /** The request of {@code secagg:revealShares}: {@code {"shares": [...]}}; an empty list is allowed. */
    public static List<RevealedShare> requestFromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "shares");
        return sortedUnique(JsonFields.objects(json, "shares").stream()
                .map(RevealedShare::fromJson)
                .toList());
    }

    private static List<RevealedShare> sortedUnique(List<RevealedShare> shares) {
        return SecAggWire.sortedUnique(
                shares, RevealedShare::owner, 0, "a survivor reveals one share per owner, of one kind; two shares of ");
    }
}
