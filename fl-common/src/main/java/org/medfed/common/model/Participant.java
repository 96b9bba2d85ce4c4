package org.medfed.common.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/**
 * A registered X.509 identity and what it may do. {@code statusReason} says why a participant is suspended and is
 * null while it is active; {@code registeredBy} is the participant id of the admin identity that registered it.
 */
public record Participant(
        String id,
        String mspId,
        String subject,
        Role role,
        String displayName,
        ParticipantStatus status,
        String statusReason,
        Instant registeredAt,
        String registeredBy)
        implements JsonRecord {
    public static final int MAX_DISPLAY_NAME = 128;
    public static final int MAX_REASON = 512;

    public Participant {
        Checks.required("role", role);
        Checks.required("status", status);
        Checks.required("registeredAt", registeredAt);
        Checks.sha256("registeredBy", registeredBy);
        subject = ParticipantIds.canonicalSubject(subject);
        if (!ParticipantIds.of(mspId, subject).equals(id)) {
            throw new IllegalArgumentException("id must be the participant id of " + mspId + "::" + subject);
        }
        Checks.text("displayName", displayName, MAX_DISPLAY_NAME);
        if ((status == ParticipantStatus.SUSPENDED) != (statusReason != null)) {
            throw new IllegalArgumentException("a suspended participant needs a reason, an active one has none");
        }
        Checks.optionalText("statusReason", statusReason, MAX_REASON);
    }

    /** A new, active participant for the identity {@code mspId}/{@code subject}. */
    public static Participant register(
            String mspId, String subject, Role role, String displayName, Instant registeredAt, String registeredBy) {
        return new Participant(
                ParticipantIds.of(mspId, subject),
                mspId,
                subject,
                role,
                displayName,
                ParticipantStatus.ACTIVE,
                null,
                registeredAt,
                registeredBy);
    }

    public boolean isActive() {
        return status == ParticipantStatus.ACTIVE;
    }

    public Participant suspend(String reason) {
        if (!isActive()) {
            throw new RuleViolation(ErrorCode.PARTICIPANT_SUSPENDED, "participant " + id + " is already suspended");
        }
        return withStatus(ParticipantStatus.SUSPENDED, Checks.text("reason", reason, MAX_REASON));
    }

    public Participant reinstate() {
        if (isActive()) {
            throw new RuleViolation(ErrorCode.ILLEGAL_TRANSITION, "participant " + id + " is not suspended");
        }
        return withStatus(ParticipantStatus.ACTIVE, null);
    }

    private Participant withStatus(ParticipantStatus newStatus, String reason) {
        return new Participant(id, mspId, subject, role, displayName, newStatus, reason, registeredAt, registeredBy);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("id", id);
        json.put("mspId", mspId);
        json.put("subject", subject);
        json.put("role", role.wire());
        json.put("displayName", displayName);
        json.put("status", status.wire());
        json.put("statusReason", statusReason);
        json.put("registeredAt", registeredAt.toString());
        json.put("registeredBy", registeredBy);
        return json;
    }

    public static Participant fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "id",
                "mspId",
                "subject",
                "role",
                "displayName",
                "status",
                "statusReason",
                "registeredAt",
                "registeredBy");
        return new Participant(
                JsonFields.string(json, "id"),
                JsonFields.string(json, "mspId"),
                JsonFields.string(json, "subject"),
                Role.fromWire(JsonFields.string(json, "role")),
                JsonFields.string(json, "displayName"),
                ParticipantStatus.fromWire(JsonFields.string(json, "status")),
                JsonFields.optionalString(json, "statusReason"),
                JsonFields.instant(json, "registeredAt"),
                JsonFields.string(json, "registeredBy"));
    }
}
