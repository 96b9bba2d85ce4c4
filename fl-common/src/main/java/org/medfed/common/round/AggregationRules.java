package org.medfed.common.round;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/**
 * Accepting the report {@code aggregator:aggregateRound} computed for a closed round: it must account for each
 * update the round accepted at close exactly once, as a contribution or an exclusion, use at least quorum of them,
 * and name the optimizer state after the round exactly when the task's strategy keeps one, and the control variate
 * after the round exactly when the task is a SCAFFOLD one. The round becomes aggregated and the task moves to its next round, or completes after the last.
 */
public final class AggregationRules {

    /** The record to store, the aggregated round, the task after it and, unless the task completed, the next round. */
    public record Result(AggregationRecord record, RoundState aggregated, Task task, RoundState next) {}

    private AggregationRules() {}

    public static Result accept(
            Task task, RoundState round, AggregationRequest report, String recordedBy, Instant now, String txId) {
        task.requireActive();
        Rounds.requireCurrent(task, report.round());
        RoundState aggregated = round.aggregated(now, report.globalModel());
        List<String> reported = Stream.concat(
                        report.contributions().stream().map(Contribution::participantId),
                        report.excluded().stream().map(Exclusion::participantId))
                .sorted()
                .toList();
        if (!reported.equals(round.accepted())) {
            throw new RuleViolation(
                    ErrorCode.INVALID_ARGUMENT,
                    "the report must account exactly for the updates" + " round " + round.round() + " accepted: "
                            + round.accepted());
        }
        if (Strategies.needsOptimizerState(task.spec().strategy()) != (report.optimizerState() != null)) {
            throw new RuleViolation(
                    ErrorCode.INVALID_ARGUMENT,
                    "strategy " + task.spec().strategy().name()
                            + (report.optimizerState() == null
                                    ? " needs the optimizer state after the round in the report"
                                    : " keeps no optimizer state, yet the report names one"));
        }
        if (Strategies.needsControlVariate(task.spec().strategy()) != (report.controlVariate() != null)) {
            throw new RuleViolation(
                    ErrorCode.INVALID_ARGUMENT,
                    "strategy " + task.spec().strategy().name()
                            + (report.controlVariate() == null
                                    ? " needs the control variate after the round in the report"
                                    : " keeps no control variate, yet the report names one"));
        }
        if (report.contributions().size() < task.spec().quorum()) {
            throw new RuleViolation(
                    ErrorCode.QUORUM_NOT_MET,
                    report.contributions().size() + " contributing updates; task " + task.id() + " needs "
                            + task.spec().quorum());
        }
        AggregationRecord record = new AggregationRecord(report, round.baseModel(), recordedBy, now, txId);
        Task advanced = task.advance(report.globalModel(), now);
        RoundState next = advanced.currentRound() > round.round()
                ? aggregated.next(now, task.spec().roundDurationSeconds())
                : null;
        return new Result(record, aggregated, advanced, next);
    }
}
