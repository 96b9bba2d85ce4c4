package org.medfed.common.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.Role;
import org.medfed.common.model.WireName;

/**
 * An access decision as the ledger records it, granted or denied, with every input that decided it: who asked in
 * which role, for which patient and purpose, the policy version, the attestation used (null: risk unknown), the
 * matching rule (null: none), and what came out. Its id is the id of the transaction that decided it. A grant
 * covers its scopes until {@code expiresAt}, on ledger time.
 */
public record AccessDecision(
        String id,
        String requesterId,
        Role requesterRole,
        String patientRef,
        String holderId,
        PurposeOfUse purpose,
        List<RecordScope> requestedScopes,
        String reason,
        long policyVersion,
        RiskClass risk,
        RiskAttestation attestation,
        Integer matchedRule,
        Outcome outcome,
        boolean breakGlass,
        List<RecordScope> scopes,
        Instant expiresAt,
        boolean flagged,
        long priorBreakGlass,
        String explanation,
        Instant decidedAt)
        implements JsonRecord {
    public static final int MAX_EXPLANATION = 4096;

    public enum Outcome implements WireName {
        GRANTED("granted"),
        DENIED("denied");

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

    public AccessDecision {
        AccessChecks.txId("id", id);
        Checks.sha256("requesterId", requesterId);
        Checks.required("requesterRole", requesterRole);
        AccessChecks.patientRef("patientRef", patientRef);
        Checks.sha256("holderId", holderId);
        Checks.required("purpose", purpose);
        requestedScopes =
                requestedScopes == null ? null : EnumLists.sortedUnique("requestedScopes", requestedScopes, 1);
        Checks.optionalText("reason", reason, AccessRequest.MAX_REASON);
        Checks.range("policyVersion", policyVersion, 1, Long.MAX_VALUE);
        Checks.required("risk", risk);
        if (attestation != null && attestation.riskClass() != risk) {
            throw new IllegalArgumentException("risk must be the attestation's risk class");
        }
        if (attestation == null && risk != RiskClass.UNKNOWN) {
            throw new IllegalArgumentException("without an attestation the risk is unknown");
        }
        if (matchedRule != null) {
            Checks.range("matchedRule", matchedRule, 0, AccessPolicy.MAX_RULES - 1);
        }
        Checks.required("outcome", outcome);
        scopes = EnumLists.sortedUnique("scopes", scopes, outcome == Outcome.GRANTED ? 1 : 0);
        Checks.range("priorBreakGlass", priorBreakGlass, 0, Long.MAX_VALUE);
        if (outcome == Outcome.GRANTED ? expiresAt == null : expiresAt != null || !scopes.isEmpty()) {
            throw new IllegalArgumentException("a grant has scopes and an expiry, a denial neither");
        }
        if (outcome == Outcome.DENIED && (breakGlass || flagged)) {
            throw new IllegalArgumentException("only a grant can break the glass or be flagged");
        }
        Checks.text("explanation", explanation, MAX_EXPLANATION);
        Checks.required("decidedAt", decidedAt);
    }

    /** The decision {@code verdict} records for {@code request}, taken in transaction {@code id}. */
    public static AccessDecision of(
            String id,
            String requesterId,
            Role requesterRole,
            String holderId,
            AccessRequest request,
            long policyVersion,
            AccessRules.Verdict verdict,
            Instant decidedAt) {
        return new AccessDecision(
                id,
                requesterId,
                requesterRole,
                request.patientRef(),
                holderId,
                request.purpose(),
                request.scopes(),
                request.reason(),
                policyVersion,
                verdict.risk(),
                verdict.attestation(),
                verdict.matchedRule(),
                verdict.granted() ? Outcome.GRANTED : Outcome.DENIED,
                verdict.breakGlass(),
                verdict.scopes(),
                verdict.expiresAt(),
                verdict.flagged(),
                verdict.priorBreakGlass(),
                verdict.explanation(),
                decidedAt);
    }

    public boolean granted() {
        return outcome == Outcome.GRANTED;
    }

    /** Whether this is a grant that is live at {@code now}: it ends at {@code expiresAt}. */
    public boolean liveAt(Instant now) {
        return granted() && now.isBefore(expiresAt);
    }

    /** Whether this grant lets its requester see {@code scope} at {@code now}. */
    public boolean covers(RecordScope scope, Instant now) {
        return liveAt(now) && scopes.contains(scope);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("id", id);
        json.put("requesterId", requesterId);
        json.put("requesterRole", requesterRole.wire());
        json.put("patientRef", patientRef);
        json.put("holderId", holderId);
        json.put("purpose", purpose.wire());
        json.put("requestedScopes", EnumLists.wires(requestedScopes));
        json.put("reason", reason);
        json.put("policyVersion", policyVersion);
        json.put("risk", risk.wire());
        json.put("attestation", attestation == null ? null : attestation.toJson());
        json.put("matchedRule", matchedRule == null ? null : (long) matchedRule);
        json.put("outcome", outcome.wire());
        json.put("breakGlass", breakGlass);
        json.put("scopes", EnumLists.wires(scopes));
        json.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
        json.put("flagged", flagged);
        json.put("priorBreakGlass", priorBreakGlass);
        json.put("explanation", explanation);
        json.put("decidedAt", decidedAt.toString());
        return json;
    }

    public static AccessDecision fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "id",
                "requesterId",
                "requesterRole",
                "patientRef",
                "holderId",
                "purpose",
                "requestedScopes",
                "reason",
                "policyVersion",
                "risk",
                "attestation",
                "matchedRule",
                "outcome",
                "breakGlass",
                "scopes",
                "expiresAt",
                "flagged",
                "priorBreakGlass",
                "explanation",
                "decidedAt");
        Map<String, Object> attestation = JsonFields.optionalObject(json, "attestation");
        return new AccessDecision(
                JsonFields.string(json, "id"),
                JsonFields.string(json, "requesterId"),
                Role.fromWire(JsonFields.string(json, "requesterRole")),
                JsonFields.string(json, "patientRef"),
                JsonFields.string(json, "holderId"),
                PurposeOfUse.fromWire(JsonFields.string(json, "purpose")),
                EnumLists.readOptional(json, "requestedScopes", RecordScope::fromWire),
                JsonFields.optionalString(json, "reason"),
                JsonFields.integer(json, "policyVersion"),
                RiskClass.fromWire(JsonFields.string(json, "risk")),
                attestation == null ? null : RiskAttestation.fromJson(attestation),
                json.get("matchedRule") == null ? null : Math.toIntExact(JsonFields.integer(json, "matchedRule")),
                Outcome.fromWire(JsonFields.string(json, "outcome")),
                JsonFields.bool(json, "breakGlass"),
                EnumLists.read(json, "scopes", RecordScope::fromWire),
                JsonFields.optionalInstant(json, "expiresAt"),
                JsonFields.bool(json, "flagged"),
                JsonFields.integer(json, "priorBreakGlass"),
                JsonFields.string(json, "explanation"),
                JsonFields.instant(json, "decidedAt"));
    }
}
