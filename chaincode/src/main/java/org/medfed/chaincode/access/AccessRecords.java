package org.medfed.chaincode.access;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.AccessPolicy;
import org.medfed.common.access.AccessRules;
import org.medfed.common.access.BreakGlassPolicy;
import org.medfed.common.access.BreakGlassReview;
import org.medfed.common.access.PatientBinding;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;

/** The access records of one transaction's ledger: loads, each refusing with its code when the record must exist. */
final class AccessRecords {
    private final LedgerStore ledger;

    AccessRecords(LedgerStore ledger) {
        this.ledger = ledger;
    }

    Optional<AccessPolicy> currentPolicy() {
        return ledger.find(ledger.keys().currentAccessPolicy(), AccessPolicy::fromJson);
    }

    AccessPolicy requirePolicy() {
        return currentPolicy()
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.NO_ACCESS_POLICY, "no access policy has been set: an admin sets one first"));
    }

    AccessPolicy policy(long version) {
        return ledger.find(ledger.keys().accessPolicy(version), AccessPolicy::fromJson)
                .orElseThrow(() -> notFound("no access policy version " + version));
    }

    Optional<PatientBinding> binding(String patientRef) {
        return ledger.find(ledger.keys().patient(patientRef), PatientBinding::fromJson);
    }

    PatientBinding requireBinding(String patientRef) {
        return binding(patientRef).orElseThrow(() -> notFound("no data holder has attested patient " + patientRef));
    }

    Optional<RiskAttestation> attestation(String patientRef) {
        return ledger.find(ledger.keys().attestation(patientRef), RiskAttestation::fromJson);
    }

    AccessDecision decision(String decisionId) {
        return ledger.find(ledger.keys().accessDecision(decisionId), AccessDecision::fromJson)
                .orElseThrow(() -> notFound("no access decision " + decisionId));
    }

    BreakGlassReview review(String decisionId) {
        return ledger.find(ledger.keys().accessReview(decisionId), BreakGlassReview::fromJson)
                .orElseThrow(() -> notFound("no break-glass review of decision " + decisionId));
    }

    /** The requester's break-glass grants within the policy's repeat window before {@code now}. */
    long priorBreakGlass(String requesterId, BreakGlassPolicy policy, Instant now) {
        List<Instant> decided = ledger.scan(ledger.keys().breakGlassOf(requesterId), AccessDecision::fromJson).stream()
                .map(AccessDecision::decidedAt)
                .toList();
        return AccessRules.breakGlassInWindow(decided, policy, now);
    }

    /** The requester's live grant for the patient covering {@code scope} that lasts longest (ties: the latest id). */
    Optional<AccessDecision> liveGrant(String requesterId, String patientRef, RecordScope scope, Instant now) {
        return ledger.scan(ledger.keys().accessGrantsOf(requesterId, patientRef), AccessDecision::fromJson).stream()
                .filter(grant -> grant.covers(scope, now))
                .max(Comparator.comparing(AccessDecision::expiresAt).thenComparing(AccessDecision::id));
    }

    private static FlChaincodeException notFound(String message) {
        return new FlChaincodeException(ErrorCode.NOT_FOUND, message);
    }
}
