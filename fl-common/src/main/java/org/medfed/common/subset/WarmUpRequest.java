package org.medfed.common.subset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.ContentRef;

/**
 * What one endorser's warm-up computed: the warmed model (the initial model itself when no contribution was usable),
 * the datasets whose rows it used, those it excluded and why, and the rows of each class it trained on.
 */
public record WarmUpRequest(
        String taskId, ContentRef warmModel, List<String> used, List<SubsetExclusion> excluded, List<Long> classCounts)
        implements JsonRecord {

    public WarmUpRequest {
        Checks.id("taskId", taskId);
        Checks.required("warmModel", warmModel);
        used = List.copyOf(used);
        excluded = List.copyOf(excluded);
        classCounts = List.copyOf(classCounts);
    }

    public long rows() {
        return classCounts.stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("warmModel", warmModel.toJson());
        json.put("used", used);
        List<Map<String, Object>> items = new ArrayList<>();
        excluded.forEach(e -> items.add(e.toJson()));
        json.put("excluded", items);
        json.put("classCounts", classCounts);
        return json;
    }

    public static WarmUpRequest fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "taskId", "warmModel", "used", "excluded", "classCounts");
        return new WarmUpRequest(
                JsonFields.string(json, "taskId"),
                ContentRef.fromJson(JsonFields.object(json, "warmModel")),
                JsonFields.strings(json, "used"),
                JsonFields.objects(json, "excluded").stream()
                        .map(SubsetExclusion::fromJson)
                        .toList(),
                JsonFields.integers(json, "classCounts"));
    }
}
