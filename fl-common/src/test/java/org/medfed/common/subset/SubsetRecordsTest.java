package org.medfed.common.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.common.subset.SubsetSamples.TASK;
import static org.medfed.common.subset.SubsetSamples.contribution;
import static org.medfed.common.subset.SubsetSamples.roundTrip;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.Samples;
import org.medfed.common.secagg.X25519;

/** The shared subset's ledger records: canonical JSON round trips, unknown fields and bad values refused. */
class SubsetRecordsTest {
    private static final Instant AT = Instant.parse("2026-03-01T09:00:00Z");

    @Nested
    class Contribution {

        private SubsetContribution with(Consumer<Map<String, Object>> change) {
            Map<String, Object> json = new TreeMap<>(contribution("ds-alice").toJson());
            change.accept(json);
            return SubsetContribution.fromJson(json);
        }

        @Test
        void roundTripsThroughCanonicalJsonWithItsKeysSortedByOrganisation() {
            SubsetContribution c = contribution("ds-alice");

            assertThat(roundTrip(c, SubsetContribution::fromJson)).isEqualTo(c);
            assertThat(c.wrappedKeys()).containsOnlyKeys("Org1MSP", "Org2MSP");
            assertThat(c.classCounts()).containsExactly(1L, 1L);
            assertThat(c.rows()).isEqualTo(2);
        }

        @Test
        void refusesUnknownOrMissingFields() {
            assertThatThrownBy(() -> with(json -> json.put("rows", 2L))).hasMessageContaining("rows");
            assertThatThrownBy(() -> with(json -> json.remove("rowsSha256"))).hasMessageContaining("rowsSha256");
        }

        @Test
        void refusesNoRowsNegativeOrOversizedCounts() {
            assertThatThrownBy(() -> with(json -> json.put("classCounts", List.of(0L, 0L))))
                    .hasMessageContaining("decline instead");
            assertThatThrownBy(() -> with(json -> json.put("classCounts", List.of())))
                    .hasMessageContaining("one count per class");
            assertThatThrownBy(() -> with(json -> json.put("classCounts", List.of(-1L, 3L))))
                    .hasMessageContaining("classCounts[]");
            assertThatThrownBy(() -> with(json -> json.put("classCounts", List.of(1_000_001L, 3L))))
                    .hasMessageContaining("classCounts[]");
        }

        @Test
        void refusesMalformedHashesConsentAndKeys() {
            assertThatThrownBy(() -> with(json -> json.put("sha256", "ABC"))).hasMessageContaining("sha256");
            assertThatThrownBy(() -> with(json -> json.put("cid", "not-a-cid"))).hasMessageContaining("cid");
            assertThatThrownBy(() -> with(json -> json.put("consent", " "))).hasMessageContaining("consent");
            assertThatThrownBy(() -> with(json -> json.put("ephemeralKey", "%%%")))
                    .hasMessageContaining("ephemeralKey must be base64");
            assertThatThrownBy(() -> with(json -> json.put("ephemeralKey", base64(31))))
                    .hasMessageContaining("ephemeralKey must decode to 32 bytes, got 31");
            assertThatThrownBy(() -> with(json -> json.put("wrappedKeys", Map.of())))
                    .hasMessageContaining("wrappedKeys must name 1 to 64");
            assertThatThrownBy(() -> with(json -> json.put("wrappedKeys", Map.of("Org1MSP", base64(257)))))
                    .hasMessageContaining("wrappedKeys.Org1MSP");
            assertThatThrownBy(() -> with(json -> json.put("wrappedKeys", Map.of("Org|1", base64(60)))))
                    .hasMessageContaining("wrappedKeys key");
        }

        private static String base64(int bytes) {
            return Base64.getEncoder().encodeToString(new byte[bytes]);
        }
    }

    @Nested
    class Share {

