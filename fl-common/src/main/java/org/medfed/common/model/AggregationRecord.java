package org.medfed.common.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * The aggregation of one round as the ledger keeps it: the report every endorser of {@code aggregator:aggregateRound}
 * recomputed (the new model, contributions, exclusions and, for a server optimizer, the blob of its state after the
 * round; for SCAFFOLD, the blob of the global control variate after it), the parent model (the round's base) and who asked for it when.
 */
public record AggregationRecord(
        AggregationRequest report, ContentRef parentModel, String recordedBy, Instant recordedAt, String txId)
        implements JsonRecord {

    public AggregationRecord {
        Checks.required("report", report);
        Checks.required("parentModel", parentModel);
        Checks.sha256("recordedBy", recordedBy);
        Checks.required("recordedAt", recordedAt);
        Checks.text("txId", txId, 256);
    }

    public String taskId() {
        return report.taskId();
    }

    public long round() {
        return report.round();
    }

    public ContentRef globalModel() {
        return report.globalModel();
    }

    public List<Contribution> contributions() {
        return report.contributions();
    }

    public List<Exclusion> excluded() {
        return report.excluded();
    }

    /** The server optimizer's state after this round, or {@code null} for a stateless strategy. */
    public ContentRef optimizerState() {
        return report.optimizerState();
    }

    /** SCAFFOLD's global control variate after this round, or {@code null} for any other strategy. */
    public ContentRef controlVariate() {
        return report.controlVariate();
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId());
        json.put("round", round());
        json.put("globalModel", globalModel().toJson());
        json.put(
                "contributions",
                contributions().stream().map(Contribution::toJson).toList());
        json.put("excluded", excluded().stream().map(Exclusion::toJson).toList());
        json.put(
                "optimizerState",
                optimizerState() == null ? null : optimizerState().toJson());
        if (controlVariate() != null) {
            json.put("controlVariate", controlVariate().toJson());
        }
        json.put("parentModel", parentModel.toJson());
        json.put("recordedBy", recordedBy);
        json.put("recordedAt", recordedAt.toString());
        json.put("txId", txId);
        return json;
    }

    public static AggregationRecord fromJson(Map<String, Object> json) {
        Map<String, Object> report = new TreeMap<>(json);
        report.keySet()
                .retainAll(List.of(
                        "taskId",
                        "round",
                        "globalModel",
                        "contributions",
                        "excluded",
                        "optimizerState",
                        "controlVariate"));
        return new AggregationRecord(
                AggregationRequest.fromJson(report),
                ContentRef.fromJson(JsonFields.object(json, "parentModel")),
                JsonFields.string(json, "recordedBy"),
                JsonFields.instant(json, "recordedAt"),
                JsonFields.string(json, "txId"));
    }
}
