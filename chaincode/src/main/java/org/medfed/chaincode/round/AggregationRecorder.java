package org.medfed.chaincode.round;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.reputation.ReputationBook;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.Records;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ModelOccurrence;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.reputation.ReputationCause;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.AggregationRules;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.Rounds;
import org.medfed.contract.support.Rules;

/**
 * Records the report {@code aggregator:aggregateRound} recomputed on every endorser (through
 * {@link LedgerAggregationPort}): stores it for the closed round, updates the reputations it implies (quality scores,
 * penalised exclusions), indexes the new global model and opens the next round. It is no transaction of its own:
 * the former {@code round:recordAggregation}, which took a caller's report on trust, is refused by
 * {@link RoundContract#unknownTransaction}.
 */
final class AggregationRecorder {

    String record(LedgerContext ctx, AggregationRequest report) {
        Participant recorder = ctx.access().requireActive();

        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, report.taskId());
        Rules.enforce(() -> {
            task.requireActive();
            Rounds.requireCurrent(task, report.round());
        });
        RoundState round = Records.round(ledger, task.id(), report.round());
        AggregationRules.Result result = Rules.enforce(
                () -> AggregationRules.accept(task, round, report, recorder.id(), ctx.txTimestamp(), ctx.txId()));

        List<ReputationChange> changes = reputationChanges(new ReputationBook(ledger), task, report, ctx);
        ledger.put(ledger.keys().aggregation(task.id(), round.round()), result.record());
        ledger.put(ledger.keys().round(task.id(), round.round()), result.aggregated());
        ledger.put(ledger.keys().task(task.id()), result.task());
        if (result.next() != null) {
            ledger.put(ledger.keys().round(task.id(), result.next().round()), result.next());
        }
        ModelOccurrence model = new ModelOccurrence(task.id(), round.round(), report.globalModel());
        ledger.put(ledger.keys().modelBySha256(model.model().sha256(), task.id(), round.round()), model);
        ledger.put(ledger.keys().modelByCid(model.model().cid(), task.id(), round.round()), model);
        for (UsageReceipt receipt : UsageReceipts.of(ledger, task, report, ctx.txTimestamp())) {
            ledger.put(ledger.keys().usageReceipt(receipt.datasetId(), task.id(), round.round()), receipt);
        }
        return ledger.emit(
                EventNames.ROUND_AGGREGATED,
                RoundPayloads.of(result.task(), result.aggregated(), result.record(), result.next(), changes));
    }

    /** One change per participant (the report names each once), in participant order. */
    private static List<ReputationChange> reputationChanges(
            ReputationBook book, Task task, AggregationRequest report, LedgerContext ctx) {
        List<ReputationChange> changes = new ArrayList<>();
        for (Contribution contribution : report.contributions()) {
            changes.add(book.change(
                    task,
                    contribution.participantId(),
                    ReputationCause.QUALITY,
                    contribution.qualityScore(),
                    report.round(),
                    ctx.txId(),
                    ctx.txTimestamp()));
        }
        for (Exclusion exclusion : report.excluded()) {
            if (exclusion.reason().penalised()) {
                changes.add(book.change(
                        task,
                        exclusion.participantId(),
                        ReputationCause.REJECTED_UPDATE,
                        null,
                        report.round(),
                        ctx.txId(),
                        ctx.txTimestamp()));
            }
        }
        changes.sort(Comparator.comparing(ReputationChange::participantId));
        return changes;
    }
}
