package org.medfed.common.model;

import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * Where a global model appears: as the initial model of a task (round 0) or as the aggregate of a round. Indexed
 * by SHA-256 and by CID so a model's lineage can be found from either.
 */
public record ModelOccurrence(String taskId, long round, ContentRef model) implements JsonRecord {

    public ModelOccurrence {
        Checks.id("taskId", taskId);
        Checks.range("round", round, 0, TaskSpec.MAX_ROUNDS);
        Checks.required("model", model);
    }

    public boolean initial() {
        return round == 0;
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("taskId", taskId, "round", round, "model", model.toJson());
    }

    public static ModelOccurrence fromJson(Map<String, Object> json) {
        return new ModelOccurrence(
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                ContentRef.fromJson(JsonFields.object(json, "model")));
    }
}
