package org.medfed.common.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * The ledger's receipt of one aggregated round's use of one dataset, written by the aggregation transaction: whose
 * dataset, which participant trained on it, how many examples, which update ({@code updateSha256}, null for a masked
 * input, whose hash says nothing about the data), the global model it went into, and under which purpose and
 * approval. {@code purpose} is null for a task that declares none; {@code approvalDecidedAt} is the time of the
 * holder's approval the update was accepted under, null when the task needs none or when the holder decided again
 * after the update was accepted (the approval key's history then shows the approval it was accepted under).
 */
public record UsageReceipt(
        String datasetId,
        String holderId,
        String participantId,
        String taskId,
        long round,
        long numExamples,
        String updateSha256,
        String globalModelSha256,
        String globalModelCid,
        PurposeOfUse purpose,
        Instant approvalDecidedAt,
        Instant aggregatedAt)
        implements JsonRecord {

    public UsageReceipt {
        Checks.id("datasetId", datasetId);
        Checks.sha256("holderId", holderId);
        Checks.sha256("participantId", participantId);
        Checks.id("taskId", taskId);
        Checks.range("round", round, 1, TaskSpec.MAX_ROUNDS);
        Checks.range("numExamples", numExamples, 1, DatasetDescription.MAX_ROWS);
        if (updateSha256 != null) {
            Checks.sha256("updateSha256", updateSha256);
        }
        Checks.sha256("globalModelSha256", globalModelSha256);
        Checks.cid("globalModelCid", globalModelCid);
        if (approvalDecidedAt != null && purpose == null) {
            throw new IllegalArgumentException("an approval answers a declared purpose: approvalDecidedAt needs one");
        }
        Checks.required("aggregatedAt", aggregatedAt);
    }

    /** Whether the update was a masked input of a secure round, whose hash the receipt leaves out. */
    public boolean masked() {
        return updateSha256 == null;
    }

    /** Every field, the optional ones as null, so every receipt has the same shape. */
    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("datasetId", datasetId);
        json.put("holderId", holderId);
        json.put("participantId", participantId);
        json.put("taskId", taskId);
        json.put("round", round);
        json.put("numExamples", numExamples);
        json.put("updateSha256", updateSha256);
        json.put("globalModelSha256", globalModelSha256);
        json.put("globalModelCid", globalModelCid);
        json.put("purpose", purpose == null ? null : purpose.wire());
        json.put("approvalDecidedAt", approvalDecidedAt == null ? null : approvalDecidedAt.toString());
        json.put("aggregatedAt", aggregatedAt.toString());
        return json;
    }

    public static UsageReceipt fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "datasetId",
                "holderId",
                "participantId",
                "taskId",
                "round",
                "numExamples",
                "updateSha256",
                "globalModelSha256",
                "globalModelCid",
                "purpose",
                "approvalDecidedAt",
                "aggregatedAt");
        String purpose = JsonFields.optionalString(json, "purpose");
        return new UsageReceipt(
                JsonFields.string(json, "datasetId"),
                JsonFields.string(json, "holderId"),
                JsonFields.string(json, "participantId"),
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                JsonFields.integer(json, "numExamples"),
                JsonFields.optionalString(json, "updateSha256"),
                JsonFields.string(json, "globalModelSha256"),
                JsonFields.string(json, "globalModelCid"),
                purpose == null ? null : PurposeOfUse.fromWire(purpose),
                JsonFields.optionalInstant(json, "approvalDecidedAt"),
                JsonFields.instant(json, "aggregatedAt"));
    }
}
