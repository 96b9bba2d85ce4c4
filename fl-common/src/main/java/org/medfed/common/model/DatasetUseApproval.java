package org.medfed.common.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * The latest decision of a dataset's holder on a task's use of it, for the purpose the task declared. Earlier
 * decisions stay in the key's history; a revocation stops future rounds and never rewrites past ones.
 */
public record DatasetUseApproval(
        String taskId,
        String datasetId,
        String holderId,
        PurposeOfUse purpose,
        DatasetUseStatus status,
        String reason,
        Instant decidedAt)
        implements JsonRecord {
    public static final int MAX_REASON = 512;

    public DatasetUseApproval {
        Checks.id("taskId", taskId);
        Checks.id("datasetId", datasetId);
        Checks.sha256("holderId", holderId);
        Checks.required("purpose", purpose);
        Checks.required("status", status);
        reason = Checks.optionalText("reason", reason, MAX_REASON);
        Checks.required("decidedAt", decidedAt);
    }

    public boolean approved() {
        return status == DatasetUseStatus.APPROVED;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("datasetId", datasetId);
        json.put("holderId", holderId);
        json.put("purpose", purpose.wire());
        json.put("status", status.wire());
        if (reason != null) {
            json.put("reason", reason);
        }
        json.put("decidedAt", decidedAt.toString());
        return json;
    }

    public static DatasetUseApproval fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "taskId", "datasetId", "holderId", "purpose", "status", "reason", "decidedAt");
        return new DatasetUseApproval(
                JsonFields.string(json, "taskId"),
                JsonFields.string(json, "datasetId"),
                JsonFields.string(json, "holderId"),
                PurposeOfUse.fromWire(JsonFields.string(json, "purpose")),
                DatasetUseStatus.fromWire(JsonFields.string(json, "status")),
                JsonFields.optionalString(json, "reason"),
                JsonFields.instant(json, "decidedAt"));
    }
}
