package org.medfed.client.provenance;

import java.util.List;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.UpdateKind;

/**
 * One global model of a task: round 0 is the initial model (no aggregation, no contributors); a later round's model
 * is its aggregation's result. {@code ledgerJson} is the ledger's lineage object as it came, for {@code --json}.
 */
public record RoundLineage(
        String taskId,
        String taskTitle,
        long round,
        ContentRef model,
        AggregationRecord aggregation,
        List<Contributor> contributors,
        Map<String, Object> ledgerJson) {

    public RoundLineage {
        contributors = List.copyOf(contributors);
    }

    public boolean initial() {
        return round == 0;
    }

    /**
     * Whether the round was aggregated securely: its updates are masked inputs, so nobody saw any one of them, only
     * their unmasked sum (docs/secure-aggregation.md).
     */
    public boolean secure() {
        return !contributors.isEmpty()
                && contributors.stream().allMatch(c -> UpdateKind.MASKED.wire().equals(c.kind()));
    }

    /** Decodes one element of {@code provenance:getModelLineage}'s {@code lineages}. */
    public static RoundLineage fromJson(Map<String, Object> json) {
        Map<String, Object> aggregation = JsonFields.optionalObject(json, "aggregation");
        return new RoundLineage(
                JsonFields.string(json, "taskId"),
                JsonFields.string(json, "taskTitle"),
                JsonFields.integer(json, "round"),
                ContentRef.fromJson(JsonFields.object(json, "model")),
                aggregation == null ? null : AggregationRecord.fromJson(aggregation),
                JsonFields.objects(json, "contributions").stream()
                        .map(Contributor::fromJson)
                        .toList(),
                json);
    }
}
