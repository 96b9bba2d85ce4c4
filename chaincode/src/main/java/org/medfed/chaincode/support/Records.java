package org.medfed.chaincode.support;

import java.util.Optional;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.round.RoundState;
import org.medfed.contract.support.FlChaincodeException;

/** Loads of records that must exist: a missing one is {@link ErrorCode#NOT_FOUND}. */
public final class Records {
    private Records() {}

    public static Participant participant(LedgerStore ledger, String participantId) {
        return ledger.find(ledger.keys().participant(participantId), Participant::fromJson)
                .orElseThrow(() -> notFound("no participant " + participantId));
    }

    public static DatasetDescription dataset(LedgerStore ledger, String datasetId) {
        return ledger.find(ledger.keys().dataset(datasetId), DatasetDescription::fromJson)
                .orElseThrow(() -> notFound("no dataset " + datasetId));
    }

    public static Task task(LedgerStore ledger, String taskId) {
        return ledger.find(ledger.keys().task(taskId), Task::fromJson).orElseThrow(() -> notFound("no task " + taskId));
    }

    public static RoundState round(LedgerStore ledger, String taskId, long round) {
        return ledger.find(ledger.keys().round(taskId, round), RoundState::fromJson)
                .orElseThrow(() -> notFound("no round " + round + " in task " + taskId));
    }

    /**
     * Refuses with {@link ErrorCode#DATASET_USE_NOT_APPROVED} unless the task needs no approval or the dataset's
     * holder's latest decision on this task's use of it is an approval.
     */
    public static void requireDatasetUseApproved(LedgerStore ledger, Task task, String datasetId) {
        if (!task.spec().requiresDatasetApproval()) {
            return;
        }
        String taskId = task.spec().id();
        DatasetUseApproval approval = approval(ledger, task, datasetId)
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.DATASET_USE_NOT_APPROVED,
                        "the holder of dataset " + datasetId + " has not approved its use by task " + taskId));
        if (!approval.approved()) {
            throw new FlChaincodeException(
                    ErrorCode.DATASET_USE_NOT_APPROVED,
                    "the holder of dataset " + datasetId + " "
                            + approval.status().wire() + " its use by task " + taskId + " at " + approval.decidedAt());
        }
    }

    /**
     * For a step that names no dataset ({@code secagg:postKeys}): unless the task needs no approval, the holder must
     * hold a dataset the task admits whose use is approved, else {@link ErrorCode#DATASET_USE_NOT_APPROVED} (the
     * refusal of its first such dataset, in id order).
     */
    public static void requireHeldDatasetUseApproved(LedgerStore ledger, Task task, String holderId) {
        if (!task.spec().requiresDatasetApproval()) {
            return;
        }
        String firstHeld = null;
        for (String datasetId : task.spec().admittedDatasets()) {
            boolean held = ledger.find(ledger.keys().dataset(datasetId), DatasetDescription::fromJson)
                    .map(dataset -> dataset.ownerId().equals(holderId))
                    .orElse(false);
            if (held) {
                if (approval(ledger, task, datasetId)
                        .map(DatasetUseApproval::approved)
                        .orElse(false)) {
                    return;
                }
                firstHeld = firstHeld == null ? datasetId : firstHeld;
            }
        }
        if (firstHeld != null) {
            requireDatasetUseApproved(ledger, task, firstHeld); // refuses, naming why
        }
        throw new FlChaincodeException(
                ErrorCode.DATASET_USE_NOT_APPROVED,
                "participant " + holderId + " holds no dataset task " + task.id() + " admits");
    }

    private static Optional<DatasetUseApproval> approval(LedgerStore ledger, Task task, String datasetId) {
        return ledger.find(ledger.keys().datasetUse(task.spec().id(), datasetId), DatasetUseApproval::fromJson);
    }

    private static FlChaincodeException notFound(String message) {
        return new FlChaincodeException(ErrorCode.NOT_FOUND, message);
    }
}
