package org.medfed.client.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.common.access.AccessDecision;
import org.medfed.common.access.AccessPolicy;
import org.medfed.common.access.AccessRequest;
import org.medfed.common.access.AccessRules;
import org.medfed.common.access.BreakGlassPolicy;
import org.medfed.common.access.BreakGlassReview;
import org.medfed.common.access.PolicyRule;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.Role;

/** The access facade sends the wire forms of docs/access.md and decodes what the contract answers. */
class AccessLedgerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final String ADMIN = "a".repeat(64);
    private static final String CLINICIAN = "c".repeat(64);
    private static final String HOLDER = "d".repeat(64);
    private static final String PATIENT = "e".repeat(64);
    private static final String SHA = "f".repeat(64);
    private static final String CID = "bafkreiabcdefgh";

    /** Answers call i with {@code answer(i)} and records "intent tx args". */
    private static final class Fake implements LedgerClient {
        final List<String> calls = new ArrayList<>();
        final Function<Integer, String> answer;

        Fake(Function<Integer, String> answer) {
            this.answer = answer;
        }

        @Override
        public byte[] evaluate(String transaction, String... args) {
            calls.add("evaluate " + transaction + " " + List.of(args));
            return answer.apply(calls.size() - 1).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] submit(String transaction, String... args) {
            calls.add("submit " + transaction + " " + List.of(args));
            return answer.apply(calls.size() - 1).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {}
    }

    private static AccessPolicy policy() {
        return new AccessPolicy(
                1,
                List.of(PolicyRule.allow(
                        List.of(Role.CLINICIAN),
                        List.of(PurposeOfUse.TREAT),
                        List.of(RiskClass.CRITICAL),
                        List.of(RecordScope.VITALS),
                        600)),
                new BreakGlassPolicy(List.of(Role.CLINICIAN), List.of(RecordScope.SUMMARY), 300, 3600, 2),
                ADMIN,
                T0);
    }

    private static RiskAttestation attestation() {
        RiskAttestation.Claim claim =
                new RiskAttestation.Claim(PATIENT, "ds-1", "risk", 1, CID, 1, new BigDecimal("0.9"), T0, 3600);
        return new RiskAttestation(claim, HOLDER, RiskClass.CRITICAL, T0);
    }

    private static AccessDecision decision(AccessRequest request) {
        AccessRules.Verdict verdict =
                AccessRules.decide(policy(), Role.CLINICIAN, request, Optional.of(attestation()), 0, T0);
        return AccessDecision.of("tx-1", CLINICIAN, Role.CLINICIAN, HOLDER, request, 1, verdict, T0);
    }

    private static String json(Map<String, Object> value) {
        return CanonicalJson.encode(value);
    }

    private static String page(List<Map<String, Object>> items, String bookmark) {
        return json(Map.of("items", items, "bookmark", bookmark, "count", (long) items.size()));
    }

    @Test
    void requestAccessSubmitsTheRequestAndDecodesTheDecision() throws Exception {
        AccessRequest request = new AccessRequest(PATIENT, PurposeOfUse.TREAT, List.of(RecordScope.VITALS), null);
        AccessDecision granted = decision(request);
        Fake fake = new Fake(i -> json(granted.toJson()));

        Reply<AccessDecision> reply = new AccessLedger(fake).requestAccess(request);

        assertThat(fake.calls)
                .containsExactly("submit access:requestAccess [{\"patientRef\":\"" + PATIENT
                        + "\",\"purpose\":\"TREAT\",\"scopes\":[\"vitals\"]}]");
        assertThat(reply.value()).isEqualTo(granted);
        assertThat(reply.value().covers(RecordScope.VITALS, T0.plusSeconds(599)))
                .isTrue();
    }

    @Test
    void checkGrantIsEvaluatedWithRequesterPatientAndScope() throws Exception {
        AccessDecision granted = decision(new AccessRequest(PATIENT, PurposeOfUse.TREAT, null, null));
        Fake fake = new Fake(i -> json(granted.toJson()));

        new AccessLedger(fake).checkGrant(CLINICIAN, PATIENT, RecordScope.VITALS);

        assertThat(fake.calls)
                .containsExactly("evaluate access:checkGrant [" + CLINICIAN + ", " + PATIENT + ", vitals]");
    }

    @Test
    void policiesAreSentCanonicalAndReadByVersionOrCurrent() throws Exception {
        Fake fake = new Fake(i -> json(policy().toJson()));
        AccessLedger ledger = new AccessLedger(fake);

        ledger.setPolicy("{ \"version\": 1, \"rules\": [], \"breakGlass\": {\"scopes\": [\"summary\"]} }");
        ledger.policy(null);
        AccessPolicy second = ledger.policy(2L).value();

        assertThat(fake.calls)
                .containsExactly(
                        "submit access:setPolicy [{\"breakGlass\":{\"scopes\":[\"summary\"]},\"rules\":[],"
                                + "\"version\":1}]",
                        "evaluate access:getPolicy []",
                        "evaluate access:getPolicy [2]");
        assertThat(second).isEqualTo(policy());
    }

    @Test
    void attestationsArePostedAsClaimsAndReadWithTheirLiveness() throws Exception {
        RiskAttestation attestation = attestation();
        Fake fake = new Fake(i ->
                i == 0 ? json(attestation.toJson()) : json(Map.of("attestation", attestation.toJson(), "live", false)));
        AccessLedger ledger = new AccessLedger(fake);

        assertThat(ledger.postAttestation(attestation.claim()).value()).isEqualTo(attestation);
        AttestationView view = ledger.attestation(PATIENT).value();

        assertThat(fake.calls.get(0))
                .isEqualTo("submit access:postAttestation ["
                        + json(attestation.claim().toJson()) + "]");
        assertThat(fake.calls.get(1)).isEqualTo("evaluate access:getAttestation [" + PATIENT + "]");
        assertThat(view).isEqualTo(new AttestationView(attestation, false));
    }

    @Test
    void releasesAndReviewsSendTheirDecisionIds() throws Exception {
        AccessDecision breakGlass = decision(new AccessRequest(PATIENT, PurposeOfUse.ETREAT, null, "unconscious"));
        ReleaseRecord.Request request = new ReleaseRecord.Request("tx-1", RecordScope.SUMMARY, SHA);
        ReleaseRecord release = ReleaseRecord.of("tx-2", request, breakGlass, T0);
        BreakGlassReview.Closing closing = new BreakGlassReview.Closing(BreakGlassReview.Outcome.JUSTIFIED, "ok");
        BreakGlassReview closed = BreakGlassReview.open(breakGlass).close(closing, ADMIN, T0);
        Fake fake = new Fake(i -> switch (i) {
            case 0 -> json(release.toJson());
            case 1 -> page(List.of(release.toJson()), "");
            default -> json(closed.toJson());
        });
        AccessLedger ledger = new AccessLedger(fake);

        ledger.recordRelease(request);
        assertThat(ledger.releases(null, 10, "").value().items()).containsExactly(release);
        assertThat(ledger.closeReview("tx-1", closing).value()).isEqualTo(closed);

        assertThat(fake.calls)
                .containsExactly(
                        "submit access:recordRelease [" + json(request.toJson()) + "]",
                        "evaluate access:listReleases [, 10, ]",
                        "submit access:closeReview [tx-1, {\"note\":\"ok\",\"outcome\":\"justified\"}]");
    }

    @Test
    void allReviewsFollowsBookmarksThroughFilteredPages() throws Exception {
        BreakGlassReview open =
                BreakGlassReview.open(decision(new AccessRequest(PATIENT, PurposeOfUse.ETREAT, null, "unconscious")));
        // The status filter may leave a page empty while its bookmark leads on.
        Fake fake = new Fake(i -> i == 0 ? page(List.of(), "next") : page(List.of(open.toJson()), ""));

        Page<BreakGlassReview> reviews = new AccessLedger(fake)
                .allReviews(BreakGlassReview.Status.OPEN, 2)
                .value();

        assertThat(fake.calls)
                .containsExactly(
                        "evaluate access:listReviews [open, 2, ]", "evaluate access:listReviews [open, 2, next]");
        assertThat(reviews.items()).containsExactly(open);
    }
}
