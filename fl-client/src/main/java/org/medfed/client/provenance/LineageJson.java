package org.medfed.client.provenance;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.CanonicalJson;

/**
 * A lineage as one JSON object: {@code {"query", "lineages": [{"taskId", "taskTitle", "strategy", "rounds"}]}}, where
 * each element of {@code rounds} (newest first, down to the initial model) is the ledger's lineage object as it came.
 * A task with a retention policy also has {@code retention} (the policy) and {@code inputsReleased} (the rounds of the
 * lineage whose inputs the policy released).
 */
public final class LineageJson {
    private LineageJson() {}

    public static String render(Lineage lineage) {
        List<Map<String, Object>> tasks = lineage.tasks().stream()
                .map(task -> {
                    Map<String, Object> json = new TreeMap<>();
                    json.put("taskId", task.taskId());
                    json.put("taskTitle", task.title());
                    json.put("strategy", task.strategy().toJson());
                    json.put(
                            "rounds",
                            task.rounds().stream().map(RoundLineage::ledgerJson).toList());
                    if (task.retention() != null) {
                        json.put("retention", task.retention().toJson());
                        json.put(
                                "inputsReleased",
                                List.copyOf(task.releasedInputs().keySet()));
                    }
                    return json;
                })
                .toList();
        return CanonicalJson.encode(Map.of("query", lineage.query(), "lineages", tasks));
    }
}
