package org.medfed.common.round;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/**
 * Closing a round ({@code round:closeRound}), decided from the transaction time alone. The participants expected
 * are the eligible ones in good standing; an update counts towards quorum while its participant is registered and
 * active. Before the deadline the round closes only when every expected participant has submitted and quorum is
 * met; at or after it, it closes with quorum or aborts without. An abort reopens the round as a new attempt, or
 * pauses the task after {@code maxAbortsBeforePause} consecutive aborts.
 */
public final class RoundClosing {

    public enum Outcome {
        CLOSED,
        RETRIED,
        PAUSED
    }

    /**
     * The new task and round, the expected participants that missed the deadline (each loses reputation), and
     * what happened.
     */
    public record Result(Task task, RoundState round, List<String> missed, Outcome outcome) {}

    private RoundClosing() {}

    /**
     * @param submitted participants with an update in this round (any order)
     * @param standings every eligible participant's standing; a missing entry means not registered
     */
    public static Result close(
            Task task, RoundState round, Instant now, List<String> submitted, Map<String, Standing> standings) {
        task.requireActive();
        Rounds.requireCurrent(task, round.round());
        round.requireOpen();
        TaskSpec spec = task.spec();
        List<String> contributors = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<Exclusion> exclusions = new ArrayList<>();
        for (String participant : spec.eligibleParticipants()) {
            Standing standing = standings.getOrDefault(participant, Standing.NOT_REGISTERED);
            boolean sent = submitted.contains(participant);
            boolean counts = standing == Standing.GOOD || standing == Standing.BELOW_THRESHOLD && sent;
            if (counts && sent) {
                contributors.add(participant);
            } else if (counts) {
                missing.add(participant);
                exclusions.add(new Exclusion(participant, ExclusionReason.MISSED_DEADLINE, null));
            } else {
                exclusions.add(new Exclusion(participant, standing.reason(), null));
            }
        }
        boolean quorum = contributors.size() >= spec.quorum();
        if (!round.deadlinePassed(now)) {
            if (!missing.isEmpty() || !quorum) {
                throw new RuleViolation(
                        ErrorCode.ROUND_STILL_OPEN,
                        "round " + round.round() + " of task "
                                + task.id() + " waits until " + round.deadline() + ": " + contributors.size()
                                + " of " + spec.quorum() + " required updates, " + missing.size()
                                + " expected still missing");
            }
            return new Result(
                    task,
                    round.closed(now, CloseReason.ALL_SUBMITTED, contributors, exclusions),
                    List.of(),
                    Outcome.CLOSED);
        }
        if (quorum) {
            return new Result(
                    task,
                    round.closed(now, CloseReason.DEADLINE_WITH_QUORUM, contributors, exclusions),
                    missing,
                    Outcome.CLOSED);
        }
        RoundState aborted = round.aborted(now, submitted.stream().sorted().toList(), missing);
        if (aborted.consecutiveAborts() >= spec.maxAbortsBeforePause()) {
            Task paused = task.pause(
                    "round " + round.round() + " aborted " + aborted.consecutiveAborts()
                            + " times in a row without quorum",
                    now);
            return new Result(paused, aborted, missing, Outcome.PAUSED);
        }
        return new Result(task, aborted.retry(now, spec.roundDurationSeconds()), missing, Outcome.RETRIED);
    }
}
