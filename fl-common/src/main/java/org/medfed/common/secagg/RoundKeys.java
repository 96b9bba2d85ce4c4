package org.medfed.common.secagg;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * A participant's two X25519 public keys for one attempt of a round ({@code secagg:postKeys}): {@code maskKey} for
 * pairwise masks, {@code shareKey} for encrypting Shamir shares, each 32 bytes in base64. The transaction that
 * posted them is signed by the participant's Fabric identity, and {@code txId} names it.
 */
public record RoundKeys(
        String taskId,
        long round,
        long attempt,
        String participantId,
        String maskKey,
        String shareKey,
        Instant postedAt,
        String txId)
        implements JsonRecord {

    public RoundKeys {
        Checks.id("taskId", taskId);
        Checks.range("round", round, 1, Long.MAX_VALUE);
        Checks.range("attempt", attempt, 1, Long.MAX_VALUE);
        Checks.sha256("participantId", participantId);
        SecAggWire.key32("maskKey", maskKey);
        SecAggWire.key32("shareKey", shareKey);
        Checks.required("postedAt", postedAt);
        Checks.text("txId", txId, 256);
    }

    public byte[] maskKeyBytes() {
        return SecAggWire.base64("maskKey", maskKey);
    }

    public byte[] shareKeyBytes() {
        return SecAggWire.base64("shareKey", shareKey);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("round", round);
        json.put("attempt", attempt);
        json.put("participantId", participantId);
        json.put("maskKey", maskKey);
        json.put("shareKey", shareKey);
        json.put("postedAt", postedAt.toString());
        json.put("txId", txId);
        return json;
    }

    public static RoundKeys fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json, "taskId", "round", "attempt", "participantId", "maskKey", "shareKey", "postedAt", "txId");
        return new RoundKeys(
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                JsonFields.integer(json, "attempt"),
                JsonFields.string(json, "participantId"),
                JsonFields.string(json, "maskKey"),
                JsonFields.string(json, "shareKey"),
                JsonFields.instant(json, "postedAt"),
                JsonFields.string(json, "txId"));
    }
}
