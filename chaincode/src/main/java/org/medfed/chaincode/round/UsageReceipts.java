package org.medfed.chaincode.round;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.Records;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.model.UsePurpose;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;

/**
 * The usage receipts of an aggregated round: one per dataset whose update went into the new global model, in dataset
 * id order, built from ledger records only (the stored updates, the datasets' holders, the approvals), so every
 * endorser writes the same bytes. Left-out updates used no data of the model and get no receipt.
 */
final class UsageReceipts {
    private UsageReceipts() {}

    static List<UsageReceipt> of(LedgerStore ledger, Task task, AggregationRequest report, Instant aggregatedAt) {
        PurposeOfUse purpose =
                task.spec().declaredPurpose().map(UsePurpose::code).orElse(null);
        List<UsageReceipt> receipts = new ArrayList<>();
        for (Contribution contribution : report.contributions()) {
            UpdateRecord record = ledger.find(
                            ledger.keys().update(task.id(), report.round(), contribution.participantId()),
                            UpdateRecord::fromJson)
                    .orElseThrow(() -> new FlChaincodeException(
                            ErrorCode.INTERNAL,
                            "round " + report.round() + " aggregated an update of " + contribution.participantId()
                                    + " that is not stored"));
            UpdateSubmission update = record.submission();
            receipts.add(new UsageReceipt(
                    update.datasetId(),
                    Records.dataset(ledger, update.datasetId()).ownerId(),
                    record.participantId(),
                    task.id(),
                    report.round(),
                    update.numExamples(),
                    update.kind() == UpdateKind.MASKED ? null : update.sha256(),
                    report.globalModel().sha256(),
                    report.globalModel().cid(),
                    purpose,
                    purpose == null ? null : approvalAcceptedUnder(ledger, task, record),
                    aggregatedAt));
        }
        receipts.sort(Comparator.comparing(UsageReceipt::datasetId));
        return receipts;
    }

    /**
     * When the approval the update was accepted under was decided: the latest decision, if it is an approval decided
     * no later than the update. After a later decision (a revocation, a new approval) null: that approval is then
     * only in the key's history, which a transaction cannot read deterministically.
     */
    private static Instant approvalAcceptedUnder(LedgerStore ledger, Task task, UpdateRecord record) {
        String datasetId = record.submission().datasetId();
        return ledger.find(ledger.keys().datasetUse(task.id(), datasetId), DatasetUseApproval::fromJson)
                .filter(DatasetUseApproval::approved)
                .map(DatasetUseApproval::decidedAt)
                .filter(decidedAt -> !decidedAt.isAfter(record.submittedAt()))
                .orElse(null);
    }
}
