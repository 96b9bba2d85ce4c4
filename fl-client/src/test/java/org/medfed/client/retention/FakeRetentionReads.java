package org.medfed.client.retention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.subset.SubsetContribution;

/** A ledger for the planner: tasks, updates, aggregations and attestation counts set by the test; records reads. */
final class FakeRetentionReads implements RetentionReads {
    final List<Task> tasks = new ArrayList<>();
    final Map<String, List<UpdateRecord>> updates = new HashMap<>();
    final Map<String, AggregationRecord> aggregations = new HashMap<>();
    final Map<String, Long> verifications = new HashMap<>();
    final List<String> reads = new ArrayList<>();
    MedfedException failure;

    static String key(String taskId, long round) {
        return taskId + "~" + round;
    }

    @Override
    public List<Task> tasks() throws MedfedException {
        reads.add("tasks");
        if (failure != null) {
            throw failure;
        }
        return List.copyOf(tasks);
    }

    @Override
    public List<UpdateRecord> updates(String taskId, long round) {
        reads.add("updates " + key(taskId, round));
        return updates.getOrDefault(key(taskId, round), List.of());
    }

    @Override
    public AggregationRecord aggregation(String taskId, long round) {
        reads.add("aggregation " + key(taskId, round));
        AggregationRecord record = aggregations.get(key(taskId, round));
        if (record == null) {
            throw new AssertionError("round " + key(taskId, round) + " has no aggregation");
        }
        return record;
    }

    @Override
    public long verifications(String taskId, long round) {
        reads.add("verifications " + key(taskId, round));
        return verifications.getOrDefault(key(taskId, round), 0L);
    }

    @Override
    public List<SubsetContribution> sharedRows(String taskId) {
        reads.add("sharedRows " + taskId);
        return List.of();
    }
}
