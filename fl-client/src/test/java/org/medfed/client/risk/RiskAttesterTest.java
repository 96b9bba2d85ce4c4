package org.medfed.client.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.access.PatientRefs;
import org.medfed.client.access.PatientTable;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.train.Dl4jExport;
import org.medfed.client.train.InitialModel;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.RiskClass;

class RiskAttesterTest {

    static final String TABLE = """
            patientId,name,age,observedAt,SystolicBP,DiastolicBP,BS,BodyTemp,HeartRate,note
            P0001,Ayesha Akter,25,2025-05-08T08:00:00Z,140,90,13,98,70,follow-up visit
            P0001,Ayesha Akter,25,2025-05-01T08:00:00Z,90,60,6,98,70,reports mild headache
            P0002,Fatema Khan,35,2025-05-02T09:00:00Z,120,60,6.1,98,76,no complaints
            """;
    static final String CID = "bafkreiexportedglobalmodel";

    @TempDir
    Path dir;

    private PatientTable patients;
    private PatientRefs refs;

    @BeforeEach
    void setUp() throws Exception {
        patients = PatientTable.load(write("patients.csv", TABLE));
        refs = PatientRefs.create(dir.resolve("patients.key"));
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    static RiskScorer scorer(Path dir, long round) throws Exception {
        SchemaMapping mapping;
        try (InputStream in =
                RiskAttesterTest.class.getResourceAsStream("/examples/mapping-maternal-health-risk.json")) {
            mapping = SchemaMapping.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "maternal");
        }
        ModelSpec spec = new ModelSpec(
                ModelSpec.MLP, 6, List.of(4L), "tanh", 3, new ContentRef("bafkreiinitialmodel", "0".repeat(64)));
        Dl4jExport.Info info = new Dl4jExport.Info(
                mapping.featureNames(),
                mapping.label().classes(),
                mapping.scaling().method().key(),
                "maternal-risk",
                round,
                CID,
                "a".repeat(64),
                mapping.fingerprint());
        Path zip = dir.resolve("model-" + round + ".zip");
        Dl4jExport.write(spec, InitialModel.generate(spec, 7), mapping.scaling(), info, zip);
        return RiskScorer.load(zip);
    }

    @Test
    void claimsThePatientsLatestObservationsMostProbableClassUnderItsPseudonym() throws Exception {
        RiskScorer scorer = scorer(dir, 3);

        List<RiskAttestation.Claim> claims = new RiskAttester(scorer, "hospital-maternal", 3600).claims(patients, refs);

        assertThat(claims).hasSize(2);
        RiskAttestation.Claim first = claims.get(0);
        // Age, SystolicBP, DiastolicBP, BS, BodyTemp, HeartRate of P0001's latest row (2025-05-08)
        double[] probabilities = scorer.probabilities(new double[] {25, 140, 90, 13, 98, 70});
        int best = argmax(probabilities);
        assertThat(first.patientRef()).isEqualTo(refs.of("P0001"));
        assertThat(first.observedAt()).isEqualTo(Instant.parse("2025-05-08T08:00:00Z"));
        assertThat(first.classIndex()).isEqualTo(best);
        assertThat(first.probability()).isEqualByComparingTo(RiskAttester.probability(probabilities[best]));
        assertThat(first.probability().scale()).isLessThanOrEqualTo(RiskAttester.PROBABILITY_SCALE);
        assertThat(first.round()).isEqualTo(3);
        assertThat(first.modelCid()).isEqualTo(CID);
        assertThat(first.taskId()).isEqualTo("maternal-risk");
        assertThat(first.datasetId()).isEqualTo("hospital-maternal");
        assertThat(first.ttlSeconds()).isEqualTo(3600);
        assertThat(first.toJson().toString()).doesNotContain("P0001", "Ayesha", "140");
        assertThat(claims.get(1).patientRef()).isEqualTo(refs.of("P0002"));
    }

    @Test
    void theInitialModelIsNoGlobalModelToAttestWith() throws Exception {
        RiskAttester attester = new RiskAttester(scorer(dir, 0), "hospital-maternal", 3600);

        assertThatThrownBy(() -> attester.claims(patients, refs))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("no aggregated global model");
    }

    @Test
    void aRefusalForOnePatientIsCountedAndTheOthersArePosted() throws Exception {
        List<RiskAttestation.Claim> claims =
                new RiskAttester(scorer(dir, 3), "hospital-maternal", 3600).claims(patients, refs);
        List<String> tried = new ArrayList<>();

        RiskAttester.Result result = RiskAttester.post(claims, claim -> {
            tried.add(claim.patientRef());
            if (claim.patientRef().equals(refs.of("P0001"))) {
                throw MedfedException.fromChaincode("STALE_ATTESTATION", "already attested", "tx", null);
            }
            return new RiskAttestation(claim, "b".repeat(64), RiskClass.STABLE, Instant.parse("2025-05-09T00:00:00Z"));
        });

        assertThat(tried).hasSize(2);
        assertThat(result.posted()).extracting(RiskAttestation::patientRef).containsExactly(refs.of("P0002"));
        assertThat(result.refusedByCode()).containsOnlyKeys("STALE_ATTESTATION");
        assertThat(result.refused()).isEqualTo(1);
    }

    @Test
    void aRefusalForEveryPatientStopsAtTheFirst() throws Exception {
        List<RiskAttestation.Claim> claims =
                new RiskAttester(scorer(dir, 3), "hospital-maternal", 3600).claims(patients, refs);
        List<String> tried = new ArrayList<>();

        assertThatThrownBy(() -> RiskAttester.post(claims, claim -> {
                    tried.add(claim.patientRef());
                    throw MedfedException.fromChaincode("DATASET_USE_NOT_APPROVED", "not approved", "tx", null);
                }))
                .isInstanceOf(MedfedException.class);
        assertThat(tried).hasSize(1);
    }

    @Test
    void probabilitiesArePostedWithSixDecimalPlaces() {
        assertThat(RiskAttester.probability(0.123456789)).isEqualByComparingTo(new BigDecimal("0.123457"));
        assertThat(RiskAttester.probability(1.0000000002)).isEqualByComparingTo(BigDecimal.ONE);
    }

    private static int argmax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }
}
