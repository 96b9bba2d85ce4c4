package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.common.access.RecordScope.SUMMARY;
import static org.medfed.common.access.RecordScope.VITALS;
import static org.medfed.common.model.PurposeOfUse.ETREAT;
import static org.medfed.common.model.PurposeOfUse.HPAYMT;
import static org.medfed.common.model.PurposeOfUse.TREAT;
import static org.medfed.common.model.RiskClass.CRITICAL;
import static org.medfed.common.model.RiskClass.SERIOUS;
import static org.medfed.common.model.RiskClass.STABLE;
import static org.medfed.common.model.RiskClass.UNKNOWN;
import static org.medfed.common.model.Role.CLINICIAN;
import static org.medfed.common.model.Role.PAYER;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.Role;

class AccessMeasuresTest {
    private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
    private static final String ALICE = "a".repeat(64);
    private static final String BOB = "b".repeat(64);
    private static final String HOLDER = "c".repeat(64);
    private static final String PATIENT = "d".repeat(64);

    @Test
    void emergencyDenialsCountOnlyCliniciansTreatingTrulySeriousOrCriticalPatients() {
        List<AccessMeasures.Case> cases = List.of(
                // urgent, with a reason: break-glass grants it although the model said stable
                etreat(CLINICIAN, true, CRITICAL, STABLE, true, true),
                // urgent, no reason, model under-rated: denied
                etreat(CLINICIAN, false, SERIOUS, STABLE, false, false),
                // urgent, no reason, attestation expired: denied
                etreat(CLINICIAN, false, CRITICAL, UNKNOWN, false, false),
                // urgent, no reason, rated right: granted by the rules
                etreat(CLINICIAN, false, SERIOUS, SERIOUS, true, false),
                // not urgent: truly stable, or a payer
                etreat(CLINICIAN, false, STABLE, STABLE, false, false),
                etreat(PAYER, false, CRITICAL, CRITICAL, false, false));

        AccessMeasures.Emergency e = AccessMeasures.emergency(cases);

        // 4 urgent requests, 2 denied, both without a reason: 1 under-rated, 1 unknown
        assertThat(e.denied()).isEqualTo(new AccessMeasures.Rate(2, 4));
        assertThat(e.deniedWithReason()).isEqualTo(new AccessMeasures.Rate(0, 1));
        assertThat(e.deniedWithoutReason()).isEqualTo(new AccessMeasures.Rate(2, 3));
        assertThat(e.underRated()).isEqualTo(1);
        assertThat(e.unknown()).isEqualTo(1);
        assertThat(e.breakGlass()).isEqualTo(1);
        assertThat(e.denied().toString()).isEqualTo("2 of 4 (50.0%)");
    }

    @Test
    void aNonEmergencyGrantIsWrongWhenTheTrueClassGivesLessOrNothing() {
        List<AccessMeasures.Case> cases = List.of(
                // over-rated (serious for a stable patient): vitals too, where the truth gives summary only
                treat(STABLE, SERIOUS, List.of(SUMMARY, VITALS), List.of(SUMMARY)),
                // rated right
                treat(SERIOUS, SERIOUS, List.of(SUMMARY, VITALS), List.of(SUMMARY, VITALS)),
                // under-rated: fewer scopes than the truth, not a wrong grant
                treat(CRITICAL, STABLE, List.of(SUMMARY), List.of(SUMMARY, VITALS)),
                // granted what the truth denies (the truth asked for vitals of a stable patient)
                treat(STABLE, CRITICAL, List.of(VITALS), List.of()),
                // denied
                treat(UNKNOWN, UNKNOWN, List.of(), List.of()),
                // payment: the same either way
                new AccessMeasures.Case(
                        PAYER, HPAYMT, false, CRITICAL, STABLE, true, false, List.of(SUMMARY), List.of(SUMMARY)),
                // an emergency is not counted here
                etreat(CLINICIAN, true, STABLE, STABLE, true, true));

        AccessMeasures.NonEmergency n = AccessMeasures.nonEmergency(cases);

        // 6 non-emergency requests, 5 granted; wrong: the first and the fourth, both over-rated, one denied by truth
        assertThat(n.wronglyGranted()).isEqualTo(new AccessMeasures.Rate(2, 6));
        assertThat(n.granted()).isEqualTo(5);
        assertThat(n.truthDenies()).isEqualTo(1);
        assertThat(n.overRated()).isEqualTo(2);
    }

