package org.medfed.common.access;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.WireName;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/**
 * The review every break-glass grant opens: a privacy officer closes it once, as justified or unjustified, with a
 * note. It repeats what the officer needs from the decision (requester, patient, reason, whether it was flagged).
 */
public record BreakGlassReview(
        String decisionId,
        String requesterId,
        String patientRef,
        String reason,
        boolean flagged,
        Instant openedAt,
        Status status,
        Closing closing,
        String closedBy,
        Instant closedAt)
        implements JsonRecord {
    public static final int MAX_NOTE = 2048;

    public enum Status implements WireName {
        OPEN("open"),
        CLOSED("closed");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }

        public static Status fromWire(String wire) {
            return WireName.parse(Status.class, "status", wire);
        }
    }

    public enum Outcome implements WireName {
        JUSTIFIED("justified"),
        UNJUSTIFIED("unjustified");

        private final String wire;

        Outcome(String wire) {
            this.wire = wire;
        }

        @Override
        public String wire() {
            return wire;
        }

        public static Outcome fromWire(String wire) {
            return WireName.parse(Outcome.class, "outcome", wire);
        }
    }

    /** What the privacy officer submits to close a review. */
    public record Closing(Outcome outcome, String note) implements JsonRecord {
        public Closing {
            Checks.required("outcome", outcome);
            Checks.text("note", note, MAX_NOTE);
        }

        @Override
        public Map<String, Object> toJson() {
            return Map.of("outcome", outcome.wire(), "note", note);
        }

        public static Closing fromJson(Map<String, Object> json) {
            JsonFields.requireOnly(json, "outcome", "note");
            return new Closing(Outcome.fromWire(JsonFields.string(json, "outcome")), JsonFields.string(json, "note"));
        }
    }

    public BreakGlassReview {
        AccessChecks.txId("decisionId", decisionId);
        Checks.sha256("requesterId", requesterId);
        AccessChecks.patientRef("patientRef", patientRef);
        Checks.text("reason", reason, AccessRequest.MAX_REASON);
        Checks.required("openedAt", openedAt);
        Checks.required("status", status);
        if ((status == Status.CLOSED) != (closing != null && closedBy != null && closedAt != null)
                || status == Status.OPEN && (closing != null || closedBy != null || closedAt != null)) {
            throw new IllegalArgumentException(
                    "a closed review has an outcome, a note, who closed it and when;" + " an open one none of these");
        }
        if (closedBy != null) {
            Checks.sha256("closedBy", closedBy);
        }
    }

    /** The open review of a break-glass grant. */
    public static BreakGlassReview open(AccessDecision decision) {
        if (!decision.breakGlass()) {
            throw new IllegalArgumentException("decision " + decision.id() + " did not break the glass");
        }
        return new BreakGlassReview(
                decision.id(),
                decision.requesterId(),
                decision.patientRef(),
                decision.reason(),
                decision.flagged(),
                decision.decidedAt(),
                Status.OPEN,
                null,
                null,
                null);
    }

    public boolean isOpen() {
        return status == Status.OPEN;
    }

    public BreakGlassReview close(Closing with, String by, Instant at) {
        if (!isOpen()) {
            throw new RuleViolation(
                    ErrorCode.ILLEGAL_TRANSITION,
                    "the review of " + decisionId + " was closed "
                            + closing.outcome().wire() + " at " + closedAt);
        }
        return new BreakGlassReview(
                decisionId, requesterId, patientRef, reason, flagged, openedAt, Status.CLOSED, with, by, at);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("decisionId", decisionId);
        json.put("requesterId", requesterId);
        json.put("patientRef", patientRef);
        json.put("reason", reason);
        json.put("flagged", flagged);
        json.put("openedAt", openedAt.toString());
        json.put("status", status.wire());
        json.put("outcome", closing == null ? null : closing.outcome().wire());
        json.put("note", closing == null ? null : closing.note());
        json.put("closedBy", closedBy);
        json.put("closedAt", closedAt == null ? null : closedAt.toString());
        return json;
    }

    public static BreakGlassReview fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "decisionId",
                "requesterId",
                "patientRef",
                "reason",
                "flagged",
                "openedAt",
                "status",
                "outcome",
                "note",
                "closedBy",
                "closedAt");
        String outcome = JsonFields.optionalString(json, "outcome");
        return new BreakGlassReview(
                JsonFields.string(json, "decisionId"),
                JsonFields.string(json, "requesterId"),
                JsonFields.string(json, "patientRef"),
                JsonFields.string(json, "reason"),
                JsonFields.bool(json, "flagged"),
                JsonFields.instant(json, "openedAt"),
                Status.fromWire(JsonFields.string(json, "status")),
                outcome == null
                        ? null
                        : new Closing(Outcome.fromWire(outcome), JsonFields.optionalString(json, "note")),
                JsonFields.optionalString(json, "closedBy"),
                JsonFields.optionalInstant(json, "closedAt"));
    }
}
