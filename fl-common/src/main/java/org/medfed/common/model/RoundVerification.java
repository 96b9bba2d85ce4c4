package org.medfed.common.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * An organisation's attestation that it recomputed round {@code round} of a task from the round's inputs and got the
 * recorded global model ({@code medfed verify --attest}, {@code round:attestVerification}): one per organisation and
 * round, made by an admin of that organisation ({@code attestedBy}, a participant id). A task's retention policy may
 * release a round's inputs once enough organisations attested it ({@link RetentionPolicy#orVerifiedBy()}). Only a
 * match is attested; a mismatch is what {@code medfed verify} prints and exits 4 for.
 */
public record RoundVerification(
        String taskId,
        long round,
        String mspId,
        ContentRef globalModel,
        String attestedBy,
        Instant attestedAt,
        String txId)
        implements JsonRecord {

    public RoundVerification {
        Checks.id("taskId", taskId);
        Checks.range("round", round, 1, Long.MAX_VALUE);
        Checks.id("mspId", mspId);
        Checks.required("globalModel", globalModel);
        Checks.sha256("attestedBy", attestedBy);
        Checks.required("attestedAt", attestedAt);
        Checks.text("txId", txId, 256);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("round", round);
        json.put("mspId", mspId);
        json.put("globalModel", globalModel.toJson());
        json.put("attestedBy", attestedBy);
        json.put("attestedAt", attestedAt.toString());
        json.put("txId", txId);
        return json;
    }

    public static RoundVerification fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "taskId", "round", "mspId", "globalModel", "attestedBy", "attestedAt", "txId");
        return new RoundVerification(
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                JsonFields.string(json, "mspId"),
                ContentRef.fromJson(JsonFields.object(json, "globalModel")),
                JsonFields.string(json, "attestedBy"),
                JsonFields.instant(json, "attestedAt"),
                JsonFields.string(json, "txId"));
    }
}
