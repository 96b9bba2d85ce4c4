package org.medfed.client.ledger;

import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Task;
import org.medfed.common.round.RoundState;

/** What {@code task:createTask}, {@code pauseTask}, {@code resumeTask} and {@code cancelTask} return. */
public record TaskAndRound(Task task, RoundState round) {

    static TaskAndRound fromJson(Map<String, Object> json) {
        return new TaskAndRound(
                Task.fromJson(JsonFields.object(json, "task")), RoundState.fromJson(JsonFields.object(json, "round")));
    }
}
