package org.medfed.client.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.ModelSpec;

/**
 * End to end on the real WDBC table (data/breast_cancer_wisconsin_diagnostic.csv): the example task's MLP (30-16-2
 * ReLU), a seeded 80/20 split, z-scores from the training part only. Parsing is deliberately minimal here; the
 * client's data package owns real CSV handling.
 */
class WdbcTrainingTest {
    private static final Path CSV = Path.of("..", "data", "breast_cancer_wisconsin_diagnostic.csv");
    private static final ModelSpec SPEC = Specs.wdbc();
    private static final int EPOCHS = 30;

    private static float[][] trainX;
    private static int[] trainY;
    private static float[][] testX;
    private static int[] testY;

    @BeforeAll
    static void load() throws IOException {
        List<String> lines = Files.readAllLines(CSV);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        int label = header.indexOf("diagnosis");
        int id = header.indexOf("id");
        List<float[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",");
            float[] features = new float[30];
            int f = 0;
            for (int c = 0; c < fields.length; c++) {
                if (c != label && c != id) {
                    features[f++] = Float.parseFloat(fields[c]);
                }
            }
            assertThat(f).isEqualTo(30);
            rows.add(features);
            labels.add(
                    switch (fields[label]) {
                        case "M", "1" -> 1;
                        case "B", "0" -> 0;
                        default -> throw new IllegalStateException("diagnosis " + fields[label]);
                    });
        }
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int trainSize = rows.size() * 4 / 5;
        trainX = new float[trainSize][];
        trainY = new int[trainSize];
        testX = new float[rows.size() - trainSize][];
        testY = new int[rows.size() - trainSize];
        for (int i = 0; i < order.length; i++) {
            if (i < trainSize) {
                trainX[i] = rows.get(order[i]).clone();
                trainY[i] = labels.get(order[i]);
            } else {
                testX[i - trainSize] = rows.get(order[i]).clone();
                testY[i - trainSize] = labels.get(order[i]);
            }
        }
        zScoreWithTrainingStatistics();
    }

    private static void zScoreWithTrainingStatistics() {
        for (int j = 0; j < 30; j++) {
            double mean = 0;
            for (float[] row : trainX) {
                mean += row[j];
            }
            mean /= trainX.length;
            double variance = 0;
            for (float[] row : trainX) {
                variance += (row[j] - mean) * (row[j] - mean);
            }
            double sd = Math.sqrt(variance / trainX.length);
            for (float[][] part : new float[][][] {trainX, testX}) {
                for (float[] row : part) {
                    row[j] = (float) ((row[j] - mean) / sd);
                }
            }
        }
    }

    private static TrainingSettings settings(TrainingSettings.Privacy privacy) {
        // batch 32 of 455: q = 32/455 rounded up, 15 steps per epoch, as TrainingSettings.forTask would say
        return new TrainingSettings(new BigDecimal("0.0703297"), EPOCHS, 15, 0.1, 0, privacy);
    }

    private static TrainingResult train(TrainingSettings settings, long seed) {
        long start = System.nanoTime();
        TrainingResult result = new LocalTrainer(new SplittableRandom(seed), new SplittableRandom(seed + 1))
                .train(SPEC, InitialModel.generate(SPEC, 42), trainX, trainY, settings, testX, testY);
        double msPerEpoch = (System.nanoTime() - start) / 1e6 / EPOCHS;
        System.out.printf(
                "WDBC %s: held-out accuracy %.4f, F1 %.4f, AUC %.4f, loss %.4f; %.1f ms per epoch%n",
                settings.privacy() == null
                        ? "without DP"
                        : "DP-SGD sigma=" + settings.privacy().noiseMultiplier() + " C="
                                + settings.privacy().clipNorm(),
                result.validation().accuracy(),
                result.validation().f1(),
                result.validation().auc(),
                result.validation().loss(),
                msPerEpoch);
        return result;
    }

    @Test
    void withoutDpReachesAtLeast93PercentHeldOutAccuracy() {
        assertThat(trainX.length).isEqualTo(455);
        TrainingResult result = train(settings(null), 1);
        assertThat(result.validation().accuracy()).isGreaterThanOrEqualTo(0.93);
        assertThat(result.validation().auc()).isGreaterThan(0.95);
    }

    @Test
    void withDpStillLearnsAndIsReproducibleWithSeededSources() {
        TrainingSettings dp = settings(new TrainingSettings.Privacy(new BigDecimal("1.1"), BigDecimal.ONE));
        TrainingResult first = train(dp, 7);
        // well above always answering the held-out majority class (73 of 114 benign: 0.64), and a conservative
        // bound under the 0.974 this seed gives (0.965–0.974 over 20 other seed pairs)
        double positives = Arrays.stream(testY).filter(v -> v == 1).count() / (double) testY.length;
        assertThat(first.validation().accuracy())
                .isGreaterThanOrEqualTo(0.85)
                .isGreaterThan(Math.max(positives, 1 - positives) + 0.15);
        TrainingResult again = new LocalTrainer(new SplittableRandom(7), new SplittableRandom(8))
                .train(SPEC, InitialModel.generate(SPEC, 42), trainX, trainY, dp, testX, testY);
        assertThat(again.params()).containsExactly(first.params());
    }
}
