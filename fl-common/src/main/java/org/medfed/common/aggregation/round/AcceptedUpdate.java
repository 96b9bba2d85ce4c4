package org.medfed.common.aggregation.round;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.UpdateKind;

/**
 * One update a closed round accepted: where its blob is, what the ledger recorded about it, and the participant's
 * reputation when it submitted (what reputation weighting uses), and in a SCAFFOLD task where its control delta is
 * ({@code null}, absent from the JSON, in any other task).
 */
public record AcceptedUpdate(
        String participantId,
        ContentRef blob,
        long parameterCount,
        long numExamples,
        UpdateKind kind,
        BigDecimal reputation,
        ContentRef controlDelta)
        implements JsonRecord {

    public AcceptedUpdate {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(blob, "blob");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reputation, "reputation");
    }

    /** An update without a control delta: any task but a SCAFFOLD one. */
    public AcceptedUpdate(
            String participantId,
            ContentRef blob,
            long parameterCount,
            long numExamples,
            UpdateKind kind,
            BigDecimal reputation) {
        this(participantId, blob, parameterCount, numExamples, kind, reputation, null);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("participantId", participantId);
        json.put("blob", blob.toJson());
        json.put("parameterCount", parameterCount);
        json.put("numExamples", numExamples);
        json.put("kind", kind.wire());
        json.put("reputation", reputation);
        if (controlDelta != null) {
            json.put("controlDelta", controlDelta.toJson());
        }
        return json;
    }

    public static AcceptedUpdate fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json, "participantId", "blob", "parameterCount", "numExamples", "kind", "reputation", "controlDelta");
        Map<String, Object> controlDelta = JsonFields.optionalObject(json, "controlDelta");
        return new AcceptedUpdate(
                JsonFields.string(json, "participantId"),
                ContentRef.fromJson(JsonFields.object(json, "blob")),
                JsonFields.integer(json, "parameterCount"),
                JsonFields.integer(json, "numExamples"),
                UpdateKind.fromWire(JsonFields.string(json, "kind")),
                JsonFields.decimal(json, "reputation"),
                controlDelta == null ? null : ContentRef.fromJson(controlDelta));
    }
}
