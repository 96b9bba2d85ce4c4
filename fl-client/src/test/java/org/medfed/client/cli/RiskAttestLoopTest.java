package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.access.PatientRefs;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.risk.RiskAttestLoop;
import org.medfed.client.risk.RiskAttestRun;
import org.medfed.client.train.InitialModel;
import org.medfed.common.access.RiskAttestation;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.RiskClass;
import org.medfed.common.model.RiskModelSpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UsePurpose;
import org.medfed.common.protocol.TxNames;

/**
 * The client node's risk attestations ({@link RiskAttestLoop}, which {@code client start} runs for a node's
 * {@code records.attest} block) against a scripted ledger and Kubo node: one attestation per patient with the
 * task's global model, none again for the same model (also after a restart), again for a new one, and a failure
 * logged rather than thrown. Kept beside the other scripted-ledger tests, whose fakes it shares.
 */
class RiskAttestLoopTest {
    private static final String TABLE = """
            patientId,name,age,observedAt,SystolicBP,DiastolicBP,BS,BodyTemp,HeartRate,note
            P0001,Ayesha Akter,25,2026-03-01T08:00:00Z,140,90,13,98,70,follow-up visit
            P0002,Fatema Khan,35,2026-03-01T08:30:00Z,120,60,6.1,98,76,no complaints
            P0003,Nusrat Jahan,29,2026-03-01T08:45:00Z,90,60,7.5,98,80,reports mild headache
            """;

    @TempDir
    Path root;

    private LedgerCli cli;
    private ConnectionProfile profile;
    private SchemaMapping mapping;
    private TaskSpec spec;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        profile = ConnectionProfile.load(cli.profilesDir.resolve("hospital-user1.properties"));
        try (InputStream in =
                Objects.requireNonNull(getClass().getResourceAsStream("/examples/mapping-maternal-health-risk.json"))) {
            mapping = SchemaMapping.parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "m");
        }
        TaskSpec wdbc = Samples.exampleSpec();
        spec = new TaskSpec(
                        "maternal-risk",
                        "Maternal health risk",
                        new ModelSpec(ModelSpec.MLP, 6, List.of(4L), "relu", 3, Samples.ref("initial")),
                        wdbc.training(),
                        wdbc.rounds(),
                        wdbc.quorum(),
                        wdbc.roundDurationSeconds(),
                        wdbc.maxAbortsBeforePause(),
                        wdbc.strategy(),
                        null,
                        wdbc.reputation(),
                        wdbc.eligibleParticipants(),
                        List.of("maternal-hospital"))
                .withUse(
                        new UsePurpose(PurposeOfUse.HOPERAT, "risk attestations"),
                        new RiskModelSpec(List.of(RiskClass.STABLE, RiskClass.SERIOUS, RiskClass.CRITICAL)));
    }

    /** A ledger whose task is {@code task}, accepting every attestation. */
    private static ScriptedLedger ledgerWith(Task task) {
        RiskAttestation.Claim any = new RiskAttestation.Claim(
                "a".repeat(64),
                "maternal-hospital",
                "maternal-risk",
                1,
                "bafkreianymodel",
                2,
                BigDecimal.ONE,
                Samples.T0,
                3600);
        return new ScriptedLedger()
                .answer(TxNames.TASK_GET, CanonicalJson.encode(task.toJson()))
                .answer(
                        TxNames.ACCESS_POST_ATTESTATION,
                        CanonicalJson.encode(
                                new RiskAttestation(any, Samples.ADMIN, RiskClass.CRITICAL, Samples.T0).toJson()));
    }

    @Test
    void attestsEveryPatientOncePerNewGlobalModelAndRemembersItAcrossRestarts() throws Exception {
        Task round1 = Task.create(spec, Samples.T0, Samples.ADMIN).advance(store(1), Samples.T0);
        Path work = Files.createDirectories(root.resolve("work"));

        ScriptedLedger first = ledgerWith(round1);
        loop(work, first).step();
        assertThat(posts(first)).as("one attestation per patient").isEqualTo(3);
        assertThat(log).last().asString().contains("round 1", "3 of 3 attestations posted");

        ScriptedLedger restarted = ledgerWith(round1);
        loop(work, restarted).step();
        assertThat(posts(restarted))
                .as("a restarted node does not attest the same model again")
                .isZero();

        ScriptedLedger next = ledgerWith(round1.advance(store(2), Samples.T0));
        loop(work, next).step();
        assertThat(posts(next)).as("a new global model attests again").isEqualTo(3);
        assertThat(log).last().asString().contains("round 2");
    }

    @Test
    void aFailureIsLoggedAndRetriedOnTheNextTickNeverThrown() throws Exception {
        ScriptedLedger ledger =
                ledgerWith(Task.create(spec, Samples.T0, Samples.ADMIN).advance(store(1), Samples.T0));
        cli.blobs.content.clear(); // the organisation's Kubo node lost the model
        Path work = Files.createDirectories(root.resolve("work"));

        loop(work, ledger).step();

        assertThat(posts(ledger)).isZero();
        assertThat(log).last().asString().contains("WARN", "attestations not posted, retrying next tick");
        assertThat(work.resolve("risk/maternal-risk.attested")).doesNotExist();
    }

    private RiskAttestLoop loop(Path work, ScriptedLedger ledger) throws Exception {
        Path patients = root.resolve("patients.csv");
        if (!Files.exists(patients)) {
            Files.writeString(patients, TABLE);
            PatientRefs.create(root.resolve("patients.key"));
        }
        RiskAttestRun run = new RiskAttestRun(
                "maternal-risk", "maternal-hospital", mapping, patients, root.resolve("patients.key"), 3600, false);
        return new RiskAttestLoop(
                run,
                ledger,
                profile,
                cli.blobs,
                work,
                Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC),
                Duration.ofSeconds(1),
                (level, message) -> log.add(level + " " + message));
    }

    private static long posts(ScriptedLedger ledger) {
        return ledger.calls.stream()
                .filter(call -> call.transaction().equals(TxNames.ACCESS_POST_ATTESTATION))
                .count();
    }

    /** A seeded model on the fake Kubo node; its ledger reference. */
    private ContentRef store(long seed) throws MedfedException {
        float[] params = InitialModel.generate(spec.model(), seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < params.length; k++) {
            params[k] += (float) (0.5 * random.nextGaussian());
        }
        byte[] blob = FloatVectorCodec.encode(params);
        String sha256 = Hashing.sha256Hex(blob);
        ContentRef ref = new ContentRef(Cids.rawLeafCidV1FromSha256Hex(sha256), sha256);
        cli.blobs.content.put(ref.cid(), blob);
        return ref;
    }
}