        @Test
        void aContributionRoundTripsWithoutAReason() {
            SubsetShare share = new SubsetShare(
                    TASK,
                    "ds-alice",
                    Samples.ALICE,
                    SubsetShareStatus.CONTRIBUTED,
                    contribution("ds-alice"),
                    null,
                    AT,
                    "tx-1");

            assertThat(roundTrip(share, SubsetShare::fromJson)).isEqualTo(share);
            assertThat(share.toJson()).containsEntry("status", "contributed").doesNotContainKey("reason");
            assertThat(share.contributed()).isTrue();
        }

        @Test
        void aDeclineRoundTripsWithItsReasonAndNoContribution() {
            SubsetShare share = new SubsetShare(
                    TASK, "ds-bob", Samples.BOB, SubsetShareStatus.DECLINED, null, "too few rows", AT, "tx-2");

            assertThat(roundTrip(share, SubsetShare::fromJson)).isEqualTo(share);
            assertThat(share.toJson()).containsEntry("status", "declined").doesNotContainKey("contribution");
            assertThat(share.contributed()).isFalse();
        }

        @Test
        void refusesAContributionOfAnotherDatasetOrWithAReasonAndADeclineWithout() {
            SubsetContribution bobs = contribution("ds-bob");
            assertThatThrownBy(() -> new SubsetShare(
                            TASK, "ds-alice", Samples.ALICE, SubsetShareStatus.CONTRIBUTED, bobs, null, AT, "tx"))
                    .hasMessageContaining("another task or dataset");
            SubsetContribution alices = contribution("ds-alice");
            assertThatThrownBy(() -> new SubsetShare(
                            TASK, "ds-alice", Samples.ALICE, SubsetShareStatus.CONTRIBUTED, alices, "x", AT, "tx"))
                    .hasMessageContaining("no decline reason");
            assertThatThrownBy(() -> new SubsetShare(
                            TASK, "ds-alice", Samples.ALICE, SubsetShareStatus.DECLINED, alices, "x", AT, "tx"))
                    .hasMessageContaining("no contribution");
            assertThatThrownBy(() -> new SubsetShare(
                            TASK, "ds-alice", Samples.ALICE, SubsetShareStatus.DECLINED, null, null, AT, "tx"))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() ->
                            new SubsetShare(TASK, "ds-alice", "alice", SubsetShareStatus.DECLINED, null, "x", AT, "tx"))
                    .hasMessageContaining("holderId");
        }

