package org.medfed.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/** Round trips and validation of the smaller ledger records. */
class RecordsTest {

    @Test
    void datasetDescriptionsRoundTripAndTakeOwnerAndTimeFromTheLedger() {
        DatasetDescription dataset = Samples.dataset("ds-alice", Samples.ALICE);
        Map<String, Object> request = new TreeMap<>(dataset.toJson());
        request.remove("ownerId");
        request.remove("registeredAt");

        assertThat(DatasetDescription.fromRequest(request, Samples.ALICE, Samples.T0))
                .isEqualTo(dataset);
        assertThat(roundTrip(dataset, DatasetDescription::fromJson)).isEqualTo(dataset);
        request.put("ownerId", Samples.BOB);
        assertThatThrownBy(() -> DatasetDescription.fromRequest(request, Samples.ALICE, Samples.T0))
                .hasMessage("unknown field \"ownerId\"");
    }

    @Test
    void updateSubmissionsRoundTripWithSortedExactMetrics() {
        UpdateSubmission update = Samples.update("ds-alice", 1, Samples.sha("initial"));

        assertThat(roundTrip(update, UpdateSubmission::fromJson)).isEqualTo(update);
        assertThat(CanonicalJson.encode(update.toJson())).contains("\"kind\":\"delta\"", "\"metrics\":{\"auc\":0.8}");
    }

    @Test
    void aScaffoldUpdateCarriesItsControlDeltaAndAnyOtherUpdateNamesNone() {
        UpdateSubmission plain = Samples.update("ds-alice", 1, Samples.sha("initial"));
        UpdateSubmission scaffold = plain.withControlDelta(Samples.ref("delta"));

        assertThat(roundTrip(scaffold, UpdateSubmission::fromJson)).isEqualTo(scaffold);
        assertThat(scaffold.toJson())
                .containsEntry("controlDelta", Samples.ref("delta").toJson());
        assertThat(plain.toJson()).doesNotContainKey("controlDelta");
    }

    @Test
    void updateRecordsRoundTrip() {
        UpdateRecord record = new UpdateRecord(
                Samples.update("ds-alice", 1, Samples.sha("initial")),
                Samples.ALICE,
                Samples.T0,
                "tx-9",
                CanonicalJson.decimal(0.1),
                BigDecimal.TEN,
                new BigDecimal("0.5"));

        assertThat(roundTrip(record, UpdateRecord::fromJson)).isEqualTo(record);
    }

    @Test
    void anUpdateRecordOfATaskWithoutDpHasNoEpsilonFields() {
        UpdateRecord record = new UpdateRecord(
                Samples.unnoisedUpdate("ds-alice", 1, Samples.sha("initial")),
                Samples.ALICE,
                Samples.T0,
                "tx-9",
                null,
                null,
                new BigDecimal("0.5"));

        assertThat(record.toJson()).doesNotContainKeys("epsilon", "epsilonOrder");
        assertThat(record.epsilonSpent()).isEmpty();
        assertThat(roundTrip(record, UpdateRecord::fromJson)).isEqualTo(record);
        assertThatThrownBy(() -> new UpdateRecord(
                        record.submission(),
                        Samples.ALICE,
                        Samples.T0,
                        "tx-9",
                        BigDecimal.ONE,
                        null,
                        new BigDecimal("0.5")))
                .hasMessageContaining("both");
    }

    @Test
    void updateSubmissionsRefuseImpossibleValues() {
        Map<String, Object> json =
                new TreeMap<>(Samples.update("ds-alice", 1, Samples.sha("x")).toJson());
        json.put("numExamples", 0L);
        assertThatThrownBy(() -> UpdateSubmission.fromJson(json)).hasMessageContaining("numExamples");
        json.put("numExamples", 10L);
        json.put(
                "dp",
                Map.of(
                        "samplingRate",
                        new BigDecimal("1.5"),
                        "noiseMultiplier",
                        BigDecimal.ONE,
                        "steps",
                        1L,
                        "clipNorm",
                        BigDecimal.ONE));
        assertThatThrownBy(() -> UpdateSubmission.fromJson(json)).hasMessageContaining("samplingRate");
        json.put("dp", Samples.dpUsage().toJson());
        json.put("sha256", "ABC");
        assertThatThrownBy(() -> UpdateSubmission.fromJson(json)).hasMessageContaining("sha256");
    }

