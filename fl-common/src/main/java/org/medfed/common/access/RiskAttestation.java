package org.medfed.common.access;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.RiskClass;

/**
 * A data holder's statement that a global model of a risk task puts its patient {@code patientRef} in a risk class:
 * the {@link Claim} it posts (a pseudonym, the model, the class, its probability, when the vitals were observed, how
 * long the statement holds) and what the ledger adds: the holder, the class's risk, the expiry and when it was
 * posted. No vital sign or identifier reaches the ledger. An expired attestation counts as none.
 */
public record RiskAttestation(Claim claim, String holderId, RiskClass riskClass, Instant postedAt)
        implements JsonRecord {
    public static final long MAX_TTL_SECONDS = 7L * 24 * 3600;

    /** What the holder posts. */
    public record Claim(
            String patientRef,
            String datasetId,
            String taskId,
            long round,
            String modelCid,
            long classIndex,
            BigDecimal probability,
            Instant observedAt,
            long ttlSeconds)
            implements JsonRecord {
        public Claim {
            AccessChecks.patientRef("patientRef", patientRef);
            Checks.id("datasetId", datasetId);
            Checks.id("taskId", taskId);
            Checks.range("round", round, 1, Long.MAX_VALUE);
            Checks.cid("modelCid", modelCid);
            Checks.range("classIndex", classIndex, 0, Integer.MAX_VALUE);
            probability = Checks.decimal("probability", probability, BigDecimal.ZERO, BigDecimal.ONE);
            Checks.required("observedAt", observedAt);
            Checks.range("ttlSeconds", ttlSeconds, 1, MAX_TTL_SECONDS);
        }

        public Instant expiresAt() {
            return observedAt.plusSeconds(ttlSeconds);
        }

        @Override
        public Map<String, Object> toJson() {
            Map<String, Object> json = new TreeMap<>();
            json.put("patientRef", patientRef);
            json.put("datasetId", datasetId);
            json.put("taskId", taskId);
            json.put("round", round);
            json.put("modelCid", modelCid);
            json.put("classIndex", classIndex);
            json.put("probability", probability);
            json.put("observedAt", observedAt.toString());
            json.put("ttlSeconds", ttlSeconds);
            return json;
        }

        public static Claim fromJson(Map<String, Object> json) {
            JsonFields.requireOnly(json, CLAIM_FIELDS);
            return read(json);
        }

        private static Claim read(Map<String, Object> json) {
            return new Claim(
                    JsonFields.string(json, "patientRef"),
                    JsonFields.string(json, "datasetId"),
                    JsonFields.string(json, "taskId"),
                    JsonFields.integer(json, "round"),
                    JsonFields.string(json, "modelCid"),
                    JsonFields.integer(json, "classIndex"),
                    JsonFields.decimal(json, "probability"),
                    JsonFields.instant(json, "observedAt"),
                    JsonFields.integer(json, "ttlSeconds"));
        }
    }

    private static final String[] CLAIM_FIELDS = {
        "patientRef",
        "datasetId",
        "taskId",
        "round",
        "modelCid",
        "classIndex",
        "probability",
        "observedAt",
        "ttlSeconds"
    };

    public RiskAttestation {
        Checks.required("claim", claim);
        Checks.sha256("holderId", holderId);
        Checks.required("riskClass", riskClass);
        if (riskClass == RiskClass.UNKNOWN) {
            throw new IllegalArgumentException("an attestation names a known risk class");
        }
        Checks.required("postedAt", postedAt);
    }

    public String patientRef() {
        return claim.patientRef();
    }

    public Instant observedAt() {
        return claim.observedAt();
    }

    public Instant expiresAt() {
        return claim.expiresAt();
    }

    /** Whether the attestation still holds at {@code now}: it expires at {@code observedAt + ttlSeconds}. */
    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt());
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = claim.toJson();
        json.put("holderId", holderId);
        json.put("riskClass", riskClass.wire());
        json.put("expiresAt", expiresAt().toString());
        json.put("postedAt", postedAt.toString());
        return json;
    }

    public static RiskAttestation fromJson(Map<String, Object> json) {
        Map<String, Object> claim = new TreeMap<>(json);
        for (String added : new String[] {"holderId", "riskClass", "expiresAt", "postedAt"}) {
            claim.remove(added);
        }
        RiskAttestation attestation = new RiskAttestation(
                Claim.fromJson(claim),
                JsonFields.string(json, "holderId"),
                RiskClass.fromWire(JsonFields.string(json, "riskClass")),
                JsonFields.instant(json, "postedAt"));
        if (!attestation.expiresAt().equals(JsonFields.instant(json, "expiresAt"))) {
            throw new IllegalArgumentException("expiresAt must be observedAt + ttlSeconds");
        }
        return attestation;
    }
}
