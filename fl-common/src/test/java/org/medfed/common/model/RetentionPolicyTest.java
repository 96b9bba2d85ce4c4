package org.medfed.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

/** The task spec's {@code retention} field and the verification attestations it counts. */
class RetentionPolicyTest {

    private static TaskSpec roundTrip(TaskSpec spec) {
        return TaskSpec.fromJson(JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(spec.toJson()))));
    }

    private static Map<String, Object> json(String text) {
        return JsonFields.object(CanonicalJson.parse(text));
    }

    @Nested
    class Policy {

        @Test
        void hasACanonicalFormWithoutAnAbsentVerificationQuorum() {
            assertThat(CanonicalJson.encode(RetentionPolicy.keepRounds(2).toJson()))
                    .isEqualTo("{\"keepUpdatesRounds\":2}");
            assertThat(CanonicalJson.encode(new RetentionPolicy(2, 3L).toJson()))
                    .isEqualTo("{\"keepUpdatesRounds\":2,\"orVerifiedBy\":3}");
        }

        @Test
        void readsWhatItWritesAndTreatsANullQuorumAsAbsent() {
            assertThat(RetentionPolicy.fromJson(json("{\"orVerifiedBy\":3,\"keepUpdatesRounds\":2}")))
                    .isEqualTo(new RetentionPolicy(2, 3L));
            assertThat(RetentionPolicy.fromJson(json("{\"keepUpdatesRounds\":0,\"orVerifiedBy\":null}")))
                    .isEqualTo(RetentionPolicy.keepRounds(0));
            assertThat(RetentionPolicy.keepRounds(1).verificationQuorum()).isEmpty();
            assertThat(new RetentionPolicy(1, 2L).verificationQuorum()).hasValue(2);
        }

        @Test
        void refusesWhatCannotBeAPolicyNamingTheField() {
            assertThatThrownBy(() -> RetentionPolicy.keepRounds(-1))
                    .hasMessage("retention.keepUpdatesRounds must be between 0 and 1000000, got -1");
            assertThatThrownBy(() -> new RetentionPolicy(1, 0L))
                    .hasMessage("retention.orVerifiedBy must be between 1 and 1000, got 0");
            assertThatThrownBy(() -> new RetentionPolicy(1, 1001L)).hasMessageContaining("retention.orVerifiedBy");
            assertThatThrownBy(() -> new RetentionPolicy(0, 2L)).hasMessageContaining("has no effect");
            assertThatThrownBy(() -> RetentionPolicy.fromJson(json("{\"orVerifiedBy\":2}")))
                    .hasMessageContaining("keepUpdatesRounds");
            assertThatThrownBy(() -> RetentionPolicy.fromJson(json("{\"keepUpdatesRounds\":1.5}")))
                    .hasMessageContaining("keepUpdatesRounds");
            assertThatThrownBy(() -> RetentionPolicy.fromJson(json("{\"keepUpdatesRounds\":1,\"keepModels\":0}")))
                    .hasMessageContaining("keepModels");
        }

        @Test
        void saysWhatItKeepsInWords() {
            assertThat(RetentionPolicy.keepRounds(1).describe()).isEqualTo("keep 1 round after aggregation");
            assertThat(new RetentionPolicy(2, 1L).describe())
                    .isEqualTo("keep 2 rounds after aggregation, or until verified by 1 organisation");
            assertThat(new RetentionPolicy(3, 2L).describe())
                    .isEqualTo("keep 3 rounds after aggregation, or until verified by 2 organisations");
        }
    }

    @Nested
    class InTheTaskSpec {

        @Test
        void roundTripsThroughCanonicalJson() {
            TaskSpec spec = Samples.spec().withRetention(new RetentionPolicy(1, 2L));

            assertThat(roundTrip(spec)).isEqualTo(spec);
            assertThat(roundTrip(spec).retentionPolicy()).contains(new RetentionPolicy(1, 2L));
            assertThat(CanonicalJson.encode(spec.toJson()))
                    .contains(",\"retention\":{\"keepUpdatesRounds\":1,\"orVerifiedBy\":2},");
        }

        @Test
        void aSpecWithoutRetentionKeepsItsJsonByteForByte() {
            String before = CanonicalJson.encode(Samples.spec().toJson());

            assertThat(Samples.spec().retentionPolicy()).isEmpty();
            assertThat(before).doesNotContain("retention");
            assertThat(CanonicalJson.encode(roundTrip(Samples.spec()).toJson())).isEqualTo(before);
            assertThat(CanonicalJson.encode(Samples.spec()
                            .withRetention(RetentionPolicy.keepRounds(1))
                            .withRetention(null)
                            .toJson()))
                    .isEqualTo(before);
        }

        @Test
        void refusesAPolicyThatKeepsEveryUpdateOfTheTask() {
            // three rounds: round 1 is released once round 1 + N is aggregated, so N = 3 never releases anything
            assertThatThrownBy(() -> Samples.spec().withRetention(RetentionPolicy.keepRounds(3)))
                    .hasMessageContaining("retention.keepUpdatesRounds 3 keeps every update of a task of 3 rounds");
            assertThat(Samples.spec()
                            .withRetention(RetentionPolicy.keepRounds(2))
                            .retentionPolicy())
                    .isPresent();
            // verification may still release rounds early
            assertThat(Samples.spec().withRetention(new RetentionPolicy(3, 2L)).retentionPolicy())
                    .isPresent();
        }

        @Test
        void refusesAMalformedPolicyInsideTheSpec() {
            Map<String, Object> spec = new TreeMap<>(Samples.spec().toJson());
            spec.put("retention", Map.of("keepUpdatesRounds", 1L, "orVerifiedBy", -2L));

            assertThatThrownBy(() -> TaskSpec.fromJson(spec)).hasMessageContaining("retention.orVerifiedBy");
            spec.put("retention", "1 round");
            assertThatThrownBy(() -> TaskSpec.fromJson(spec)).hasMessageContaining("retention");
        }
    }

    @Nested
    class Attestation {

        @Test
        void roundTripsAndRefusesAnImpossibleRecord() {
            RoundVerification v = new RoundVerification(
                    "sepsis", 3, "HospitalMSP", Samples.ref("global-3"), Samples.ADMIN, Samples.T0, "tx-1");

            assertThat(RoundVerification.fromJson(json(CanonicalJson.encode(v.toJson()))))
                    .isEqualTo(v);
            assertThatThrownBy(() -> new RoundVerification(
                            "sepsis", 0, "HospitalMSP", Samples.ref("m"), Samples.ADMIN, Samples.T0, "tx"))
                    .hasMessageContaining("round");
            assertThatThrownBy(() -> new RoundVerification(
                            "sepsis", 1, "Hospital MSP", Samples.ref("m"), Samples.ADMIN, Samples.T0, "tx"))
                    .hasMessageContaining("mspId");
            assertThatThrownBy(() -> new RoundVerification(
                            "sepsis", 1, "HospitalMSP", Samples.ref("m"), "admin", Instant.EPOCH, "tx"))
                    .hasMessageContaining("attestedBy");
        }
    }
}
