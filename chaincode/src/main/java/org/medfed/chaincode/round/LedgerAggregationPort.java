package org.medfed.chaincode.round;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.medfed.aggregator.AggregationLedger;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.secagg.SecureRoundRecords;
import org.medfed.chaincode.subset.WarmUps;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.Records;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.aggregation.round.AcceptedUpdate;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.SecureRoundInput;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.common.round.Rounds;
import org.medfed.common.subset.WarmUpInput;
import org.medfed.common.subset.WarmUpRequest;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.FlContext;
import org.medfed.contract.support.Rules;

/**
 * The ledger side of {@code aggregator:aggregateRound}: registered in {@code META-INF/services} so the aggregator
 * contract finds it with {@link java.util.ServiceLoader} without depending on this module.
 */
public final class LedgerAggregationPort implements AggregationLedger {
    private final AggregationRecorder recorder = new AggregationRecorder();
    private final WarmUps warmUps = new WarmUps();

    @Override
    public RoundInput load(FlContext flContext, String taskId, long number) {
        LedgerContext ctx = ledgerContext(flContext);
        ctx.access().requireActive();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        Rules.enforce(() -> {
            task.requireActive();
            Rounds.requireCurrent(task, number);
        });
        RoundState round = Records.round(ledger, taskId, number);
        if (round.status() != RoundStatus.CLOSED) {
            throw notClosed(round);
        }
        RoundInput input = input(ledger, task, round);
        if (input.secure() != null) {
            SecureUnmaskGate.requireReady(task, round, input.secure(), ctx.txTimestamp());
        }
        return input;
    }

    @Override
    public RoundInput input(FlContext flContext, String taskId, long number) {
        LedgerContext ctx = ledgerContext(flContext);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        RoundState round = Records.round(ledger, taskId, number);
        if (round.status() != RoundStatus.CLOSED && round.status() != RoundStatus.AGGREGATED) {
            throw notClosed(round);
        }
        return input(ledger, task, round);
    }

    private static FlChaincodeException notClosed(RoundState round) {
        return new FlChaincodeException(
                ErrorCode.ROUND_NOT_CLOSED,
                "round " + round.round() + " of task " + round.taskId() + " is "
                        + round.status().wire() + ", not closed");
    }

    private static RoundInput input(LedgerStore ledger, Task task, RoundState round) {
        String taskId = task.id();
        long number = round.round();
        List<AcceptedUpdate> updates = new ArrayList<>();
        for (String participantId : round.accepted()) {
            UpdateRecord record = ledger.find(
                            ledger.keys().update(taskId, number, participantId), UpdateRecord::fromJson)
                    .orElseThrow(() -> new FlChaincodeException(
                            ErrorCode.INTERNAL,
                            "round " + number + " accepted an update of " + participantId + " that is not stored"));
            UpdateSubmission submission = record.submission();
            updates.add(new AcceptedUpdate(
                    participantId,
                    submission.ref(),
                    submission.parameterCount(),
                    submission.numExamples(),
                    submission.kind(),
                    record.reputation(),
                    submission.controlDelta()));
        }
        return new RoundInput(
                task.spec(),
                number,
                round.baseModel(),
                updates,
                previousRecord(
                                ledger,
                                task,
                                number,
                                Strategies.needsOptimizerState(task.spec().strategy()))
                        .map(AggregationRecord::optimizerState)
                        .orElse(null),
                task.spec().securelyAggregated() ? secure(ledger, task, round) : null,
                previousRecord(
                                ledger,
                                task,
                                number,
                                Strategies.needsControlVariate(task.spec().strategy()))
                        .map(AggregationRecord::controlVariate)
                        .orElse(null));
    }

    /** The keys, U2 and reveals of the round's last attempt, the one that closed. */
    private static SecureRoundInput secure(LedgerStore ledger, Task task, RoundState round) {
        SecureRoundRecords records = SecureRoundRecords.read(ledger, task, round);
        return new SecureRoundInput(
                round.attempt(),
                List.copyOf(records.keys().values()),
                List.copyOf(records.shares().keySet()),
                List.copyOf(records.reveals().values()));
    }

    /**
     * The previous round's aggregation record, for a server optimizer's state or SCAFFOLD's control variate: empty
     * when the task keeps {@code neither} ({@code needed} false) and in round 1, which starts from the initial state
     * (c = 0 for SCAFFOLD).
     */
    private static Optional<AggregationRecord> previousRecord(
            LedgerStore ledger, Task task, long number, boolean needed) {
        if (number == 1 || !needed) {
            return Optional.empty();
        }
        return Optional.of(ledger.find(ledger.keys().aggregation(task.id(), number - 1), AggregationRecord::fromJson)
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.INTERNAL,
                        "round " + (number - 1) + " of task " + task.id() + " has no aggregation record")));
    }

    @Override
    public String record(FlContext ctx, AggregationRequest report) {
        return recorder.record(ledgerContext(ctx), report);
    }

    @Override
    public WarmUpInput loadWarmUp(FlContext ctx, String taskId) {
        return warmUps.load(ledgerContext(ctx), taskId);
    }

    @Override
    public WarmUpInput warmUpInput(FlContext ctx, String taskId) {
        return warmUps.input(ledgerContext(ctx), taskId);
    }

    @Override
    public String recordWarmUp(FlContext ctx, WarmUpRequest request) {
        return warmUps.record(ledgerContext(ctx), request);
    }

    private static LedgerContext ledgerContext(FlContext ctx) {
        return ctx instanceof LedgerContext ledger ? ledger : new LedgerContext(ctx.getStub());
    }
}
