package org.medfed.client.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.CsvTable;
import org.medfed.client.data.DeclaredStatistics;
import org.medfed.client.data.Scaling;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.train.Dl4jExport;
import org.medfed.client.train.InitialModel;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.Metrics;
import org.medfed.client.train.TrainingSettings;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.nn.Mlp;
import org.medfed.common.nn.ParameterLayout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

class RiskScorerTest {
    /** The evaluation's held-back share and first seed ({@code medfed eval}'s maternal section). */
    private static final double TEST_FRACTION = 0.2;

    private static final long SEED = 1;

    @TempDir
    Path dir;

    @Test
    void dl4jGivesMedfedsOwnProbabilitiesOnEveryHeldBackMaternalRowFromRawVitals() throws Exception {
        CsvTable table = CsvReader.read(data("maternal_health_risk.csv"));
        SchemaMapping mapping = mapping("mapping-maternal-health-risk.json");
        TabularDataset scaled = mapping.apply(table);
        assertThat(scaled.rowCount()).isEqualTo(table.size()); // no row dropped: row r is the CSV's row r
        TabularDataset.Split split = scaled.split(TEST_FRACTION, SEED);
        List<Integer> heldBack = heldBackRows(scaled);
        ModelSpec spec = spec(6, List.of(16L), "relu", 3);
        float[] params = train(spec, split.train());
        Path zip = export(spec, params, mapping, dir.resolve("maternal.zip"));

        RiskScorer scorer = RiskScorer.load(zip);

        Mlp mlp = new Mlp(ParameterLayout.of(spec));
        double[] wide = wide(params);
        float[][] x = scaled.features();
        int[] y = scaled.labels();
        double worst = 0;
        int correct = 0;
        for (int r : heldBack) {
            double[] expected = mlp.probabilities(wide, x[r]);
            double[] actual = scorer.probabilities(raw(table, mapping.features(), r));
            for (int c = 0; c < 3; c++) {
                assertThat(actual[c]).as("row %d class %d", r, c).isCloseTo(expected[c], within(1e-6));
                worst = Math.max(worst, Math.abs(actual[c] - expected[c]));
            }
            assertThat(scorer.predictedClass(raw(table, mapping.features(), r)))
                    .isEqualTo(Metrics.predictions(new double[][] {expected})[0]);
            correct += scorer.predictedClass(raw(table, mapping.features(), r)) == y[r] ? 1 : 0;
        }
        assertThat(heldBack).hasSize(split.validation().rowCount());
        assertThat(worst).isLessThan(1e-6);
        // A trained model, not a uniform one: a bug that ignored the inputs could not pass.
        assertThat((double) correct / heldBack.size()).isGreaterThan(0.55);
        assertThat(scorer.featureNames()).isEqualTo(mapping.featureNames());
        assertThat(scorer.classNames()).containsExactly("low risk", "mid risk", "high risk");
        assertThat(scorer.info().round()).isEqualTo(3);
    }

    @Test
    void oneHotColumnsPassUnscaledAndMinMaxScalingMatchesTheMapping() throws Exception {
        CsvTable table = CsvReader.read(data("heart_disease_uci_4sites.csv"));
        SchemaMapping declared = mapping("mapping-heart-disease-4sites.json");
        Scaling minMax = DeclaredStatistics.fromReference(table, declared, Scaling.Method.MIN_MAX, Optional.empty());
        SchemaMapping mapping = with(declared, minMax);
        TabularDataset raw = with(declared, Scaling.NONE).apply(table);
        ModelSpec spec = spec(raw.featureNames().size(), List.of(8L, 4L), "tanh", 2);
        float[] params = perturbed(InitialModel.generate(spec, 5));
        RiskScorer scorer = RiskScorer.load(export(spec, params, mapping, dir.resolve("heart.zip")));

        Mlp mlp = new Mlp(ParameterLayout.of(spec));
        List<String> names = raw.featureNames();
        assertThat(names).anyMatch(name -> name.contains("=")); // some inputs are one-hot columns
        float[][] rows = raw.features();
        for (float[] row : rows) {
            double[] input = new double[row.length];
            float[] x = new float[row.length];
            for (int i = 0; i < row.length; i++) {
                input[i] = row[i];
                x[i] = (float) (minMax.stats().containsKey(names.get(i)) ? minMax.apply(names.get(i), row[i]) : row[i]);
            }
            double[] expected = mlp.probabilities(wide(params), x);
            double[] actual = scorer.probabilities(input);
            assertThat(actual[0]).isCloseTo(expected[0], within(1e-6));
            assertThat(actual[1]).isCloseTo(expected[1], within(1e-6));
        }
    }

    @Test
    void aHospitalScoresWithDl4jAloneAsDocsTrainingMdShows() throws Exception {
        ModelSpec spec = spec(6, List.of(16L), "relu", 3);
        float[] params = perturbed(InitialModel.generate(spec, 3));
        SchemaMapping mapping = mapping("mapping-maternal-health-risk.json");
        File zip =
                export(spec, params, mapping, dir.resolve("maternal-risk.zip")).toFile();

        // The example of docs/training.md, "Exporting a model for hospitals (DL4J)", line for line.
        var restored = ModelSerializer.restoreMultiLayerNetworkAndNormalizer(zip, false);
        MultiLayerNetwork network = restored.getFirst();
        DataNormalization scaling = (DataNormalization) restored.getSecond();
        INDArray x = Nd4j.createFromArray(new double[][] {{35, 140, 90, 13.0, 98.0, 70}});
        scaling.transform(x);
        double[] p = network.output(x, false).toDoubleVector();
        int predicted = Nd4j.argMax(Nd4j.createFromArray(p)).getInt(0);

        float[] scaled = new float[6];
        double[] raw = {35, 140, 90, 13.0, 98.0, 70};
        for (int i = 0; i < 6; i++) {
            scaled[i] = (float) mapping.scaling().apply(mapping.features().get(i), raw[i]);
        }
        double[] expected = new Mlp(ParameterLayout.of(spec)).probabilities(wide(params), scaled);
        assertThat(p).containsExactly(expected, within(1e-6));
        assertThat(predicted).isEqualTo(Metrics.predictions(new double[][] {expected})[0]);
    }

