package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.risk.RiskScorer;
import org.medfed.client.train.InitialModel;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.nn.Mlp;
import org.medfed.common.nn.ParameterLayout;
import org.medfed.common.protocol.TxNames;

class ModelExportCommandTest {
    /** Age, SystolicBP, DiastolicBP, BS, BodyTemp, HeartRate as a gateway reports them. */
    private static final double[] VITALS = {35, 140, 90, 13.0, 98.0, 70};

    @TempDir
    Path root;

    private LedgerCli cli;
    private Path mappingFile;
    private SchemaMapping mapping;
    private ModelSpec shape;
    private Task task;
    private float[] round1;
    private float[] round2;

    @BeforeEach
    void setUp() throws Exception {
        cli = new LedgerCli(root);
        mappingFile = resource("mapping-maternal-health-risk.json", "maternal.json");
        mapping = SchemaMapping.load(mappingFile);
        TaskSpec wdbc = Samples.exampleSpec();
        shape = new ModelSpec(ModelSpec.MLP, 6, List.of(4L), "relu", 3, Samples.ref("initial"));
        TaskSpec maternal = new TaskSpec(
                "maternal-risk",
                "Maternal health risk",
                shape,
                wdbc.training(),
                wdbc.rounds(),
                wdbc.quorum(),
                wdbc.roundDurationSeconds(),
                wdbc.maxAbortsBeforePause(),
                wdbc.strategy(),
                null,
                wdbc.reputation(),
                wdbc.eligibleParticipants(),
                List.of("maternal-gateway"));
        round1 = model(1);
        round2 = model(2);
        task = Task.create(maternal, Samples.T0, Samples.ADMIN)
                .advance(store(round1), Samples.T0)
                .advance(store(round2), Samples.T0);
    }

    @Test
    void writesAZipThatGivesTheGlobalModelsProbabilitiesForRawVitals() throws Exception {
        cli.ledger.answer(TxNames.TASK_GET, CanonicalJson.encode(task.toJson()));
        Path out = root.resolve("export/maternal.zip");

        int exit = export("--out", out.toString());

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        assertThat(cli.onlyCall())
                .isEqualTo(new ScriptedLedger.Call("evaluate", TxNames.TASK_GET, List.of("maternal-risk")));
        assertThat(cli.out())
                .startsWith("wrote " + out + ": DL4J network of task maternal-risk round 2 ("
                        + task.globalModel().cid());
        RiskScorer scorer = RiskScorer.load(out);
        assertThat(scorer.probabilities(VITALS)).containsExactly(expected(round2), within(1e-6));
        assertThat(scorer.info().round()).isEqualTo(2);
        assertThat(scorer.info().modelCid()).isEqualTo(task.globalModel().cid());
        assertThat(scorer.info().modelSha256()).isEqualTo(task.globalModel().sha256());
        assertThat(scorer.info().mappingSha256()).isEqualTo(mapping.fingerprint());
        try (var files = Files.list(out.getParent())) {
            assertThat(files).containsExactly(out); // no temporary file left
        }
    }

    @Test
    void exportsTheGlobalModelOfTheRoundAsked() throws Exception {
        ContentRef first = store(round1);
        cli.ledger.answer(TxNames.TASK_GET, CanonicalJson.encode(task.toJson()));
        cli.ledger.answer(
                TxNames.ROUND_GET_AGGREGATION,
                CanonicalJson.encode(aggregation(first).toJson()));
        Path out = root.resolve("round1.zip");

        int exit = export("--round", "1", "--out", out.toString());

        assertThat(exit).as(cli.err()).isEqualTo(ExitCodes.OK);
        RiskScorer scorer = RiskScorer.load(out);
        assertThat(scorer.probabilities(VITALS)).containsExactly(expected(round1), within(1e-6));
        assertThat(scorer.info().round()).isEqualTo(1);
        assertThat(scorer.info().modelCid()).isEqualTo(first.cid());
    }

