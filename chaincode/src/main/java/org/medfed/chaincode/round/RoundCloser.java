package org.medfed.chaincode.round;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.reputation.ReputationBook;
import org.medfed.chaincode.subset.SubsetRecords;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.Records;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.reputation.ReputationCause;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundClosing;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.Rounds;
import org.medfed.common.round.Standing;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.Rules;

/**
 * {@code round:closeRound}: any active participant may call it; the transaction time decides between closing,
 * waiting ({@code ROUND_STILL_OPEN}) and aborting. Expected participants that missed the deadline lose reputation.
 */
final class RoundCloser {

    String close(LedgerContext ctx, String taskId, String roundNumber) {
        Args.id("taskId", taskId);
        long requested = Args.positive("round", roundNumber, Long.MAX_VALUE);
        ctx.access().requireActive();

        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        Rules.enforce(() -> {
            task.requireActive();
            Rounds.requireCurrent(task, requested);
        });
        SubsetRecords.requireWarmedUp(ledger, task, requested);
        RoundState round = Records.round(ledger, taskId, requested);
        List<String> submitted =
                ledger.scan(ledger.keys().updatesOf(taskId, requested), UpdateRecord::fromJson).stream()
                        .map(UpdateRecord::participantId)
                        .toList();
        ReputationBook reputations = new ReputationBook(ledger);
        Map<String, Standing> standings = new TreeMap<>();
        for (String participantId : task.spec().eligibleParticipants()) {
            Participant participant = ledger.find(ledger.keys().participant(participantId), Participant::fromJson)
                    .orElse(null);
            standings.put(
                    participantId,
                    Standing.of(
                            participant,
                            reputations.current(task, participantId),
                            task.spec().reputation()));
        }

        RoundClosing.Result result =
                Rules.enforce(() -> RoundClosing.close(task, round, ctx.txTimestamp(), submitted, standings));

        List<ReputationChange> changes = new ArrayList<>();
        for (String missed : result.missed()) {
            changes.add(reputations.change(
                    task, missed, ReputationCause.MISSED_ROUND, null, requested, ctx.txId(), ctx.txTimestamp()));
        }
        ledger.put(ledger.keys().round(taskId, requested), result.round());
        if (task.spec().securelyAggregated() && result.outcome() != RoundClosing.Outcome.CLOSED) {
            // The aborted attempt's masks die with its keys: its masked inputs could never be unmasked, and the
            // retry must accept new ones. Their privacy charge stays; the key history keeps them.
            submitted.forEach(id -> ledger.delete(ledger.keys().update(taskId, requested, id)));
        }
        if (result.outcome() == RoundClosing.Outcome.PAUSED) {
            ledger.put(ledger.keys().task(taskId), result.task());
        }
        String event =
                result.outcome() == RoundClosing.Outcome.CLOSED ? EventNames.ROUND_CLOSED : EventNames.ROUND_ABORTED;
        return ledger.emit(event, RoundPayloads.of(result.task(), result.round(), null, null, changes));
    }
}
