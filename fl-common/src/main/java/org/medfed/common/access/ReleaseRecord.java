package org.medfed.common.access;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * A release of one scope of a patient's records under a grant, recorded by the patient's data holder before it
 * serves them: the SHA-256 of what it served lets an auditor match the holder's log to the ledger. Its id is the
 * recording transaction's id.
 */
public record ReleaseRecord(
        String id,
        String decisionId,
        String requesterId,
        String patientRef,
        String holderId,
        RecordScope scope,
        String recordsSha256,
        Instant releasedAt)
        implements JsonRecord {

    /** What the holder submits. */
    public record Request(String decisionId, RecordScope scope, String recordsSha256) implements JsonRecord {
        public Request {
            AccessChecks.txId("decisionId", decisionId);
            Checks.required("scope", scope);
            Checks.sha256("recordsSha256", recordsSha256);
        }

        @Override
        public Map<String, Object> toJson() {
            return Map.of("decisionId", decisionId, "scope", scope.wire(), "recordsSha256", recordsSha256);
        }

        public static Request fromJson(Map<String, Object> json) {
            JsonFields.requireOnly(json, "decisionId", "scope", "recordsSha256");
            return new Request(
                    JsonFields.string(json, "decisionId"),
                    RecordScope.fromWire(JsonFields.string(json, "scope")),
                    JsonFields.string(json, "recordsSha256"));
        }
    }

    public ReleaseRecord {
        AccessChecks.txId("id", id);
        AccessChecks.txId("decisionId", decisionId);
        Checks.sha256("requesterId", requesterId);
        AccessChecks.patientRef("patientRef", patientRef);
        Checks.sha256("holderId", holderId);
        Checks.required("scope", scope);
        Checks.sha256("recordsSha256", recordsSha256);
        Checks.required("releasedAt", releasedAt);
    }

    /** The release {@code request} asks for under {@code decision}, recorded in transaction {@code id}. */
    public static ReleaseRecord of(String id, Request request, AccessDecision decision, Instant at) {
        if (!decision.id().equals(request.decisionId())) {
            throw new IllegalArgumentException("the request names decision " + request.decisionId());
        }
        return new ReleaseRecord(
                id,
                decision.id(),
                decision.requesterId(),
                decision.patientRef(),
                decision.holderId(),
                request.scope(),
                request.recordsSha256(),
                at);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("id", id);
        json.put("decisionId", decisionId);
        json.put("requesterId", requesterId);
        json.put("patientRef", patientRef);
        json.put("holderId", holderId);
        json.put("scope", scope.wire());
        json.put("recordsSha256", recordsSha256);
        json.put("releasedAt", releasedAt.toString());
        return json;
    }

    public static ReleaseRecord fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "id",
                "decisionId",
                "requesterId",
                "patientRef",
                "holderId",
                "scope",
                "recordsSha256",
                "releasedAt");
        return new ReleaseRecord(
                JsonFields.string(json, "id"),
                JsonFields.string(json, "decisionId"),
                JsonFields.string(json, "requesterId"),
                JsonFields.string(json, "patientRef"),
                JsonFields.string(json, "holderId"),
                RecordScope.fromWire(JsonFields.string(json, "scope")),
                JsonFields.string(json, "recordsSha256"),
                JsonFields.instant(json, "releasedAt"));
    }
}
