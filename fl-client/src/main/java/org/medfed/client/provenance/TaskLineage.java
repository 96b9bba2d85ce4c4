package org.medfed.client.provenance;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.StrategySpec;

/**
 * A model's lineage inside one task: its round first, then every earlier global model down to the initial one.
 * {@code retention} is the task's retention policy (null: none) and {@code releasedInputs}, by round, what it says of
 * each round in the lineage whose inputs it released (organisations may have unpinned their update blobs).
 */
public record TaskLineage(
        String taskId,
        String title,
        StrategySpec strategy,
        List<RoundLineage> rounds,
        RetentionPolicy retention,
        Map<Long, String> releasedInputs) {

    /** A task without a retention policy. */
    public TaskLineage(String taskId, String title, StrategySpec strategy, List<RoundLineage> rounds) {
        this(taskId, title, strategy, rounds, null, Map.of());
    }

    public TaskLineage {
        rounds = List.copyOf(rounds);
        releasedInputs = Collections.unmodifiableMap(new TreeMap<>(releasedInputs));
        if (rounds.isEmpty() || !rounds.get(rounds.size() - 1).initial()) {
            throw new IllegalArgumentException("a lineage ends with the task's initial model (round 0)");
        }
    }
}
