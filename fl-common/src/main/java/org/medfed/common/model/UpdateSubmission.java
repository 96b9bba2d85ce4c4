package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * What a participant submits for a round: where its update lives (CID, SHA-256), its size and weight (parameter
 * count, training examples), the global model it started from, its kind, local validation metrics, the dataset it
 * was trained on and the DP parameters actually used. In a SCAFFOLD task {@code controlDelta} names the site's change
 * of its control variate this round (c_i⁺ − c_i, a FloatVectorCodec blob of the model's size); it is null (absent
 * from the JSON) in every other task.
 */
public record UpdateSubmission(
        String taskId,
        long round,
        String datasetId,
        String cid,
        String sha256,
        long parameterCount,
        long numExamples,
        String baseModelSha256,
        UpdateKind kind,
        SortedMap<String, BigDecimal> metrics,
        DpUsage dp,
        ContentRef controlDelta)
        implements JsonRecord {
    public static final int MAX_METRICS = 32;

    public UpdateSubmission {
        Checks.id("taskId", taskId);
        Checks.range("round", round, 1, TaskSpec.MAX_ROUNDS);
        Checks.id("datasetId", datasetId);
        Checks.cid("cid", cid);
        Checks.sha256("sha256", sha256);
        Checks.range("parameterCount", parameterCount, 1, ModelSpec.MAX_PARAMETERS);
        Checks.range("numExamples", numExamples, 1, DatasetDescription.MAX_ROWS);
        Checks.sha256("baseModelSha256", baseModelSha256);
        Checks.required("kind", kind);
        Checks.required("metrics", metrics);
        Checks.range("metrics size", metrics.size(), 0, MAX_METRICS);
        SortedMap<String, BigDecimal> copy = new TreeMap<>();
        metrics.forEach((name, value) -> copy.put(
                Checks.key("metric", name),
                Checks.required("metric " + name, value).stripTrailingZeros()));
        metrics = Collections.unmodifiableSortedMap(copy);
        Checks.required("dp", dp);
    }

    /** An update without a control delta: any task but a SCAFFOLD one. */
    public UpdateSubmission(
            String taskId,
            long round,
            String datasetId,
            String cid,
            String sha256,
            long parameterCount,
            long numExamples,
            String baseModelSha256,
            UpdateKind kind,
            SortedMap<String, BigDecimal> metrics,
            DpUsage dp) {
        this(
                taskId,
                round,
                datasetId,
                cid,
                sha256,
                parameterCount,
                numExamples,
                baseModelSha256,
                kind,
                metrics,
                dp,
                null);
    }

    /** This update with the site's control delta {@code ref} (a SCAFFOLD task). */
    public UpdateSubmission withControlDelta(ContentRef ref) {
        return new UpdateSubmission(
                taskId,
                round,
                datasetId,
                cid,
                sha256,
                parameterCount,
                numExamples,
                baseModelSha256,
                kind,
                metrics,
                dp,
                ref);
    }

    public ContentRef ref() {
        return new ContentRef(cid, sha256);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("round", round);
        json.put("datasetId", datasetId);
        json.put("cid", cid);
        json.put("sha256", sha256);
        json.put("parameterCount", parameterCount);
        json.put("numExamples", numExamples);
        json.put("baseModelSha256", baseModelSha256);
        json.put("kind", kind.wire());
        json.put("metrics", new TreeMap<String, Object>(metrics));
        json.put("dp", dp.toJson());
        if (controlDelta != null) {
            json.put("controlDelta", controlDelta.toJson());
        }
        return json;
    }

    public static UpdateSubmission fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "taskId",
                "round",
                "datasetId",
                "cid",
                "sha256",
                "parameterCount",
                "numExamples",
                "baseModelSha256",
                "kind",
                "metrics",
                "dp",
                "controlDelta");
        Map<String, Object> controlDelta = JsonFields.optionalObject(json, "controlDelta");
        return new UpdateSubmission(
                JsonFields.string(json, "taskId"),
                JsonFields.integer(json, "round"),
                JsonFields.string(json, "datasetId"),
                JsonFields.string(json, "cid"),
                JsonFields.string(json, "sha256"),
                JsonFields.integer(json, "parameterCount"),
                JsonFields.integer(json, "numExamples"),
                JsonFields.string(json, "baseModelSha256"),
                UpdateKind.fromWire(JsonFields.string(json, "kind")),
                JsonFields.decimals(json, "metrics"),
                DpUsage.fromJson(JsonFields.object(json, "dp")),
                controlDelta == null ? null : ContentRef.fromJson(controlDelta));
    }
}