    @Test
    void theAuditMatchesEachReleaseToALiveGrantCoveringItsScope() {
        AccessDecision grant = decision("1", ALICE, true, List.of(SUMMARY, VITALS), T, T.plusSeconds(3600));
        AccessDecision denial = decision("2", ALICE, false, List.of(), T, null);
        AccessDecision unused = decision("3", BOB, true, List.of(SUMMARY), T, T.plusSeconds(60));
        List<ReleaseRecord> releases = List.of(
                release("a", grant, ALICE, VITALS, T.plusSeconds(30)), // matched
                release("b", grant, ALICE, SUMMARY, T.plusSeconds(3599)), // matched, a second before expiry
                release("c", grant, ALICE, SUMMARY, T.plusSeconds(3600)), // at expiry: not live
                release("d", denial, ALICE, SUMMARY, T.plusSeconds(30)), // under a denial
                release("e", grant, BOB, SUMMARY, T.plusSeconds(30)), // to another requester
                release("f", grant, ALICE, SUMMARY, T.minusSeconds(1))); // before the decision

        AccessMeasures.Audit audit = AccessMeasures.audit(List.of(grant, denial, unused), releases);

        assertThat(audit.releases()).isEqualTo(6);
        assertThat(audit.matched()).isEqualTo(2);
        assertThat(audit.unmatched()).isEqualTo(4);
        assertThat(audit.problems())
                .extracting(p -> p.substring(0, p.indexOf(':')))
                .containsExactly(
                        "release " + id("c"), "release " + id("d"), "release " + id("e"), "release " + id("f"));
        // grants 1 and 3; nothing was released under 3
        assertThat(audit.grants()).isEqualTo(2);
        assertThat(audit.grantsWithoutRelease()).isEqualTo(1);
    }

    @Test
    void aReleaseNamingNoDecisionIsUnmatched() {
        AccessDecision grant = decision("1", ALICE, true, List.of(SUMMARY), T, T.plusSeconds(60));
        AccessDecision elsewhere = decision("9", ALICE, true, List.of(SUMMARY), T, T.plusSeconds(60));

        AccessMeasures.Audit audit =
                AccessMeasures.audit(List.of(grant), List.of(release("a", elsewhere, ALICE, SUMMARY, T)));

        assertThat(audit.unmatched()).isEqualTo(1);
        assertThat(audit.problems().get(0)).contains("no decision " + id("9"));
    }

    @Test
    void theConfusionGivesRecallPerTrueClassAndAccuracy() {
        // true:      0 0 1 1 2 2 2 2
        // predicted: 0 1 1 1 2 2 1 0
        AccessMeasures.Confusion confusion = AccessMeasures.Confusion.of(
                List.of("low", "mid", "high"), new int[] {0, 0, 1, 1, 2, 2, 2, 2}, new int[] {0, 1, 1, 1, 2, 2, 1, 0});

        assertThat(confusion.counts()[2]).containsExactly(1, 1, 2);
        assertThat(confusion.recall(2)).isEqualTo(new AccessMeasures.Rate(2, 4));
        assertThat(confusion.recall(0)).isEqualTo(new AccessMeasures.Rate(1, 2));
        // 1 + 2 + 2 right of 8
        assertThat(confusion.accuracy()).isEqualTo(new AccessMeasures.Rate(5, 8));
    }

    private static AccessMeasures.Case etreat(
            Role role, boolean reason, RiskClass truth, RiskClass decided, boolean granted, boolean breakGlass) {
        return new AccessMeasures.Case(
                role,
                ETREAT,
                reason,
                truth,
                decided,
                granted,
                breakGlass,
                granted ? List.of(VITALS) : List.of(),
                List.of());
    }

    private static AccessMeasures.Case treat(
            RiskClass truth, RiskClass decided, List<RecordScope> granted, List<RecordScope> truthScopes) {
        return new AccessMeasures.Case(
                CLINICIAN, TREAT, false, truth, decided, !granted.isEmpty(), false, granted, truthScopes);
    }

    private static String id(String s) {
        return s.repeat(64);
    }

    private static AccessDecision decision(
            String id, String requester, boolean granted, List<RecordScope> scopes, Instant at, Instant expires) {
        return new AccessDecision(
                id(id),
                requester,
                Role.CLINICIAN,
                PATIENT,
                HOLDER,
                PurposeOfUse.TREAT,
                null,
                null,
                1,
                RiskClass.UNKNOWN,
                null,
                null,
                granted ? AccessDecision.Outcome.GRANTED : AccessDecision.Outcome.DENIED,
                false,
                scopes,
                expires,
                false,
                0,
                "hand-made",
                at);
    }

    private static ReleaseRecord release(
            String id, AccessDecision decision, String requester, RecordScope scope, Instant at) {
        return new ReleaseRecord(id(id), decision.id(), requester, PATIENT, HOLDER, scope, "e".repeat(64), at);
    }
}
