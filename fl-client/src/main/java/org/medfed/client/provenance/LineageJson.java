package org.medfed.client.provenance;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.CanonicalJson;

/**
 * A lineage as one JSON object: {@code {"query", "lineages": [{"taskId", "taskTitle", "strategy", "rounds"}]}}, where
 * each element of {@code rounds} (newest first, down to the initial model) is the ledger's lineage object as it came.
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
                    return json;
                })
                .toList();
        return CanonicalJson.encode(Map.of("query", lineage.query(), "lineages", tasks));
    }
}
