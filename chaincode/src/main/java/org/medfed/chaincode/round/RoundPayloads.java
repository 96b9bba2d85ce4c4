package org.medfed.chaincode.round;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Task;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;

/**
 * The payload (and result) of the round events: {@code task} (without its spec), {@code round}, the reputation
 * changes the transaction made, and for an aggregation the record and the round it opened ({@code nextRound}, null
 * once the task completed).
 */
final class RoundPayloads {
    private RoundPayloads() {}

    static Map<String, Object> of(
            Task task,
            RoundState round,
            AggregationRecord aggregation,
            RoundState next,
            List<ReputationChange> changes) {
        Map<String, Object> json = new TreeMap<>();
        json.put("task", task.summary());
        json.put("round", round.toJson());
        json.put("reputation", changes.stream().map(ReputationChange::toJson).toList());
        if (aggregation != null) {
            json.put("aggregation", aggregation.toJson());
            json.put("nextRound", next == null ? null : next.toJson());
        }
        return json;
    }
}
