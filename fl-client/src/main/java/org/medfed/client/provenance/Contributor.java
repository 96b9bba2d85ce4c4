package org.medfed.client.provenance;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.UsageReceipt;

/**
 * One update that went into a global model, as {@code provenance:getModelLineage} describes it: who sent it, the
 * blob, its examples and metrics, the dataset's fingerprints, the DP parameters, the participant's cumulative ε
 * after it (null in a task without differential privacy, which charges none), its reputation when submitted and
 * the aggregator's quality score, the round's usage receipt for the dataset (null from a ledger that wrote none)
 * and the holder's current decision on the task's use of it (null when the task asks for none or none was made).
 */
public record Contributor(
        String participantId,
        String mspId,
        String displayName,
        String role,
        ContentRef update,
        long numExamples,
        String kind,
        SortedMap<String, BigDecimal> metrics,
        Instant submittedAt,
        String txId,
        String datasetId,
        String schemaSha256,
        String contentSha256,
        DpUsage dp,
        BigDecimal epsilon,
        BigDecimal reputationAtSubmission,
        BigDecimal qualityScore,
        UsageReceipt usage,
        DatasetUseApproval datasetUse) {

    static Contributor fromJson(Map<String, Object> json) {
        Map<String, Object> participant = JsonFields.object(json, "participant");
        Map<String, Object> update = JsonFields.object(json, "update");
        Map<String, Object> dataset = JsonFields.object(json, "dataset");
        Map<String, Object> usage = JsonFields.optionalObject(json, "usageReceipt");
        Map<String, Object> datasetUse = JsonFields.optionalObject(json, "datasetUse");
        return new Contributor(
                JsonFields.string(participant, "id"),
                JsonFields.string(participant, "mspId"),
                JsonFields.string(participant, "displayName"),
                JsonFields.string(participant, "role"),
                new ContentRef(JsonFields.string(update, "cid"), JsonFields.string(update, "sha256")),
                JsonFields.integer(update, "numExamples"),
                JsonFields.string(update, "kind"),
                JsonFields.decimals(update, "metrics"),
                JsonFields.instant(update, "submittedAt"),
                JsonFields.string(update, "txId"),
                JsonFields.string(dataset, "id"),
                JsonFields.string(dataset, "schemaSha256"),
                JsonFields.string(dataset, "contentSha256"),
                DpUsage.fromJson(JsonFields.object(json, "dp")),
                JsonFields.optionalDecimal(json, "epsilon"),
                JsonFields.decimal(json, "reputationAtSubmission"),
                JsonFields.decimal(json, "qualityScore"),
                usage == null ? null : UsageReceipt.fromJson(usage),
                datasetUse == null ? null : DatasetUseApproval.fromJson(datasetUse));
    }
}
