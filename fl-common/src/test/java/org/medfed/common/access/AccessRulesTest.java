package org.medfed.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.common.access.AccessSamples.NOW;
import static org.medfed.common.access.AccessSamples.attestation;
import static org.medfed.common.access.AccessSamples.policy;
import static org.medfed.common.access.AccessSamples.request;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medfed.common.access.AccessRules.Verdict;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.Role;

/** Each branch of the decision rule on the three-rule policy of {@link AccessSamples#policy()}. */
class AccessRulesTest {
    private static final Optional<RiskAttestation> CRITICAL = Optional.of(attestation(RiskClass.CRITICAL, 60));
    private static final Optional<RiskAttestation> STABLE = Optional.of(attestation(RiskClass.STABLE, 60));

    private static Verdict decide(Role role, AccessRequest request, Optional<RiskAttestation> attestation, long prior) {
        return AccessRules.decide(policy(), role, request, attestation, prior, NOW);
    }

    @Test
    void theFirstMatchingAllowGrantsItsScopesForItsDuration() {
        Verdict verdict = decide(Role.CLINICIAN, request(PurposeOfUse.TREAT, null, null), CRITICAL, 0);

        assertThat(verdict.granted()).isTrue();
        assertThat(verdict.matchedRule()).isZero();
        assertThat(verdict.risk()).isEqualTo(RiskClass.CRITICAL);
        assertThat(verdict.attestation()).isEqualTo(CRITICAL.get());
        assertThat(verdict.scopes()).containsExactly(RecordScope.SUMMARY, RecordScope.VITALS, RecordScope.NOTES);
        assertThat(verdict.expiresAt()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(verdict.breakGlass()).isFalse();
        assertThat(verdict.explanation()).isEqualTo("rule 0 allows role clinician, purpose TREAT, risk critical");
    }

    @Test
    void grantsOnlyTheRequestedScopesTheRuleAllows() {
        Verdict verdict = decide(
                Role.CLINICIAN,
                request(PurposeOfUse.TREAT, List.of(RecordScope.VITALS, RecordScope.SUMMARY), null),
                STABLE,
                0);

        // rule 1 allows {summary} ∩ requested {summary, vitals} = {summary}, for 600 s
        assertThat(verdict.matchedRule()).isEqualTo(1);
        assertThat(verdict.scopes()).containsExactly(RecordScope.SUMMARY);
        assertThat(verdict.expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void aMatchingDenyRuleDenies() {
        Verdict verdict = decide(Role.PAYER, request(PurposeOfUse.HPAYMT, null, null), CRITICAL, 0);

        assertThat(verdict.granted()).isFalse();
        assertThat(verdict.matchedRule()).isEqualTo(2);
        assertThat(verdict.scopes()).isEmpty();
        assertThat(verdict.expiresAt()).isNull();
        assertThat(verdict.explanation()).isEqualTo("rule 2 denies role payer, purpose HPAYMT, risk critical");
    }

    @Test
    void noMatchingRuleDenies() {
        Verdict verdict = decide(Role.CLINICIAN, request(PurposeOfUse.HRESCH, null, null), CRITICAL, 0);

        assertThat(verdict.granted()).isFalse();
        assertThat(verdict.matchedRule()).isNull();
        assertThat(verdict.explanation()).isEqualTo("no rule matches role clinician, purpose HRESCH, risk critical");
    }

    @Test
    void anAllowLeavingNoRequestedScopeDenies() {
        Verdict verdict =
                decide(Role.CLINICIAN, request(PurposeOfUse.TREAT, List.of(RecordScope.NOTES), null), STABLE, 0);

        assertThat(verdict.granted()).isFalse();
        assertThat(verdict.matchedRule()).isEqualTo(1);
        assertThat(verdict.explanation()).startsWith("scope not allowed: rule 1 allows [summary]");
    }

    @Test
    void withoutAnAttestationTheRiskIsUnknown() {
        Verdict verdict = decide(Role.CLINICIAN, request(PurposeOfUse.TREAT, null, null), Optional.empty(), 0);

        // no rule for clinicians lists unknown
        assertThat(verdict.risk()).isEqualTo(RiskClass.UNKNOWN);
        assertThat(verdict.attestation()).isNull();
        assertThat(verdict.granted()).isFalse();
        assertThat(verdict.matchedRule()).isNull();
    }

    @Test
    void anAttestationExpiringNowCountsAsNone() {
        RiskAttestation expired = attestation(RiskClass.CRITICAL, 3600); // observed 3600 s ago, ttl 3600 s
        RiskAttestation lastSecond = attestation(RiskClass.CRITICAL, 3599);

        Verdict unknown = decide(Role.CLINICIAN, request(PurposeOfUse.TREAT, null, null), Optional.of(expired), 0);
        Verdict known = decide(Role.CLINICIAN, request(PurposeOfUse.TREAT, null, null), Optional.of(lastSecond), 0);

        assertThat(unknown.risk()).isEqualTo(RiskClass.UNKNOWN);
        assertThat(unknown.attestation()).isNull();
        assertThat(unknown.granted()).isFalse();
        assertThat(known.granted()).isTrue();
    }

    @Test
    void emergencyTreatmentWhereThePolicyAllowsIsAnOrdinaryGrant() {
        Verdict verdict = decide(Role.CLINICIAN, request(PurposeOfUse.ETREAT, null, "bleeding"), CRITICAL, 5);

        assertThat(verdict.granted()).isTrue();
        assertThat(verdict.breakGlass()).isFalse();
        assertThat(verdict.flagged()).isFalse();
        assertThat(verdict.priorBreakGlass()).isZero();
    }

    @Test
    void emergencyTreatmentWithAReasonBreaksTheGlassWhereThePolicyDenies() {
        Verdict verdict =
                decide(Role.CLINICIAN, request(PurposeOfUse.ETREAT, null, "unconscious"), Optional.empty(), 0);

        assertThat(verdict.granted()).isTrue();
        assertThat(verdict.breakGlass()).isTrue();
        assertThat(verdict.matchedRule()).isNull();
        assertThat(verdict.scopes()).containsExactly(RecordScope.SUMMARY, RecordScope.VITALS);
        assertThat(verdict.expiresAt()).isEqualTo(NOW.plusSeconds(900));
        assertThat(verdict.flagged()).isFalse();
        assertThat(verdict.explanation())
                .isEqualTo("break-glass for emergency treatment (no rule matches role clinician, purpose ETREAT,"
                        + " risk unknown); review opened");
    }

    @Test
    void breakGlassGrantsOnlyRequestedScopes() {
        Verdict vitals = decide(
                Role.CLINICIAN,
                request(PurposeOfUse.ETREAT, List.of(RecordScope.VITALS), "collapse"),
                Optional.empty(),
                0);
        Verdict notes = decide(
                Role.CLINICIAN,
                request(PurposeOfUse.ETREAT, List.of(RecordScope.NOTES), "collapse"),
                Optional.empty(),
                0);

        assertThat(vitals.scopes()).containsExactly(RecordScope.VITALS);
        assertThat(notes.granted()).isFalse();
        assertThat(notes.explanation()).startsWith("scope not allowed: break-glass allows [summary, vitals]");
    }

    @Test
    void onlyTheBreakGlassRolesBreakTheGlass() {
        Verdict payer = decide(Role.PAYER, request(PurposeOfUse.ETREAT, null, "collapse"), CRITICAL, 0);

        assertThat(payer.granted()).isFalse();
        assertThat(payer.breakGlass()).isFalse();
        assertThat(payer.explanation())
                .startsWith("role payer may not break the glass (break-glass roles: [clinician]");
    }

    @Test
    void emergencyTreatmentWithoutAReasonIsDenied() {
        Verdict absent = decide(Role.CLINICIAN, request(PurposeOfUse.ETREAT, null, null), Optional.empty(), 0);
        Verdict blank = decide(Role.CLINICIAN, request(PurposeOfUse.ETREAT, null, "  "), Optional.empty(), 0);

        assertThat(absent.granted()).isFalse();
        assertThat(absent.breakGlass()).isFalse();
        assertThat(absent.explanation()).startsWith(AccessRules.NEEDS_REASON);
        assertThat(blank).isEqualTo(absent);
    }

    @Test
    void repeatBreakGlassIsFlaggedFromTheThresholdOn() {
        AccessRequest emergency = request(PurposeOfUse.ETREAT, null, "unconscious");

        // threshold 3: flagged when the requester already had 3 − 1 = 2 within the window
        Verdict second = decide(Role.CLINICIAN, emergency, Optional.empty(), 1);
        Verdict third = decide(Role.CLINICIAN, emergency, Optional.empty(), 2);
        Verdict fourth = decide(Role.CLINICIAN, emergency, Optional.empty(), 3);

        assertThat(second.flagged()).isFalse();
        assertThat(second.priorBreakGlass()).isEqualTo(1);
        assertThat(third.flagged()).isTrue();
        assertThat(third.priorBreakGlass()).isEqualTo(2);
        assertThat(third.explanation()).endsWith("repeat use flagged: 2 earlier break-glass grant(s) within 86400 s");
        assertThat(fourth.flagged()).isTrue();
    }

    @Test
    void countsBreakGlassGrantsFromTheStartOfTheWindowUpToNow() {
        List<Instant> decided = List.of(
                NOW.minusSeconds(86_401), // before the window
                NOW.minusSeconds(86_400), // its first instant
                NOW.minusSeconds(10),
                NOW.plusSeconds(1)); // not yet

        assertThat(AccessRules.breakGlassInWindow(decided, policy().breakGlass(), NOW))
                .isEqualTo(2);
    }
}
