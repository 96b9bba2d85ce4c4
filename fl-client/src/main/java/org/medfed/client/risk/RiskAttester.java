package org.medfed.client.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.access.PatientRefs;
import org.medfed.client.access.PatientTable;
import org.medfed.client.access.PatientTable.Patient;
import org.medfed.client.data.DataException;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.train.Dl4jExport;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.protocol.ErrorCode;

/**
 * A data holder's risk attestations: each patient's latest observation scored with a global model of a risk task
 * (loaded from its DL4J zip, {@link RiskScorer}), the most probable class and its probability posted under the
 * patient's pseudonym ({@link PatientRefs}) with the observation time and a time-to-live. Nothing but the claim
 * leaves: no vital sign, no patient id.
 */
public final class RiskAttester {

    /** Probabilities are posted with this many decimal places. */
    static final int PROBABILITY_SCALE = 6;

    /** Posts one claim ({@code access:postAttestation}) and returns what the ledger recorded. */
    @FunctionalInterface
    public interface Poster {
        RiskAttestation post(RiskAttestation.Claim claim) throws MedfedException;
    }

    /** What became of each patient's claim: posted, or the ledger's refusal code (for example stale or expired). */
    public record Result(List<RiskAttestation> posted, Map<String, List<String>> refusedByCode) {
        public int refused() {
            return refusedByCode.values().stream().mapToInt(List::size).sum();
        }
    }

    private final RiskScorer scorer;
    private final String datasetId;
    private final long ttlSeconds;

    public RiskAttester(RiskScorer scorer, String datasetId, long ttlSeconds) {
        this.scorer = scorer;
        this.datasetId = datasetId;
        this.ttlSeconds = ttlSeconds;
    }

    /** One claim per patient, in patient-id order. */
    public List<RiskAttestation.Claim> claims(PatientTable patients, PatientRefs refs) throws DataException {
        Dl4jExport.Info model = scorer.info();
        if (model.round() < 1) {
            throw new DataException("task " + model.taskId() + " has no aggregated global model yet (only its "
                    + "initial model); attestations name a round's global model");
        }
        List<RiskAttestation.Claim> claims = new ArrayList<>();
        for (Patient patient : patients.patients().values()) {
            double[] probabilities = scorer.probabilities(patient.features(scorer.featureNames()));
            int best = 0;
            for (int i = 1; i < probabilities.length; i++) {
                if (probabilities[i] > probabilities[best]) {
                    best = i;
                }
            }
            claims.add(new RiskAttestation.Claim(
                    refs.of(patient.id()),
                    datasetId,
                    model.taskId(),
                    model.round(),
                    model.modelCid(),
                    best,
                    probability(probabilities[best]),
                    patient.latest().observedAt(),
                    ttlSeconds));
        }
        return claims;
    }

    /**
     * Posts every claim. A refusal of one claim by the chaincode (an observation already attested, one too old for
     * its time-to-live, a patient bound to another holder) is counted and the rest go on; an unreachable ledger or
     * a refusal that applies to every claim (not this holder's dataset, not a risk task, use not approved) stops.
     */
    public static Result post(List<RiskAttestation.Claim> claims, Poster poster) throws MedfedException {
        List<RiskAttestation> posted = new ArrayList<>();
        Map<String, List<String>> refused = new TreeMap<>();
        for (RiskAttestation.Claim claim : claims) {
            try {
                posted.add(poster.post(claim));
            } catch (MedfedException e) {
                if (!perPatient(e)) {
                    throw e;
                }
                refused.computeIfAbsent(e.code(), k -> new ArrayList<>()).add(claim.patientRef());
            }
        }
        return new Result(posted, refused);
    }

    private static boolean perPatient(MedfedException e) {
        return e.isFromChaincode()
                && (ErrorCode.STALE_ATTESTATION.name().equals(e.code())
                        || ErrorCode.ATTESTATION_EXPIRED.name().equals(e.code())
                        || ErrorCode.NOT_PATIENT_HOLDER.name().equals(e.code())
                        || ErrorCode.INVALID_ARGUMENT.name().equals(e.code()));
    }

    static BigDecimal probability(double p) {
        BigDecimal value = BigDecimal.valueOf(Math.min(1, Math.max(0, p)));
        return value.setScale(PROBABILITY_SCALE, RoundingMode.HALF_EVEN);
    }
}