        @Test
        void refusesAnUnknownStatusOrField() {
            Map<String, Object> json = new TreeMap<>(
                    new SubsetShare(TASK, "ds-bob", Samples.BOB, SubsetShareStatus.DECLINED, null, "no", AT, "tx")
                            .toJson());
            json.put("status", "pending");
            assertThatThrownBy(() -> SubsetShare.fromJson(json)).hasMessageContaining("pending");
            json.put("status", "declined");
            json.put("extra", 1L);
            assertThatThrownBy(() -> SubsetShare.fromJson(json)).hasMessageContaining("extra");
        }
    }

    @Nested
    class MemberKey {
        private final String publicKey = Base64.getEncoder().encodeToString(SubsetSamples.ORG1.publicKey32());

        @Test
        void roundTripsAndGivesBackTheKeyBytes() {
            MemberKeyRecord key = new MemberKeyRecord("Org1MSP", publicKey, Samples.ADMIN, AT);

            assertThat(roundTrip(key, MemberKeyRecord::fromJson)).isEqualTo(key);
            assertThat(key.publicKeyBytes()).isEqualTo(SubsetSamples.ORG1.publicKey32());
        }

        @Test
        void refusesAKeyThatIsNotAnAcceptableX25519PublicKey() {
            String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
            String zero = Base64.getEncoder().encodeToString(new byte[32]); // small order: agreement gives zero
            assertThat(X25519.acceptablePublicKey(new byte[32])).isFalse();
            for (String bad : List.of(shortKey, zero)) {
                assertThatThrownBy(() -> new MemberKeyRecord("Org1MSP", bad, Samples.ADMIN, AT))
                        .hasMessageContaining("acceptable 32-byte X25519 public key");
            }
            assertThatThrownBy(() -> new MemberKeyRecord("Org1MSP", "%%", Samples.ADMIN, AT))
                    .hasMessageContaining("base64");
            assertThatThrownBy(() -> new MemberKeyRecord("Org1MSP", publicKey, "admin", AT))
                    .hasMessageContaining("setBy");
        }

        @Test
        void refusesUnknownFields() {
            Map<String, Object> json =
                    new TreeMap<>(new MemberKeyRecord("Org1MSP", publicKey, Samples.ADMIN, AT).toJson());
            json.put("privateKey", publicKey);
            assertThatThrownBy(() -> MemberKeyRecord.fromJson(json)).hasMessageContaining("privateKey");
        }
    }

    @Nested
    class WarmUp {
        private final WarmUpRequest request = new WarmUpRequest(
                TASK,
                Samples.ref("warm"),
                List.of("ds-alice"),
                List.of(new SubsetExclusion("ds-bob", "the sealed blob hashes to 00, the ledger recorded 11")),
                List.of(3L, 4L));

        @Test
        void aRequestAndItsRecordRoundTrip() {
            WarmUpRecord record = new WarmUpRecord(request, Samples.ref("initial"), Samples.ALICE, AT, "tx-9");

            assertThat(roundTrip(request, WarmUpRequest::fromJson)).isEqualTo(request);
            assertThat(roundTrip(record, WarmUpRecord::fromJson)).isEqualTo(record);
            assertThat(record.toJson())
                    .containsKeys("taskId", "warmModel", "used", "excluded", "classCounts", "initialModel");
            assertThat(request.rows()).isEqualTo(7);
        }

        @Test
        void aRecordRefusesUnknownFieldsAndMissingOnes() {
            Map<String, Object> json = new TreeMap<>(
                    new WarmUpRecord(request, Samples.ref("initial"), Samples.ALICE, AT, "tx-9").toJson());
            json.put("extra", "x");
            assertThatThrownBy(() -> WarmUpRecord.fromJson(json)).hasMessageContaining("extra");
            json.remove("extra");
            json.remove("recordedBy");
            assertThatThrownBy(() -> WarmUpRecord.fromJson(json)).hasMessageContaining("recordedBy");
        }

        @Test
        void anExclusionKeepsAtMost512CharactersOfItsDetail() {
            SubsetExclusion exclusion = new SubsetExclusion("ds-bob", "x".repeat(600));

            assertThat(exclusion.detail()).hasSize(512);
            assertThat(roundTrip(exclusion, SubsetExclusion::fromJson)).isEqualTo(exclusion);
        }
    }

    @Nested
    class Input {

        @Test
        void roundTripsWithContributionsInDatasetIdOrder() {
            WarmUpInput input = new WarmUpInput(
                    SubsetSamples.spec(),
                    Samples.ref("initial"),
                    List.of(contribution("ds-alice"), contribution("ds-bob")));

            assertThat(roundTrip(input, WarmUpInput::fromJson)).isEqualTo(input);
        }

        @Test
        void refusesContributionsOutOfOrderOrTwiceAndATaskWithoutASubset() {
            SubsetContribution alice = contribution("ds-alice");
            SubsetContribution bob = contribution("ds-bob");
            assertThatThrownBy(() -> new WarmUpInput(SubsetSamples.spec(), Samples.ref("i"), List.of(bob, alice)))
                    .hasMessageContaining("ascending dataset id order");
            assertThatThrownBy(() -> new WarmUpInput(SubsetSamples.spec(), Samples.ref("i"), List.of(alice, alice)))
                    .hasMessageContaining("ascending dataset id order");
            assertThatThrownBy(() -> new WarmUpInput(Samples.spec(), Samples.ref("i"), List.of(alice)))
                    .hasMessageContaining("declares no shared subset");
        }
    }
}