    @Test
    void refusesARowOfTheWrongLengthOrWithAMissingValue() throws Exception {
        ModelSpec spec = spec(6, List.of(4L), "relu", 3);
        RiskScorer scorer = RiskScorer.load(export(
                spec,
                InitialModel.generate(spec, 1),
                mapping("mapping-maternal-health-risk.json"),
                dir.resolve("m.zip")));

        assertThatThrownBy(() -> scorer.probabilities(new double[5]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the row has 5 features, the model takes 6");
        assertThatThrownBy(() -> scorer.probabilities(new double[] {30, 120, 80, Double.NaN, 98, 70}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("BS is NaN");
    }

    @Test
    void aZipWithoutMedfedsModelInfoIsRefused() throws Exception {
        ModelSpec spec = spec(6, List.of(4L), "relu", 3);
        Path zip = export(
                spec,
                InitialModel.generate(spec, 1),
                mapping("mapping-maternal-health-risk.json"),
                dir.resolve("m.zip"));
        Path stripped = dir.resolve("stripped.zip");
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(stripped))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.getName().equals(Dl4jExport.INFO_ENTRY)) {
                    out.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
        }

        assertThatThrownBy(() -> RiskScorer.load(stripped))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("has no medfed-model.json");
    }

    @Test
    void exportRefusesAMappingWhoseColumnsAreNotTheModelsInputs() {
        ModelSpec spec = spec(5, List.of(4L), "relu", 3);

        assertThatThrownBy(() -> export(
                        spec,
                        InitialModel.generate(spec, 1),
                        mapping("mapping-maternal-health-risk.json"),
                        dir.resolve("m.zip")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the mapping gives 6 features and 3 classes, the model takes 5");
        assertThat(dir.resolve("m.zip")).doesNotExist();
    }

    /** The held-back rows' indices: the split keeps row order, so splitting the row numbers gives them. */
    private static List<Integer> heldBackRows(TabularDataset data) {
        float[][] index = new float[data.rowCount()][];
        for (int r = 0; r < index.length; r++) {
            index[r] = new float[] {r};
        }
        TabularDataset numbered = new TabularDataset(index, data.labels(), List.of("row"), data.classNames());
        List<Integer> rows = new ArrayList<>();
        for (float[] row : numbered.split(TEST_FRACTION, SEED).validation().features()) {
            rows.add((int) row[0]);
        }
        return rows;
    }

    /** Row {@code r}'s features as the CSV has them, parsed as doubles: what a hospital's device reports. */
    private static double[] raw(CsvTable table, List<String> features, int r) {
        double[] row = new double[features.size()];
        for (int i = 0; i < row.length; i++) {
            int column = table.column(features.get(i)).orElseThrow();
            row[i] = Double.parseDouble(table.rows().get(r).get(column).strip());
        }
        return row;
    }

    private static float[] train(ModelSpec spec, TabularDataset train) {
        TrainingSettings settings = TrainingSettings.forTask(
                new TrainingSpec(5, 32, new BigDecimal("0.1"), "sgd", BigDecimal.ZERO), null, train.rowCount());
        LocalTrainer trainer = new LocalTrainer(new SplittableRandom(11), new SplittableRandom(12));
        float[][] x = train.features();
        int[] y = train.labels();
        return trainer.train(spec, InitialModel.generate(spec, SEED), x, y, settings, x, y)
                .params();
    }

    private static Path export(ModelSpec spec, float[] params, SchemaMapping mapping, Path zip) throws IOException {
        Dl4jExport.Info info = new Dl4jExport.Info(
                mapping.featureNames(),
                mapping.label().classes(),
                mapping.scaling().method().key(),
                "maternal-risk",
                3,
                "bafkreiexportedglobalmodel",
                "a".repeat(64),
                mapping.fingerprint());
        Dl4jExport.write(spec, params, mapping.scaling(), info, zip);
        return zip;
    }

    private static ModelSpec spec(long inputs, List<Long> hidden, String activation, long classes) {
        return new ModelSpec(
                ModelSpec.MLP,
                inputs,
                hidden,
                activation,
                classes,
                new ContentRef("bafkreiinitialmodel", "0".repeat(64)));
    }

    private static SchemaMapping with(SchemaMapping m, Scaling scaling) {
        return new SchemaMapping(
                m.name(),
                m.features(),
                m.label(),
                m.drop(),
                m.partitionColumn(),
                m.missing(),
                m.categorical(),
                scaling,
                m.fingerprint());
    }

    private static float[] perturbed(float[] params) {
        SplittableRandom random = new SplittableRandom(9);
        for (int k = 0; k < params.length; k++) {
            params[k] += (float) (0.3 * random.nextGaussian());
        }
        return params;
    }

    private static double[] wide(float[] params) {
        double[] wide = new double[params.length];
        for (int k = 0; k < params.length; k++) {
            wide[k] = params[k];
        }
        return wide;
    }

    private static SchemaMapping mapping(String example) throws Exception {
        try (InputStream in = RiskScorerTest.class.getResourceAsStream("/examples/" + example)) {
            return SchemaMapping.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), example);
        }
    }

    private static Path data(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("data").resolve(name))) {
                return d.resolve("data").resolve(name);
            }
        }
        throw new IllegalStateException("data/" + name + " not found");
    }
}
