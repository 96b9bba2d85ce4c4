package org.medfed.client.ledger;

import java.util.List;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;

/**
 * What {@code aggregator:aggregateRound} returns: the task's status and round afterwards, the aggregated round, the
 * record, the reputation changes and the next round (null once completed).
 */
public record AggregateResult(
        String taskStatus,
        long currentRound,
        RoundState round,
        AggregationRecord aggregation,
        List<ReputationChange> reputation,
        RoundState nextRound) {

    public AggregateResult {
        reputation = List.copyOf(reputation);
    }

    static AggregateResult fromJson(Map<String, Object> json) {
        Map<String, Object> task = JsonFields.object(json, "task");
        Map<String, Object> next = JsonFields.optionalObject(json, "nextRound");
        return new AggregateResult(
                JsonFields.string(task, "status"),
                JsonFields.integer(task, "currentRound"),
                RoundState.fromJson(JsonFields.object(json, "round")),
                AggregationRecord.fromJson(JsonFields.object(json, "aggregation")),
                JsonFields.objects(json, "reputation").stream()
                        .map(ReputationChange::fromJson)
                        .toList(),
                next == null ? null : RoundState.fromJson(next));
    }
}
