package org.medfed.common.access;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.Role;
import org.medfed.common.model.Samples;

/** The policy and records the access tests share; vary one field at a time. */
final class AccessSamples {
    static final Instant NOW = Samples.T0.plusSeconds(3600);
    static final String PATIENT = Samples.sha("patient-1");
    static final String HOLDER = Samples.ALICE;
    static final String CLINICIAN = Samples.BOB;

    private AccessSamples() {}

    /**
     * Rule 0: clinicians, for TREAT or ETREAT, on serious or critical patients, all scopes for an hour; rule 1:
     * clinicians, TREAT, stable patients, the summary for ten minutes; rule 2: payers are denied whatever the risk.
     * Break-glass: summary and vitals for 15 minutes, flagged from the third within a day.
     */
    static AccessPolicy policy() {
        return new AccessPolicy(
                1,
                List.of(
                        PolicyRule.allow(
                                List.of(Role.CLINICIAN),
                                List.of(PurposeOfUse.TREAT, PurposeOfUse.ETREAT),
                                List.of(RiskClass.CRITICAL, RiskClass.SERIOUS),
                                List.of(RecordScope.NOTES, RecordScope.SUMMARY, RecordScope.VITALS),
                                3600),
                        PolicyRule.allow(
                                List.of(Role.CLINICIAN),
                                List.of(PurposeOfUse.TREAT),
                                List.of(RiskClass.STABLE),
                                List.of(RecordScope.SUMMARY),
                                600),
                        PolicyRule.deny(
                                List.of(Role.PAYER), List.of(PurposeOfUse.HPAYMT), List.of(RiskClass.values()))),
                new BreakGlassPolicy(
                        List.of(Role.CLINICIAN), List.of(RecordScope.SUMMARY, RecordScope.VITALS), 900, 86_400, 3),
                Samples.ADMIN,
                Samples.T0);
    }

    /** Observed {@code ageSeconds} before {@link #NOW}, valid for an hour. */
    static RiskAttestation attestation(RiskClass risk, long ageSeconds) {
        RiskAttestation.Claim claim = new RiskAttestation.Claim(
                PATIENT,
                "ds-alice",
                "maternal-risk",
                1,
                Samples.ref("global-1").cid(),
                2,
                new BigDecimal("0.91"),
                NOW.minusSeconds(ageSeconds),
                3600);
        return new RiskAttestation(claim, HOLDER, risk, NOW.minusSeconds(ageSeconds));
    }

    static AccessRequest request(PurposeOfUse purpose, List<RecordScope> scopes, String reason) {
        return new AccessRequest(PATIENT, purpose, scopes, reason);
    }
}
