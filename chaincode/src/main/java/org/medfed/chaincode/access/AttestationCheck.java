package org.medfed.chaincode.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.Records;
import org.medfed.common.access.PatientBinding;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.Participant;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.RiskModelSpec;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.Rules;

/**
 * What {@code access:postAttestation} accepts, in the order a refusal names the first problem: the caller's own
 * admitted dataset, a risk task whose use of it the caller approved, a global model the task aggregated in that
 * round, an observation not from the future and not yet expired, the caller's own patient, and news (observed
 * after the patient's latest attestation).
 */
final class AttestationCheck {
    /** How far a holder's clock may run ahead of the ledger's: observations are timed by the holder. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(300);

    private AttestationCheck() {}

    /** The attestation the ledger stores for {@code claim}, or the refusal. */
    static RiskAttestation accept(
            LedgerStore ledger, AccessRecords access, Participant holder, RiskAttestation.Claim claim, Instant now) {
        String datasetId = claim.datasetId();
        Optional<DatasetDescription> dataset =
                ledger.find(ledger.keys().dataset(datasetId), DatasetDescription::fromJson);
        if (dataset.isEmpty() || !dataset.get().ownerId().equals(holder.id())) {
            throw new FlChaincodeException(
                    ErrorCode.DATASET_NOT_ADMITTED,
                    "dataset " + datasetId + (dataset.isEmpty() ? " is not registered" : " is another holder's"));
        }
        Task task = Records.task(ledger, claim.taskId());
        if (!task.spec().admits(datasetId)) {
            throw new FlChaincodeException(
                    ErrorCode.DATASET_NOT_ADMITTED, "task " + task.id() + " does not admit dataset " + datasetId);
        }
        RiskModelSpec risk = task.spec()
                .riskModel()
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.NOT_A_RISK_TASK, "task " + task.id() + " has no risk model"));
        Records.requireDatasetUseApproved(ledger, task, datasetId);
        boolean global = ledger.find(ledger.keys().aggregation(task.id(), claim.round()), AggregationRecord::fromJson)
                .map(aggregation -> aggregation.globalModel().cid().equals(claim.modelCid()))
                .orElse(false);
        if (!global) {
            throw new FlChaincodeException(
                    ErrorCode.NOT_A_GLOBAL_MODEL,
                    "model " + claim.modelCid() + " is not the global model task " + task.id() + " aggregated in round "
                            + claim.round());
        }
        RiskClass riskClass = Rules.enforce(() -> risk.classOf(Math.toIntExact(claim.classIndex())));
        if (claim.observedAt().isAfter(now.plus(CLOCK_SKEW))) {
            throw new FlChaincodeException(
                    ErrorCode.INVALID_ARGUMENT,
                    "observedAt " + claim.observedAt() + " is more than " + CLOCK_SKEW.toSeconds()
                            + " s after ledger time " + now);
        }
        if (!claim.expiresAt().isAfter(now)) {
            throw new FlChaincodeException(
                    ErrorCode.ATTESTATION_EXPIRED,
                    "observed at " + claim.observedAt() + " with a ttl of " + claim.ttlSeconds() + " s, it expired at "
                            + claim.expiresAt() + ", before ledger time " + now);
        }
        Optional<PatientBinding> binding = access.binding(claim.patientRef());
        if (binding.isPresent() && !binding.get().holderId().equals(holder.id())) {
            throw new FlChaincodeException(
                    ErrorCode.NOT_PATIENT_HOLDER, "patient " + claim.patientRef() + " belongs to another data holder");
        }
        Optional<RiskAttestation> latest = access.attestation(claim.patientRef());
        if (latest.isPresent() && !latest.get().observedAt().isBefore(claim.observedAt())) {
            throw new FlChaincodeException(
                    ErrorCode.STALE_ATTESTATION,
                    "patient " + claim.patientRef() + " already has an attestation observed at "
                            + latest.get().observedAt());
        }
        return new RiskAttestation(claim, holder.id(), riskClass, now);
    }
}
