package org.medfed.chaincode.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.AccessConsortium.CLINICIAN;
import static org.medfed.chaincode.testing.AccessConsortium.OFFICER;
import static org.medfed.chaincode.testing.AccessConsortium.PATIENT;
import static org.medfed.chaincode.testing.AccessConsortium.PAYER;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.testing.AccessConsortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.AccessPolicy;
import org.medfed.common.access.BreakGlassReview;
import org.medfed.common.access.RecordScope;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.RiskClass;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.testing.FakeChaincodeStub.Write;
import org.medfed.contract.testing.TestIdentity;

/**
 * One patient's access story on ledger time: a policy, an attestation, grants and denials by policy, a release, the
 * attestation and the grant expiring, break-glass with its review, and repeat break-glass flagged. Every refusal on
 * the way leaves the world state byte for byte as it was.
 */
class AccessStoryTest {
    private final LedgerHarness ledger = new LedgerHarness();
    private final AccessConsortium consortium = AccessConsortium.create(ledger);
    private final AccessContract access = consortium.access;

    @Test
    void grantsDeniesReleasesExpiresBreaksTheGlassAndFlagsRepeats() {
        Instant t0 = ledger.now();
        AccessPolicy policy = AccessPolicy.fromJson(consortium.setPolicy(1));
        assertThat(policy.setBy()).isEqualTo(ADMIN.participantId());
        assertThat(event()).isEqualTo(EventNames.ACCESS_POLICY_SET);
        String current = ledger.run(ADMIN, ctx -> access.getPolicy(ctx, ""));
        String first = ledger.run(ADMIN, ctx -> access.getPolicy(ctx, "1"));
        assertThat(current).isEqualTo(first);

        // The hospital attests its patient critical (class 1) for an hour: the binding and the attestation.
        Map<String, Object> attestation = consortium.attest(PATIENT, 1);
        assertThat(attestation)
                .containsEntry("riskClass", "critical")
                .containsEntry("holderId", HOSPITAL.participantId())
                .containsEntry("expiresAt", t0.plusSeconds(3600).toString());
        assertThat(writtenTypes()).containsExactly("attest", "patient");
        assertThat(event()).isEqualTo(EventNames.RISK_ATTESTED);

        // A clinician treating a critical patient: rule 0, every scope for an hour.
        AccessDecision granted = decide(CLINICIAN, "TREAT", null, null);
        assertThat(granted.granted()).isTrue();
        assertThat(granted.matchedRule()).isZero();
        assertThat(granted.risk()).isEqualTo(RiskClass.CRITICAL);
        assertThat(granted.attestation().toJson()).isEqualTo(attestation);
        assertThat(granted.scopes()).containsExactly(RecordScope.SUMMARY, RecordScope.VITALS, RecordScope.NOTES);
        assertThat(granted.expiresAt()).isEqualTo(t0.plusSeconds(3600));
        assertThat(writtenTypes()).containsExactly("accdec", "accgrant");
        assertThat(event()).isEqualTo(EventNames.ACCESS_GRANTED);

        // A payer: rule 2 denies. The denial is recorded, not refused.
        AccessDecision denied = decide(PAYER, "HPAYMT", null, null);
        assertThat(denied.granted()).isFalse();
        assertThat(denied.matchedRule()).isEqualTo(2);
        assertThat(writtenTypes()).containsExactly("accdec");
        assertThat(event()).isEqualTo(EventNames.ACCESS_DENIED);

        // The holder checks the grant, then records the release it serves.
        assertThat(checkGrant(CLINICIAN, "vitals")).containsEntry("id", granted.id());
        refused(
                ErrorCode.NO_LIVE_GRANT,
                HOSPITAL,
                ctx -> access.checkGrant(ctx, PAYER.participantId(), PATIENT, "vitals"));
        Map<String, Object> release =
                ledger.json(HOSPITAL, ctx -> access.recordRelease(ctx, release(granted.id(), "vitals")));
        assertThat(release)
                .containsEntry("decisionId", granted.id())
                .containsEntry("requesterId", CLINICIAN.participantId())
                .containsEntry("holderId", HOSPITAL.participantId());
        assertThat(writtenTypes()).containsExactly("accrel");
        assertThat(event()).isEqualTo(EventNames.DATA_RELEASED);
        refused(
                ErrorCode.NOT_PATIENT_HOLDER,
                CLINIC,
                ctx -> access.recordRelease(ctx, release(granted.id(), "vitals")));
        refused(ErrorCode.NO_LIVE_GRANT, HOSPITAL, ctx -> access.recordRelease(ctx, release(denied.id(), "vitals")));

        // An hour later the attestation and the grant have expired on ledger time: the risk is unknown.
        ledger.advance(Duration.ofSeconds(3600));
        assertThat(ledger.json(ADMIN, ctx -> access.getAttestation(ctx, PATIENT)))
                .containsEntry("live", false);
        refused(
                ErrorCode.NO_LIVE_GRANT,
                HOSPITAL,
                ctx -> access.checkGrant(ctx, CLINICIAN.participantId(), PATIENT, "vitals"));
        refused(ErrorCode.NO_LIVE_GRANT, HOSPITAL, ctx -> access.recordRelease(ctx, release(granted.id(), "summary")));
        AccessDecision unknown = decide(CLINICIAN, "TREAT", null, null);
        assertThat(unknown.granted()).isFalse();
        assertThat(unknown.risk()).isEqualTo(RiskClass.UNKNOWN);
        assertThat(unknown.attestation()).isNull();

        // Break-glass: emergency treatment with a reason where the policy denies; a review opens.
        AccessDecision breakGlass = decide(CLINICIAN, "ETREAT", null, "eclampsia, patient unconscious");
        assertThat(breakGlass.breakGlass()).isTrue();
        assertThat(breakGlass.flagged()).isFalse();
        assertThat(breakGlass.scopes()).containsExactly(RecordScope.SUMMARY, RecordScope.VITALS);
        assertThat(breakGlass.expiresAt()).isEqualTo(ledger.now().plusSeconds(900));
        assertThat(writtenTypes()).containsExactly("accdec", "accgrant", "accreview", "breakglass");
        assertThat(reviews("open")).extracting(BreakGlassReview::decisionId).containsExactly(breakGlass.id());
        assertThat(checkGrant(CLINICIAN, "vitals")).containsEntry("id", breakGlass.id());
        refused(
                ErrorCode.NO_LIVE_GRANT,
                HOSPITAL,
                ctx -> access.checkGrant(ctx, CLINICIAN.participantId(), PATIENT, "notes"));

        // Only a privacy officer closes the review, once.
        String justified = Fixtures.json(Map.of("outcome", "justified", "note", "ward log confirms the emergency"));
        refused(ErrorCode.UNAUTHORIZED, CLINICIAN, ctx -> access.closeReview(ctx, breakGlass.id(), justified));
        Map<String, Object> closed = ledger.json(OFFICER, ctx -> access.closeReview(ctx, breakGlass.id(), justified));
        assertThat(closed)
                .containsEntry("status", "closed")
                .containsEntry("outcome", "justified")
                .containsEntry("closedBy", OFFICER.participantId());
        assertThat(event()).isEqualTo(EventNames.REVIEW_CLOSED);
        refused(ErrorCode.ILLEGAL_TRANSITION, OFFICER, ctx -> access.closeReview(ctx, breakGlass.id(), justified));
        assertThat(reviews("open")).isEmpty();
        assertThat(reviews("closed")).hasSize(1);

        // The break-glass grant lasts 15 minutes; the next within a day is flagged (threshold 2).
        ledger.advance(Duration.ofSeconds(900));
        refused(
                ErrorCode.NO_LIVE_GRANT,
                HOSPITAL,
                ctx -> access.checkGrant(ctx, CLINICIAN.participantId(), PATIENT, "vitals"));
        AccessDecision repeat = decide(CLINICIAN, "ETREAT", List.of("vitals"), "seizure again");
        assertThat(repeat.breakGlass()).isTrue();
        assertThat(repeat.flagged()).isTrue();
        assertThat(repeat.priorBreakGlass()).isEqualTo(1);
        assertThat(repeat.scopes()).containsExactly(RecordScope.VITALS);
        assertThat(reviews("open"))
                .singleElement()
                .satisfies(review -> assertThat(review.flagged()).isTrue());

        // Emergency treatment without a reason is denied and opens nothing.
        AccessDecision noReason = decide(CLINICIAN, "ETREAT", null, null);
        assertThat(noReason.granted()).isFalse();
        assertThat(noReason.explanation()).startsWith("break-glass needs a written reason");
        assertThat(writtenTypes()).containsExactly("accdec");

        Map<String, Object> decisions = ledger.json(ADMIN, ctx -> access.listDecisions(ctx, "100", ""));
        assertThat(decisions).containsEntry("count", 6L);
        assertThat(ledger.json(ADMIN, ctx -> access.listReleases(ctx, "", "10", "")))
                .containsEntry("count", 1L);
        assertThat(ledger.json(ADMIN, ctx -> access.listReleases(ctx, denied.id(), "10", "")))
                .containsEntry("count", 0L);
    }

