package org.medfed.common.round;

import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/** Rules every round transaction shares. */
public final class Rounds {
    private Rounds() {}

    /** Only the task's current round may change: an earlier one is stale, a later one has not opened. */
    public static void requireCurrent(Task task, long round) {
        if (round < task.currentRound()) {
            throw new RuleViolation(
                    ErrorCode.STALE_ROUND,
                    "round " + round + " of task " + task.id() + " is over; the current round is "
                            + task.currentRound());
        }
        if (round > task.currentRound()) {
            throw new RuleViolation(
                    ErrorCode.ROUND_NOT_OPEN,
                    "round " + round + " of task " + task.id() + " has not opened; the current round is "
                            + task.currentRound());
        }
    }
}