    @Test
    void anUnknownFormatIsAUsageErrorBeforeAnyNetworkCall() {
        Path out = root.resolve("model.onnx");

        int exit = cli.admin(
                "model",
                "export",
                "--format",
                "onnx",
                "--task",
                "maternal-risk",
                "--mapping",
                mappingFile.toString(),
                "--out",
                out.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("unknown --format \"onnx\": medfed exports dl4j (a DL4J ModelSerializer zip)");
        assertThat(cli.ledger.calls).isEmpty();
        assertThat(cli.blobs.calls).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void aBlobThatDoesNotHashToTheLedgersSha256WritesNothingAndExitsFour() throws Exception {
        cli.ledger.answer(TxNames.TASK_GET, CanonicalJson.encode(task.toJson()));
        cli.blobs.content.put(task.globalModel().cid(), FloatVectorCodec.encode(round1));
        Path out = root.resolve("tampered.zip");

        int exit = export("--out", out.toString());

        assertThat(exit).isEqualTo(ExitCodes.VERIFICATION_FAILED);
        assertThat(cli.err())
                .contains("MISMATCH: " + task.globalModel().cid())
                .contains("the ledger records " + task.globalModel().sha256() + "; nothing written");
        try (var files = Files.list(root)) {
            assertThat(files).noneMatch(f -> f.getFileName().toString().contains("tampered"));
        }
    }

    @Test
    void aMappingThatDoesNotFitTheTasksModelIsRefused() throws Exception {
        cli.ledger.answer(TxNames.TASK_GET, CanonicalJson.encode(task.toJson()));
        Path wdbc = resource("mapping-wdbc.json", "wdbc.json");
        Path out = root.resolve("wrong.zip");

        int exit = cli.admin(
                "model",
                "export",
                "--format",
                "dl4j",
                "--task",
                "maternal-risk",
                "--mapping",
                wdbc.toString(),
                "--out",
                out.toString());

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("gives 30 features and 2 classes; task maternal-risk's model takes 6");
        assertThat(cli.blobs.calls).isEmpty();
        assertThat(out).doesNotExist();
    }

    @Test
    void refusesToOverwriteWithoutForce() throws Exception {
        Path out = Files.writeString(root.resolve("existing.zip"), "keep me");

        assertThat(export("--out", out.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(cli.err()).contains(out + " exists; pass --force to overwrite it");
        assertThat(Files.readString(out)).isEqualTo("keep me");
        assertThat(cli.ledger.calls).isEmpty();
    }

    @Test
    void helpNamesTheOptions() {
        assertThat(cli.run("model", "export", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out())
                .contains("--format=FORMAT")
                .contains("--task=TASK")
                .contains("--round=ROUND")
                .contains("--mapping=FILE")
                .contains("--out=FILE")
                .contains("--profile=NAME");
    }

    @Test
    void theHiddenDl4jCheckExportsReloadsAndScoresWithoutALedger() {
        assertThat(cli.run("model", "dl4j-check")).as(cli.err()).isEqualTo(ExitCodes.OK);

        assertThat(cli.out()).startsWith("OK: DL4J export of ").contains("3 rows scored");
        assertThat(cli.ledger.calls).isEmpty();
        assertThat(cli.run("model", "--help")).isEqualTo(ExitCodes.OK);
        assertThat(cli.out()).contains("export").doesNotContain("dl4j-check");
    }

    private int export(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of(
                "model", "export", "--format", "dl4j", "--task", "maternal-risk", "--mapping", mappingFile.toString()));
        args.addAll(List.of(more));
        return cli.admin(args.toArray(String[]::new));
    }

    /** What medfed's own forward pass gives for {@link #VITALS}, scaled as the mapping declares. */
    private double[] expected(float[] params) {
        float[] x = new float[VITALS.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) mapping.scaling().apply(mapping.features().get(i), VITALS[i]);
        }
        double[] wide = new double[params.length];
        for (int k = 0; k < params.length; k++) {
            wide[k] = params[k];
        }
        return new Mlp(ParameterLayout.of(shape)).probabilities(wide, x);
    }

    private float[] model(long seed) {
        float[] params = InitialModel.generate(shape, seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < params.length; k++) {
            params[k] += (float) (0.5 * random.nextGaussian());
        }
        return params;
    }

    /** Puts the blob on the profile organisation's fake Kubo node; returns its ledger reference. */
    private ContentRef store(float[] params) {
        byte[] blob = FloatVectorCodec.encode(params);
        String sha256 = Hashing.sha256Hex(blob);
        ContentRef ref = new ContentRef(Cids.rawLeafCidV1FromSha256Hex(sha256), sha256);
        cli.blobs.content.put(ref.cid(), blob);
        return ref;
    }

    private AggregationRecord aggregation(ContentRef model) {
        String participant = task.spec().eligibleParticipants().get(0);
        return new AggregationRecord(
                new AggregationRequest(
                        task.id(), 1, model, List.of(new Contribution(participant, new BigDecimal("0.9"))), List.of()),
                task.spec().model().initialModel(),
                participant,
                Samples.T0,
                "tx-agg");
    }

    private Path resource(String example, String name) throws Exception {
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/examples/" + example), example)) {
            return Files.write(root.resolve(name), in.readAllBytes());
        }
    }
}
