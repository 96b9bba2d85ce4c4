package org.medfed.chaincode.provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.Records;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.ModelOccurrence;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.subset.SubsetShare;
import org.medfed.common.subset.WarmUpRecord;
import org.medfed.contract.support.FlChaincodeException;

/**
 * The lineage of one occurrence of a global model: its task and round, the parent model, the chain of earlier
 * global models back to the initial one, the aggregation record and each contributing update with its participant,
 * dataset fingerprint, cumulative ε after the update, reputation when it was submitted, the round's usage receipt
 * for the dataset and the holder's current decision on the task's use of it. For a two-stage task, {@code
 * sharedSubset} names the rows that left their sites (the warm-up record and the contributions it used), and the warm
 * model is round 0's second occurrence, origin {@code warm-up}, whose parent is the initial model.
 */
final class LineageBuilder {
    private final LedgerStore ledger;

    LineageBuilder(LedgerStore ledger) {
        this.ledger = ledger;
    }

    Map<String, Object> lineage(ModelOccurrence occurrence) {
        Task task = Records.task(ledger, occurrence.taskId());
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", task.id());
        json.put("taskTitle", task.spec().title());
        json.put("round", occurrence.round());
        json.put("model", occurrence.model().toJson());
        Optional<WarmUpRecord> warmUp = ledger.find(ledger.keys().warmUp(task.id()), WarmUpRecord::fromJson);
        json.put("sharedSubset", warmUp.map(w -> sharedSubset(task, w)).orElse(null));
        boolean warm = occurrence.initial()
                && warmUp.isPresent()
                && warmUp.get().request().warmModel().equals(occurrence.model());
        json.put("origin", warm ? "warm-up" : occurrence.initial() ? "initial" : "aggregated");
        if (warm) {
            json.put("parentModel", task.spec().model().initialModel().toJson());
            json.put(
                    "ancestry",
                    List.of(Map.of(
                            "round",
                            0L,
                            "model",
                            task.spec().model().initialModel().toJson())));
            json.put("aggregation", null);
            json.put("contributions", List.of());
            return json;
        }
        if (occurrence.initial()) {
            json.put("parentModel", null);
            json.put("ancestry", List.of());
            json.put("aggregation", null);
            json.put("contributions", List.of());
            return json;
        }
        AggregationRecord aggregation = aggregation(task.id(), occurrence.round());
        json.put("parentModel", aggregation.parentModel().toJson());
        json.put("ancestry", ancestry(task, occurrence.round()));
        json.put("aggregation", aggregation.toJson());
        List<Map<String, Object>> contributions = new ArrayList<>();
        for (Contribution contribution : aggregation.contributions()) {
            contributions.add(contribution(task.id(), occurrence.round(), contribution));
        }
        json.put("contributions", contributions);
        return json;
    }

    /** The global models before this round's, newest first, ending with the task's initial model (round 0). */
    private List<Map<String, Object>> ancestry(Task task, long round) {
        List<Map<String, Object>> models = new ArrayList<>();
        for (long earlier = round - 1; earlier >= 1; earlier--) {
            models.add(Map.of(
                    "round",
                    earlier,
                    "model",
                    aggregation(task.id(), earlier).globalModel().toJson()));
        }
        ledger.find(ledger.keys().warmUp(task.id()), WarmUpRecord::fromJson)
                .ifPresent(w -> models.add(
                        Map.of("round", 0L, "model", w.request().warmModel().toJson())));
        models.add(
                Map.of("round", 0L, "model", task.spec().model().initialModel().toJson()));
        return models;
    }

    /**
     * The rows that left their sites for a two-stage task: the warm-up record and every contribution it used, each
     * with its dataset, holder, rows per class, hashes, the consent affirmed and the transaction (docs/non-iid.md).
     */
    private Map<String, Object> sharedSubset(Task task, WarmUpRecord warmUp) {
        List<Map<String, Object>> shares = new ArrayList<>();
        for (String datasetId : warmUp.request().used()) {
            ledger.find(ledger.keys().subsetShare(task.id(), datasetId), SubsetShare::fromJson)
                    .ifPresent(share -> shares.add(share.toJson()));
        }
        Map<String, Object> json = new TreeMap<>();
        json.put("warmUp", warmUp.toJson());
        json.put("contributions", shares);
        return json;
    }

    private Map<String, Object> contribution(String taskId, long round, Contribution contribution) {
        String participantId = contribution.participantId();
        UpdateRecord update = ledger.find(ledger.keys().update(taskId, round, participantId), UpdateRecord::fromJson)
                .orElseThrow(() -> missing("update of " + participantId + " in round " + round));
        Participant participant = Records.participant(ledger, participantId);
        UpdateSubmission submission = update.submission();
        DatasetDescription dataset = Records.dataset(ledger, submission.datasetId());
        Map<String, Object> json = new TreeMap<>();
        json.put(
                "participant",
                Map.of(
                        "id",
                        participant.id(),
                        "mspId",
                        participant.mspId(),
                        "displayName",
                        participant.displayName(),
                        "role",
                        participant.role().wire()));
        json.put(
                "update",
                Map.of(
                        "cid",
                        submission.cid(),
                        "sha256",
                        submission.sha256(),
                        "numExamples",
                        submission.numExamples(),
                        "kind",
                        submission.kind().wire(),
                        "metrics",
                        new TreeMap<String, Object>(submission.metrics()),
                        "submittedAt",
                        update.submittedAt().toString(),
                        "txId",
                        update.txId()));
        json.put(
                "dataset",
                Map.of(
                        "id",
                        dataset.id(),
                        "schemaSha256",
                        dataset.schemaSha256(),
                        "contentSha256",
                        dataset.contentSha256()));
        json.put("dp", submission.dp().toJson());
        // A task without DP charges no ε: the contribution then has no "epsilon", as its update record has none.
        update.epsilonSpent().ifPresent(epsilon -> json.put("epsilon", epsilon));
        json.put("reputationAtSubmission", update.reputation());
        json.put("qualityScore", contribution.qualityScore());
        // The round's receipt for the dataset (null for rounds aggregated before receipts existed) and the holder's
        // decision on the task's use of it as it stands now (null when the task asks for none or none was made).
        json.put(
                "usageReceipt",
                ledger.find(ledger.keys().usageReceipt(dataset.id(), taskId, round), UsageReceipt::fromJson)
                        .map(UsageReceipt::toJson)
                        .orElse(null));
        json.put(
                "datasetUse",
                ledger.find(ledger.keys().datasetUse(taskId, dataset.id()), DatasetUseApproval::fromJson)
                        .map(DatasetUseApproval::toJson)
                        .orElse(null));
        return json;
    }

    private AggregationRecord aggregation(String taskId, long round) {
        return ledger.find(ledger.keys().aggregation(taskId, round), AggregationRecord::fromJson)
                .orElseThrow(() -> missing("aggregation of round " + round + " of task " + taskId));
    }

    private static FlChaincodeException missing(String what) {
        return new FlChaincodeException(ErrorCode.INTERNAL, "inconsistent ledger: no " + what);
    }
}
