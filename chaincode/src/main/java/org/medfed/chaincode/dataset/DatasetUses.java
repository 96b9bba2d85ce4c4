package org.medfed.chaincode.dataset;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.Records;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.model.UsePurpose;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.Rules;

/**
 * A data holder's decisions on a task's use of its dataset, for the purpose the task declared: one key per task
 * and dataset holding the latest decision, whose history is every decision. Enforcement is
 * {@link Records#requireDatasetUseApproved}; receipts are written by the aggregation.
 */
final class DatasetUses {
    static final String PENDING = "pending";

    /** Checks, in this order: arguments, caller, task, dataset, ownership, admission, purpose, transition. */
    String decide(LedgerContext ctx, String taskId, String datasetId, String reason, DatasetUseStatus status) {
        Args.id("taskId", taskId);
        Args.id("datasetId", datasetId);
        String why = status == DatasetUseStatus.APPROVED && (reason == null || reason.isEmpty())
                ? null
                : Args.text("reason", reason, DatasetUseApproval.MAX_REASON);
        Participant holder = ctx.access().requireDataHolder();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        DatasetDescription dataset = Records.dataset(ledger, datasetId);
        if (!dataset.ownerId().equals(holder.id())) {
            throw new FlChaincodeException(
                    ErrorCode.UNAUTHORIZED,
                    "only the holder that registered dataset " + datasetId + " decides on its use");
        }
        if (!task.spec().admits(datasetId)) {
            throw new FlChaincodeException(
                    ErrorCode.DATASET_NOT_ADMITTED, "task " + taskId + " does not name dataset " + datasetId);
        }
        UsePurpose purpose = task.spec()
                .declaredPurpose()
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.INVALID_ARGUMENT,
                        "task " + taskId + " declares no usePurpose: there is no use to approve or decline"));
        String key = ledger.keys().datasetUse(taskId, datasetId);
        Optional<DatasetUseApproval> current = ledger.find(key, DatasetUseApproval::fromJson);
        Rules.enforce(() -> status.requireReachableFrom(
                current.map(DatasetUseApproval::status).orElse(null)));
        DatasetUseApproval decision;
        try {
            decision = new DatasetUseApproval(
                    taskId, datasetId, holder.id(), purpose.code(), status, why, ctx.txTimestamp());
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
        byte[] json = ledger.put(key, decision);
        ledger.emit(event(status), json);
        return new String(json, UTF_8);
    }

    /** The use of one dataset by the task, decided or pending; see {@link #entry}. */
    Map<String, Object> use(LedgerContext ctx, String taskId, String datasetId) {
        Args.id("taskId", taskId);
        Args.id("datasetId", datasetId);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        if (!task.spec().admits(datasetId)) {
            throw new FlChaincodeException(
                    ErrorCode.DATASET_NOT_ADMITTED, "task " + taskId + " does not name dataset " + datasetId);
        }
        return entry(ledger, taskId, datasetId);
    }

    /**
     * {@code {"taskId", "purpose" (the declared code or null), "approvalRequired", "items"}}: one entry per dataset
     * the task admits, in dataset id order.
     */
    Map<String, Object> uses(LedgerContext ctx, String taskId) {
        Args.id("taskId", taskId);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        List<Map<String, Object>> items = new ArrayList<>();
        for (String datasetId : task.spec().admittedDatasets()) {
            items.add(entry(ledger, taskId, datasetId));
        }
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put(
                "purpose",
                task.spec().declaredPurpose().map(p -> p.code().wire()).orElse(null));
        json.put("approvalRequired", task.spec().requiresDatasetApproval());
        json.put("items", items);
        return json;
    }

    /**
     * {@code {"datasetId", "holderId" (null while unregistered), "status" (a decision's or "pending"), "decision"
     * (the latest decision or null)}}.
     */
    private static Map<String, Object> entry(LedgerStore ledger, String taskId, String datasetId) {
        Optional<DatasetUseApproval> decision =
                ledger.find(ledger.keys().datasetUse(taskId, datasetId), DatasetUseApproval::fromJson);
        Optional<DatasetDescription> dataset =
                ledger.find(ledger.keys().dataset(datasetId), DatasetDescription::fromJson);
        Map<String, Object> json = new TreeMap<>();
        json.put("datasetId", datasetId);
        json.put("holderId", dataset.map(DatasetDescription::ownerId).orElse(null));
        json.put("status", decision.map(d -> d.status().wire()).orElse(PENDING));
        json.put("decision", decision.map(DatasetUseApproval::toJson).orElse(null));
        return json;
    }

    private static String event(DatasetUseStatus status) {
        return switch (status) {
            case APPROVED -> EventNames.DATASET_USE_APPROVED;
            case DECLINED -> EventNames.DATASET_USE_DECLINED;
            case REVOKED -> EventNames.DATASET_USE_REVOKED;
        };
    }
}
