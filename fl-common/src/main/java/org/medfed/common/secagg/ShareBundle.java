package org.medfed.common.secagg;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * What a participant posted in the shares phase of one attempt ({@code secagg:postShares}): one
 * {@link EncryptedShare} per neighbour, kept sorted by recipient.
 */
public record ShareBundle(
        String taskId,
        long round,
        long attempt,
        String participantId,
        List<EncryptedShare> shares,
        Instant postedAt,
        String txId)
        implements JsonRecord {

    public ShareBundle {
        Checks.id("taskId", taskId);
        Checks.range("round", round, 1, Long.MAX_VALUE);
        Checks.range("attempt", attempt, 1, Long.MAX_VALUE);
        Checks.sha256("participantId", participantId);
        shares = sortedUnique(shares);
        Checks.required("postedAt", postedAt);
        Checks.text("txId", txId, 256);
    }

    /** The shares addressed to {@code holder}, if any. */
    public java.util.Optional<EncryptedShare> to(String holder) {
        return shares.stream().filter(s -> s.to().equals(holder)).findFirst();
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("round", round);
        json.put("attempt", attempt);
        json.put("participantId", participantId);
        json.put("shares", shares.stream().map(EncryptedShare::toJson).toList());
        json.put("postedAt", postedAt.toString());
        json.put("txId", txId);
        return json;
    }

    public static ShareBundle fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "taskId", "round", "attempt", "participantId", "shares", "postedAt", "txId");
        return new ShareBundle(
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                JsonFields.integer(json, "attempt"),
                JsonFields.string(json, "participantId"),
                JsonFields.objects(json, "shares").stream()
                        .map(EncryptedShare::fromJson)
                        .toList(),
                JsonFields.instant(json, "postedAt"),
                JsonFields.string(json, "txId"));
    }

    /** The request of {@code secagg:postShares}: {@code {"shares": [...]}}. */
    public static List<EncryptedShare> requestFromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "shares");
        return sortedUnique(JsonFields.objects(json, "shares").stream()
                .map(EncryptedShare::fromJson)
                .toList());
    }

    private static List<EncryptedShare> sortedUnique(List<EncryptedShare> shares) {
        return SecAggWire.sortedUnique(shares, EncryptedShare::to, 1, "two shares for ");
    }
}
