package org.medfed.client.provenance;

import java.util.List;
import org.medfed.common.model.StrategySpec;

/** A model's lineage inside one task: its round first, then every earlier global model down to the initial one. */
public record TaskLineage(String taskId, String title, StrategySpec strategy, List<RoundLineage> rounds) {

    public TaskLineage {
        rounds = List.copyOf(rounds);
        if (rounds.isEmpty() || !rounds.get(rounds.size() - 1).initial()) {
            throw new IllegalArgumentException("a lineage ends with the task's initial model (round 0)");
        }
    }
}
