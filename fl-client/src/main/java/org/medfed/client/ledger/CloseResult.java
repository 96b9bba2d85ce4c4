package org.medfed.client.ledger;

import java.util.List;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;

/**
 * {@code round:closeRound}: the task's status and current round afterwards, the round as the close left it (closed,
 * or the next attempt after an abort, or aborted when the task paused) and the reputation changes it made.
 */
public record CloseResult(String taskStatus, long currentRound, RoundState round, List<ReputationChange> reputation) {

    public CloseResult {
        reputation = List.copyOf(reputation);
    }

    static CloseResult fromJson(Map<String, Object> json) {
        Map<String, Object> task = JsonFields.object(json, "task");
        return new CloseResult(
                JsonFields.string(task, "status"),
                JsonFields.integer(task, "currentRound"),
                RoundState.fromJson(JsonFields.object(json, "round")),
                JsonFields.objects(json, "reputation").stream()
                        .map(ReputationChange::fromJson)
                        .toList());
    }
}
