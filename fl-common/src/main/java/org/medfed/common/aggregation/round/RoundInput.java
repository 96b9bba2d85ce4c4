package org.medfed.common.aggregation.round;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.TaskSpec;

/**
 * Everything the aggregation of one closed round depends on besides the blobs' bytes: the task's spec (strategy,
 * quorum, model shape), the round's global model (its base model), the accepted updates, kept in canonical order
 * (by participant id), and for a server optimizer (fedadam, fedyogi) the optimizer state the previous round recorded
 * ({@code null} for stateless strategies and for round 1, which starts from the initial state without a blob); for a
 * task that aggregates securely, {@code secure}: what unmasking needs ({@code null} exactly for a round in clear);
 * for a SCAFFOLD task, {@code controlVariate}: the global control c the previous round recorded ({@code null} in
 * round 1, which starts from c = 0, in every other task, and absent from the JSON when null).
 * {@code aggregator:getRoundInput} returns it as canonical JSON.
 */
public record RoundInput(
        TaskSpec spec,
        long round,
        ContentRef globalModel,
        List<AcceptedUpdate> updates,
        ContentRef optimizerState,
        SecureRoundInput secure,
        ContentRef controlVariate)
        implements JsonRecord {

    public RoundInput {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(globalModel, "globalModel");
        updates = updates.stream()
                .map(u -> Objects.requireNonNull(u, "update"))
                .sorted(Comparator.comparing(AcceptedUpdate::participantId))
                .toList();
        if (spec.securelyAggregated() != (secure != null)) {
            throw new IllegalArgumentException("secure is given exactly for a task that aggregates securely");
        }
    }

    /** A round without a control variate (any task but a SCAFFOLD one, and round 1 of a SCAFFOLD task). */
    public RoundInput(
            TaskSpec spec,
            long round,
            ContentRef globalModel,
            List<AcceptedUpdate> updates,
            ContentRef optimizerState,
            SecureRoundInput secure) {
        this(spec, round, globalModel, updates, optimizerState, secure, null);
    }

    /** A round in clear. */
    public RoundInput(
            TaskSpec spec,
            long round,
            ContentRef globalModel,
            List<AcceptedUpdate> updates,
            ContentRef optimizerState) {
        this(spec, round, globalModel, updates, optimizerState, null);
    }

    /** A round without optimizer state (stateless strategies, or round 1). */
    public RoundInput(TaskSpec spec, long round, ContentRef globalModel, List<AcceptedUpdate> updates) {
        this(spec, round, globalModel, updates, null);
    }

    public String taskId() {
        return spec.id();
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", spec.id());
        json.put("round", round);
        json.put("spec", spec.toJson());
        json.put("globalModel", globalModel.toJson());
        json.put("updates", updates.stream().map(AcceptedUpdate::toJson).toList());
        json.put("optimizerState", optimizerState == null ? null : optimizerState.toJson());
        if (secure != null) {
            json.put("secure", secure.toJson());
        }
        if (controlVariate != null) {
            json.put("controlVariate", controlVariate.toJson());
        }
        return json;
    }

    public static RoundInput fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "taskId",
                "round",
                "spec",
                "globalModel",
                "updates",
                "optimizerState",
                "secure",
                "controlVariate");
        TaskSpec spec = TaskSpec.fromJson(JsonFields.object(json, "spec"));
        Map<String, Object> secure = JsonFields.optionalObject(json, "secure");
        String taskId = JsonFields.string(json, "taskId");
        if (!taskId.equals(spec.id())) {
            throw new IllegalArgumentException("taskId " + taskId + " differs from the spec's id " + spec.id());
        }
        return new RoundInput(
                spec,
                JsonFields.integer(json, "round"),
                ContentRef.fromJson(JsonFields.object(json, "globalModel")),
                JsonFields.objects(json, "updates").stream()
                        .map(AcceptedUpdate::fromJson)
                        .toList(),
                optionalRef(JsonFields.optionalObject(json, "optimizerState")),
                secure == null ? null : SecureRoundInput.fromJson(secure),
                optionalRef(JsonFields.optionalObject(json, "controlVariate")));
    }

    private static ContentRef optionalRef(Map<String, Object> json) {
        return json == null ? null : ContentRef.fromJson(json);
    }
}
