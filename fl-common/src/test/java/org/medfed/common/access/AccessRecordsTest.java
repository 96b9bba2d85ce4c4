package org.medfed.common.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.common.access.AccessSamples.NOW;
import static org.medfed.common.access.AccessSamples.attestation;
import static org.medfed.common.access.AccessSamples.policy;
import static org.medfed.common.access.AccessSamples.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.Role;
import org.medfed.common.model.Samples;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/** Round trips and validation of the access records. */
class AccessRecordsTest {

    private static <T extends JsonRecord> T roundTrip(T record, Function<Map<String, Object>, T> decoder) {
        return decoder.apply(JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(record.toJson()))));
    }

    private static AccessDecision decision(AccessRequest request, Optional<RiskAttestation> attestation) {
        AccessRules.Verdict verdict = AccessRules.decide(policy(), Role.CLINICIAN, request, attestation, 0, NOW);
        return AccessDecision.of(
                "tx-7", AccessSamples.CLINICIAN, Role.CLINICIAN, AccessSamples.HOLDER, request, 1, verdict, NOW);
    }

    @Test
    void policiesRoundTripAndTakeAuthorAndTimeFromTheLedger() {
        AccessPolicy policy = policy();

        assertThat(roundTrip(policy, AccessPolicy::fromJson)).isEqualTo(policy);
        assertThat(AccessPolicy.fromRequest(
                        JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(policy.requestJson()))),
                        Samples.ADMIN,
                        Samples.T0))
                .isEqualTo(policy);
        assertThat(CanonicalJson.encode(policy.rules().get(2).toJson())).doesNotContain("scopes", "grantSeconds");
        assertThatThrownBy(() -> AccessPolicy.fromRequest(policy.toJson(), Samples.ADMIN, Samples.T0))
                .hasMessage("unknown fields \"setAt\", \"setBy\"");
    }

    @Test
    void ruleListsAreSetsAndDenyRulesGrantNothing() {
        assertThatThrownBy(() -> PolicyRule.deny(
                        List.of(Role.PAYER, Role.PAYER), List.of(PurposeOfUse.HPAYMT), List.of(RiskClass.STABLE)))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new PolicyRule(
                        List.of(Role.PAYER),
                        List.of(PurposeOfUse.HPAYMT),
                        List.of(RiskClass.STABLE),
                        PolicyRule.Effect.DENY,
                        List.of(RecordScope.SUMMARY),
                        null))
                .hasMessage("a deny rule has no scopes and no grantSeconds");
        assertThatThrownBy(() -> PolicyRule.allow(
                        List.of(Role.CLINICIAN), List.of(PurposeOfUse.TREAT), List.of(), List.of(RecordScope.NOTES), 1))
                .hasMessage("risks must list at least 1 entry");
    }

    @Test
    void attestationsRoundTripWithTheirExpiry() {
        RiskAttestation attestation = attestation(RiskClass.SERIOUS, 60);
        Map<String, Object> json = new TreeMap<>(attestation.toJson());

        assertThat(roundTrip(attestation, RiskAttestation::fromJson)).isEqualTo(attestation);
        assertThat(json)
                .containsEntry(
                        "expiresAt", NOW.minusSeconds(60).plusSeconds(3600).toString());
        json.put("expiresAt", NOW.toString());
        assertThatThrownBy(() -> RiskAttestation.fromJson(json))
                .hasMessage("expiresAt must be observedAt + ttlSeconds");
        assertThat(RiskAttestation.Claim.fromJson(attestation.claim().toJson())).isEqualTo(attestation.claim());
    }

    @Test
    void claimsRefuseAnythingButAPseudonymAProbabilityAndABoundedLifetime() {
        Map<String, Object> claim =
                new TreeMap<>(attestation(RiskClass.SERIOUS, 60).claim().toJson());
        Map<String, Object> named = new TreeMap<>(claim);
        named.put("patientRef", "Jane Doe");
        Map<String, Object> tooLong = new TreeMap<>(claim);
        tooLong.put("ttlSeconds", 604_801L);
        Map<String, Object> vitals = new TreeMap<>(claim);
        vitals.put("systolicBP", 140L);

        assertThatThrownBy(() -> RiskAttestation.Claim.fromJson(named)).hasMessageContaining("HMAC-SHA256");
        assertThatThrownBy(() -> RiskAttestation.Claim.fromJson(tooLong)).hasMessageContaining("ttlSeconds");
        assertThatThrownBy(() -> RiskAttestation.Claim.fromJson(vitals)).hasMessage("unknown field \"systolicBP\"");
    }

    @Test
    void decisionsRoundTripGrantedAndDenied() {
        AccessDecision granted = decision(
                request(PurposeOfUse.TREAT, List.of(RecordScope.VITALS), null),
                Optional.of(attestation(RiskClass.CRITICAL, 60)));
        AccessDecision denied = decision(request(PurposeOfUse.HRESCH, null, "study"), Optional.empty());

        assertThat(roundTrip(granted, AccessDecision::fromJson)).isEqualTo(granted);
        assertThat(roundTrip(denied, AccessDecision::fromJson)).isEqualTo(denied);
        assertThat(denied.toJson())
                .containsEntry("attestation", null)
                .containsEntry("matchedRule", null)
                .containsEntry("expiresAt", null)
                .containsEntry("outcome", "denied");
    }

    @Test
    void aGrantCoversItsScopesUntilItExpires() {
        AccessDecision granted = decision(
                request(PurposeOfUse.TREAT, List.of(RecordScope.VITALS), null),
                Optional.of(attestation(RiskClass.CRITICAL, 60)));

        assertThat(granted.covers(RecordScope.VITALS, NOW.plusSeconds(3599))).isTrue();
        assertThat(granted.covers(RecordScope.VITALS, NOW.plusSeconds(3600))).isFalse();
        assertThat(granted.covers(RecordScope.NOTES, NOW)).isFalse();
    }

    @Test
    void reviewsOpenOnBreakGlassAndCloseOnce() {
        AccessDecision breakGlass = decision(request(PurposeOfUse.ETREAT, null, "unconscious"), Optional.empty());
        BreakGlassReview open = BreakGlassReview.open(breakGlass);
        BreakGlassReview.Closing justified =
                new BreakGlassReview.Closing(BreakGlassReview.Outcome.JUSTIFIED, "ward confirmed the emergency");

        BreakGlassReview closed = open.close(justified, Samples.CAROL, NOW.plusSeconds(60));

        assertThat(roundTrip(open, BreakGlassReview::fromJson)).isEqualTo(open);
        assertThat(roundTrip(closed, BreakGlassReview::fromJson)).isEqualTo(closed);
        assertThat(closed.toJson()).containsEntry("status", "closed").containsEntry("outcome", "justified");
        assertThatThrownBy(() -> closed.close(justified, Samples.CAROL, NOW))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION));
        assertThatThrownBy(() ->
                        BreakGlassReview.open(decision(request(PurposeOfUse.HRESCH, null, null), Optional.empty())))
                .hasMessageContaining("did not break the glass");
    }

    @Test
    void releasesRoundTripAndNameTheirDecision() {
        AccessDecision granted =
                decision(request(PurposeOfUse.TREAT, null, null), Optional.of(attestation(RiskClass.CRITICAL, 60)));
        ReleaseRecord.Request request = new ReleaseRecord.Request("tx-7", RecordScope.VITALS, Samples.sha("rows"));
        ReleaseRecord release = ReleaseRecord.of("tx-8", request, granted, NOW);

        assertThat(roundTrip(release, ReleaseRecord::fromJson)).isEqualTo(release);
        assertThat(ReleaseRecord.Request.fromJson(request.toJson())).isEqualTo(request);
        assertThat(release.holderId()).isEqualTo(AccessSamples.HOLDER);
        assertThatThrownBy(() -> ReleaseRecord.of(
                        "tx-8",
                        new ReleaseRecord.Request("tx-6", RecordScope.VITALS, Samples.sha("rows")),
                        granted,
                        NOW))
                .hasMessageContaining("tx-6");
    }

    @Test
    void requestsRoundTripWithOptionalScopesAndReason() {
        AccessRequest full = request(PurposeOfUse.ETREAT, List.of(RecordScope.VITALS), "unconscious");
        AccessRequest bare = request(PurposeOfUse.TREAT, null, null);

        assertThat(roundTrip(full, AccessRequest::fromJson)).isEqualTo(full);
        assertThat(roundTrip(bare, AccessRequest::fromJson)).isEqualTo(bare);
        assertThat(bare.toJson()).containsOnlyKeys("patientRef", "purpose");
        assertThatThrownBy(() -> request(PurposeOfUse.TREAT, List.of(), null))
                .hasMessage("scopes must list at least 1 entry");
    }
}
