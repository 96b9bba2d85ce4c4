package org.medfed.client.ledger;

import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.DatasetUseApproval;

/**
 * A task's use of one dataset it admits, as {@code dataset:getDatasetUse} answers: the dataset's holder (null while
 * the dataset is unregistered), the status ({@code approved}, {@code declined}, {@code revoked} or {@code pending})
 * and the latest decision (null while pending).
 */
public record DatasetUse(String datasetId, String holderId, String status, DatasetUseApproval decision) {
    public static final String PENDING = "pending";

    public boolean approved() {
        return decision != null && decision.approved();
    }

    public static DatasetUse fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "datasetId", "holderId", "status", "decision");
        Map<String, Object> decision = JsonFields.optionalObject(json, "decision");
        return new DatasetUse(
                JsonFields.string(json, "datasetId"),
                JsonFields.optionalString(json, "holderId"),
                JsonFields.string(json, "status"),
                decision == null ? null : DatasetUseApproval.fromJson(decision));
    }
}
