package org.medfed.chaincode.round;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Optional;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.reputation.ReputationBook;
import org.medfed.chaincode.secagg.SecureRoundRecords;
import org.medfed.chaincode.subset.SubsetRecords;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.Records;
import org.medfed.common.budget.PrivacyAccounting;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.reputation.ReputationScore;
import org.medfed.common.round.Admission;
import org.medfed.common.round.RoundState;
import org.medfed.common.secagg.SecureAdmission;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.Rules;

/**
 * {@code round:submitUpdate}. Writes only keys of the submitting participant (its update and its privacy budget),
 * so participants submitting in the same block never conflict; the round record is only read. A task without DP
 * keeps no budget: its key is neither read nor written, and the update record carries no ε. In a task that
 * aggregates securely the update is a masked input, which {@link SecureAdmission} checks too.
 */
final class UpdateSubmitter {
    private final PrivacyAccounting accounting;

    UpdateSubmitter(PrivacyAccounting accounting) {
        this.accounting = accounting;
    }

    String submit(LedgerContext ctx, String updateJson) {
        UpdateSubmission update = Args.json("update", updateJson, UpdateSubmission::fromJson);
        Participant participant = ctx.access().requireDataHolder();

        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, update.taskId());
        RoundState round = Records.round(ledger, task.id(), task.currentRound());
        DatasetDescription dataset = ledger.find(
                        ledger.keys().dataset(update.datasetId()), DatasetDescription::fromJson)
                .orElse(null);
        String updateKey = ledger.keys().update(task.id(), update.round(), participant.id());
        boolean duplicate = ledger.exists(updateKey);
        ReputationScore reputation = new ReputationBook(ledger).current(task, participant.id());
        String budgetKey = ledger.keys().budget(task.id(), participant.id());

        SubsetRecords.requireWarmedUp(ledger, task, update.round());
        Rules.enforce(() ->
                Admission.admit(task, round, participant, reputation, dataset, duplicate, update, ctx.txTimestamp()));
        // Checked at every submission: a revocation stops the dataset's next update, never one already accepted.
        Records.requireDatasetUseApproved(ledger, task, update.datasetId());
        if (task.spec().securelyAggregated()) {
            SecureRoundRecords records =
                    SecureRoundRecords.read(ledger, task, round, SecureRoundRecords.Reads.KEYS_AND_SHARES);
            Rules.enforce(() -> SecureAdmission.admitMasked(
                    task.spec(),
                    round,
                    records.shares().containsKey(participant.id()),
                    records.progress(),
                    dataset,
                    update,
                    ctx.txTimestamp()));
        }
        Optional<PrivacyBudget> charged = Rules.enforce(() -> accounting.chargeUpdate(
                task.spec(),
                participant.id(),
                () -> ledger.find(budgetKey, PrivacyBudget::fromJson),
                update.round(),
                update.dp(),
                ctx.txTimestamp()));
        UpdateRecord record = new UpdateRecord(
                update,
                participant.id(),
                ctx.txTimestamp(),
                ctx.txId(),
                charged.map(PrivacyBudget::epsilon).orElse(null),
                charged.map(PrivacyBudget::epsilonOrder).orElse(null),
                reputation.score());

        byte[] json = ledger.put(updateKey, record);
        charged.ifPresent(budget -> ledger.put(budgetKey, budget));
        ledger.emit(EventNames.UPDATE_SUBMITTED, json);
        return new String(json, UTF_8);
    }
}
