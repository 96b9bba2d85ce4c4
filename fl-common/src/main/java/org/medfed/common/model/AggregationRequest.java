package org.medfed.common.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.medfed.common.codec.JsonFields;

/**
 * What the aggregator reports for a closed round: the new global model, the updates it used with their quality
 * scores, the updates it left out with reasons, and for a server optimizer (fedadam, fedyogi) the blob of its state
 * after the round ({@code null} for stateless strategies), and for SCAFFOLD the blob of the task's global control
 * variate after the round ({@code null} for every other strategy). Both lists are sorted by participant id; a
 * participant appears at most once across them.
 */
public record AggregationRequest(
        String taskId,
        long round,
        ContentRef globalModel,
        List<Contribution> contributions,
        List<Exclusion> excluded,
        ContentRef optimizerState,
        ContentRef controlVariate) {
    public static final int MAX_ENTRIES = TaskSpec.MAX_PARTICIPANTS;

    public AggregationRequest {
        Checks.id("taskId", taskId);
        Checks.range("round", round, 1, TaskSpec.MAX_ROUNDS);
        Checks.required("globalModel", globalModel);
        contributions = sorted("contributions", contributions, Contribution::participantId);
        excluded = sorted("excluded", excluded, Exclusion::participantId);
        List<String> all = new ArrayList<>(
                contributions.stream().map(Contribution::participantId).toList());
        all.addAll(excluded.stream().map(Exclusion::participantId).toList());
        Checks.sortedUnique("contributions and excluded", all, 1, MAX_ENTRIES, Checks::sha256);
    }

    /** The report of any strategy but SCAFFOLD. */
    public AggregationRequest(
            String taskId,
            long round,
            ContentRef globalModel,
            List<Contribution> contributions,
            List<Exclusion> excluded,
            ContentRef optimizerState) {
        this(taskId, round, globalModel, contributions, excluded, optimizerState, null);
    }

    /** The report of a stateless strategy. */
    public AggregationRequest(
            String taskId,
            long round,
            ContentRef globalModel,
            List<Contribution> contributions,
            List<Exclusion> excluded) {
        this(taskId, round, globalModel, contributions, excluded, null, null);
    }

    public static AggregationRequest fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "taskId",
                "round",
                "globalModel",
                "contributions",
                "excluded",
                "optimizerState",
                "controlVariate");
        Map<String, Object> state = JsonFields.optionalObject(json, "optimizerState");
        Map<String, Object> control = JsonFields.optionalObject(json, "controlVariate");
        return new AggregationRequest(
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                ContentRef.fromJson(JsonFields.object(json, "globalModel")),
                JsonFields.objects(json, "contributions").stream()
                        .map(Contribution::fromJson)
                        .toList(),
                JsonFields.objects(json, "excluded").stream()
                        .map(Exclusion::fromJson)
                        .toList(),
                state == null ? null : ContentRef.fromJson(state),
                control == null ? null : ContentRef.fromJson(control));
    }

    private static <T> List<T> sorted(String field, List<T> items, Function<T, String> id) {
        Checks.required(field, items);
        Checks.range(field + " size", items.size(), 0, MAX_ENTRIES);
        return items.stream()
                .map(item -> Checks.required(field + " entry", item))
                .sorted(Comparator.comparing(id))
                .toList();
    }
}
