package org.medfed.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.common.model.DatasetUseStatus.APPROVED;
import static org.medfed.common.model.DatasetUseStatus.DECLINED;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/** Dataset-use decisions: which may follow which, and the usage receipts of aggregated rounds. */
class DatasetUseTest {
    private static final Instant AGGREGATED = Samples.T0.plusSeconds(3600);

    @ParameterizedTest(name = "{1} after {0}: {2}")
    @CsvSource({
        "pending, approved, true",
        "declined, approved, true",
        "revoked, approved, true",
        "approved, approved, false",
        "pending, declined, true",
        "approved, declined, false",
        "declined, declined, false",
        "revoked, declined, false",
        "approved, revoked, true",
        "pending, revoked, false",
        "declined, revoked, false",
        "revoked, revoked, false"
    })
    void decisionsFollowOnlyTheirAllowedPredecessors(String current, String next, boolean allowed) {
        DatasetUseStatus before = current.equals("pending") ? null : DatasetUseStatus.fromWire(current);
        DatasetUseStatus after = DatasetUseStatus.fromWire(next);

        if (allowed) {
            assertThatCode(() -> after.requireReachableFrom(before)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> after.requireReachableFrom(before))
                    .isInstanceOfSatisfying(
                            RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ILLEGAL_TRANSITION))
                    .hasMessageContaining(current);
        }
    }

    @Test
    void approvalsRoundTripWithoutAnEmptyReason() {
        DatasetUseApproval approval = new DatasetUseApproval(
                "sepsis", "ds-alice", Samples.ALICE, PurposeOfUse.HRESCH, APPROVED, null, Samples.T0);

        assertThat(approval.toJson()).doesNotContainKey("reason");
        assertThat(roundTrip(approval.toJson(), DatasetUseApproval::fromJson)).isEqualTo(approval);
        assertThat(approval.approved()).isTrue();
        assertThat(new DatasetUseApproval(
                                "sepsis", "ds-alice", Samples.ALICE, PurposeOfUse.HRESCH, DECLINED, "no", Samples.T0)
                        .approved())
                .isFalse();
    }

    @Test
    void aReceiptRoundTripsWithEveryFieldPresent() {
        UsageReceipt receipt = receipt(Samples.sha("update"), PurposeOfUse.HRESCH, Samples.T0);

        assertThat(roundTrip(receipt.toJson(), UsageReceipt::fromJson)).isEqualTo(receipt);
        assertThat(CanonicalJson.encode(receipt.toJson()))
                .contains("\"approvalDecidedAt\":\"2026-03-01T08:00:00Z\"", "\"purpose\":\"HRESCH\"");
        assertThat(receipt.masked()).isFalse();
    }

    @Test
    void aReceiptOfAMaskedInputWithoutPurposeWritesItsNullsExplicitly() {
        UsageReceipt receipt = receipt(null, null, null);

        assertThat(receipt.masked()).isTrue();
        assertThat(receipt.toJson())
                .containsEntry("updateSha256", null)
                .containsEntry("purpose", null)
                .containsEntry("approvalDecidedAt", null);
        assertThat(roundTrip(receipt.toJson(), UsageReceipt::fromJson)).isEqualTo(receipt);
    }

    @Test
    void refusesAnApprovalWithoutPurposeAndForeignOrBadFields() {
        assertThatThrownBy(() -> receipt(null, null, Samples.T0)).hasMessageContaining("purpose");
        assertThatThrownBy(() -> receipt("not-a-hash", null, null)).hasMessageContaining("updateSha256");
        Map<String, Object> json = new TreeMap<>(receipt(null, null, null).toJson());
        json.put("vitals", "120/80");
        assertThatThrownBy(() -> UsageReceipt.fromJson(json)).hasMessage("unknown field \"vitals\"");
    }

    private static UsageReceipt receipt(String updateSha256, PurposeOfUse purpose, Instant approval) {
        return new UsageReceipt(
                "ds-alice",
                Samples.ALICE,
                Samples.ALICE,
                "sepsis",
                2,
                1200,
                updateSha256,
                Samples.ref("global-2").sha256(),
                Samples.ref("global-2").cid(),
                purpose,
                approval,
                AGGREGATED);
    }

    private static <T> T roundTrip(
            Map<String, Object> json, java.util.function.Function<Map<String, Object>, T> decoder) {
        return decoder.apply(JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(json))));
    }
}
