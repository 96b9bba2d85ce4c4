package org.medfed.common.subset;

import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/** A contribution the warm-up could not use, and why (its blob's hash, seal, rows or class counts). */
public record SubsetExclusion(String datasetId, String detail) implements JsonRecord {
    public static final int MAX_DETAIL = 512;

    public SubsetExclusion {
        Checks.id("datasetId", datasetId);
        detail = Checks.text(
                "detail", detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) : detail, MAX_DETAIL);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("datasetId", datasetId);
        json.put("detail", detail);
        return json;
    }

    public static SubsetExclusion fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "datasetId", "detail");
        return new SubsetExclusion(JsonFields.string(json, "datasetId"), JsonFields.string(json, "detail"));
    }
}