    @Test
    void aggregationReportsSortTheirEntriesAndNameEachParticipantOnce() {
        AggregationRequest report = new AggregationRequest(
                "sepsis",
                1,
                Samples.ref("g1"),
                List.of(
                        new Contribution(Samples.CAROL, BigDecimal.ONE),
                        new Contribution(Samples.ALICE, BigDecimal.ONE)),
                List.of(new Exclusion(Samples.BOB, ExclusionReason.QUALITY_REJECTED, "outlier")));

        assertThat(report.contributions())
                .extracting(Contribution::participantId)
                .isSorted();
        assertThatThrownBy(() -> new AggregationRequest(
                        "sepsis",
                        1,
                        Samples.ref("g1"),
                        List.of(new Contribution(Samples.ALICE, BigDecimal.ONE)),
                        List.of(new Exclusion(Samples.ALICE, ExclusionReason.UNAVAILABLE, null))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> new Contribution(Samples.ALICE, new BigDecimal("1.01")))
                .hasMessageContaining("qualityScore");
    }

    @Test
    void aggregationRecordsRoundTrip() {
        AggregationRecord record = new AggregationRecord(
                new AggregationRequest(
                        "sepsis",
                        2,
                        Samples.ref("g2"),
                        List.of(new Contribution(Samples.ALICE, new BigDecimal("0.75"))),
                        List.of(new Exclusion(Samples.BOB, ExclusionReason.CONTENT_INVALID, null))),
                Samples.ref("g1"),
                Samples.CAROL,
                Samples.T0,
                "tx-3");

        assertThat(roundTrip(record, AggregationRecord::fromJson)).isEqualTo(record);
        assertThat(record.toJson()).doesNotContainKey("controlVariate");
    }

    @Test
    void aScaffoldAggregationRecordKeepsTheControlVariateAfterTheRound() {
        AggregationRecord record = new AggregationRecord(
                new AggregationRequest(
                        "sepsis",
                        2,
                        Samples.ref("g2"),
                        List.of(new Contribution(Samples.ALICE, new BigDecimal("0.75"))),
                        List.of(),
                        null,
                        Samples.ref("c2")),
                Samples.ref("g1"),
                Samples.CAROL,
                Samples.T0,
                "tx-3");

        AggregationRecord back = roundTrip(record, AggregationRecord::fromJson);
        assertThat(back).isEqualTo(record);
        assertThat(back.controlVariate()).isEqualTo(Samples.ref("c2"));
    }

    @Test
    void onlyTheParticipantsOwnFaultsArePenalised() {
        assertThat(ExclusionReason.values())
                .filteredOn(ExclusionReason::penalised)
                .containsExactly(ExclusionReason.CONTENT_INVALID, ExclusionReason.QUALITY_REJECTED);
    }

    @Test
    void schemaFingerprintsDependOnColumnsAndTheirOrder() {
        DatasetSchema schema = new DatasetSchema(
                List.of(new DatasetSchema.Column("age", "int"), new DatasetSchema.Column("lactate", "float")));
        DatasetSchema swapped = new DatasetSchema(
                List.of(new DatasetSchema.Column("lactate", "float"), new DatasetSchema.Column("age", "int")));

        assertThat(schema.fingerprint())
                .isEqualTo(
                        Samples.sha("[{\"name\":\"age\",\"type\":\"int\"},{\"name\":\"lactate\",\"type\":\"float\"}]"));
        assertThat(swapped.fingerprint()).isNotEqualTo(schema.fingerprint());
    }

    @Test
    void modelOccurrencesRoundTrip() {
        ModelOccurrence initial = new ModelOccurrence("sepsis", 0, Samples.ref("initial"));

        assertThat(initial.initial()).isTrue();
        assertThat(roundTrip(initial, ModelOccurrence::fromJson)).isEqualTo(initial);
    }

    private static <T extends JsonRecord> T roundTrip(T record, Function<Map<String, Object>, T> decoder) {
        return decoder.apply(JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(record.toJson()))));
    }
}