    private AccessDecision decide(TestIdentity who, String purpose, List<String> scopes, String reason) {
        return AccessDecision.fromJson(consortium.request(who, purpose, scopes, reason));
    }

    private Map<String, Object> checkGrant(TestIdentity requester, String scope) {
        return ledger.json(HOSPITAL, ctx -> access.checkGrant(ctx, requester.participantId(), PATIENT, scope));
    }

    private List<BreakGlassReview> reviews(String status) {
        Map<String, Object> page = ledger.json(OFFICER, ctx -> access.listReviews(ctx, status, "100", ""));
        return JsonFields.objects(page, "items").stream()
                .map(BreakGlassReview::fromJson)
                .toList();
    }

    private static String release(String decisionId, String scope) {
        return Fixtures.json(Map.of("decisionId", decisionId, "scope", scope, "recordsSha256", Fixtures.sha("rows")));
    }

    /** The object types of the last transaction's writes, sorted. */
    private List<String> writtenTypes() {
        return ledger.lastWriteSet().stream()
                .map(write -> write.key().split("\u0000")[1])
                .sorted()
                .toList();
    }

    private String event() {
        return ledger.lastEvent().name();
    }

    /** Refused with {@code code}, and the world state is what it was, byte for byte. */
    private void refused(ErrorCode code, TestIdentity caller, Function<LedgerContext, ?> transaction) {
        List<Write> before = ledger.worldState();
        int writeSets = ledger.writeSets().size();
        ledger.refused(code, caller, transaction);
        assertThat(ledger.worldState()).isEqualTo(before);
        assertThat(ledger.writeSets()).hasSize(writeSets);
    }
}
