package org.medfed.common.subset;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * A dataset's answer to a task's shared subset, as the ledger keeps it: its holder, and either the published
 * {@code contribution} or the {@code reason} it declined. Each dataset answers once; the warm-up waits until every
 * contributor has answered.
 */
public record SubsetShare(
        String taskId,
        String datasetId,
        String holderId,
        SubsetShareStatus status,
        SubsetContribution contribution,
        String reason,
        Instant answeredAt,
        String txId)
        implements JsonRecord {
    public static final int MAX_REASON = 512;

    public SubsetShare {
        Checks.id("taskId", taskId);
        Checks.id("datasetId", datasetId);
        Checks.sha256("holderId", holderId);
        Checks.required("status", status);
        if (status == SubsetShareStatus.CONTRIBUTED) {
            Checks.required("contribution", contribution);
            if (!contribution.taskId().equals(taskId)
                    || !contribution.datasetId().equals(datasetId)) {
                throw new IllegalArgumentException("the contribution is for another task or dataset");
            }
            if (reason != null) {
                throw new IllegalArgumentException("a contribution has no decline reason");
            }
        } else {
            if (contribution != null) {
                throw new IllegalArgumentException("a declined share has no contribution");
            }
            Checks.text("reason", reason, MAX_REASON);
        }
        Checks.required("answeredAt", answeredAt);
        Checks.text("txId", txId, 256);
    }

    public boolean contributed() {
        return status == SubsetShareStatus.CONTRIBUTED;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("datasetId", datasetId);
        json.put("holderId", holderId);
        json.put("status", status.wire());
        if (contribution != null) {
            json.put("contribution", contribution.toJson());
        }
        if (reason != null) {
            json.put("reason", reason);
        }
        json.put("answeredAt", answeredAt.toString());
        json.put("txId", txId);
        return json;
    }

    public static SubsetShare fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json, "taskId", "datasetId", "holderId", "status", "contribution", "reason", "answeredAt", "txId");
        Map<String, Object> contribution = JsonFields.optionalObject(json, "contribution");
        return new SubsetShare(
                JsonFields.string(json, "taskId"),
                JsonFields.string(json, "datasetId"),
                JsonFields.string(json, "holderId"),
                SubsetShareStatus.fromWire(JsonFields.string(json, "status")),
                contribution == null ? null : SubsetContribution.fromJson(contribution),
                JsonFields.optionalString(json, "reason"),
                JsonFields.instant(json, "answeredAt"),
                JsonFields.string(json, "txId"));
    }
}
