package org.medfed.client.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.TrainingSpec;

class LocalTrainerTest {
    private final ModelSpec spec = Specs.mlp(3, List.of(4L), "tanh", 2);

    @Test
    void sgdStepAddsTheFedProxGradientToTheAveragedSum() {
        double[] w = {1, 2};
        // w0: 1 − 0.5·(4/2 + 0.1·(1 − 0)) = −0.05;  w1: 2 − 0.5·(−2/2 + 0.1·(2 − 2)) = 2.5
        LocalTrainer.sgdStep(w, new double[] {4, -2}, 2, 0.5, 0.1, new double[] {0, 2});
        assertThat(w[0]).isCloseTo(-0.05, within(1e-15));
        assertThat(w[1]).isEqualTo(2.5);
    }

    @Test
    void taskSettingsSampleTheBatchSizeAndCountEpochsInExpectedPasses() {
        TrainingSpec training = new TrainingSpec(3, 32, new BigDecimal("0.05"), "sgd", new BigDecimal("0.01"));
        DpPolicy dp = new DpPolicy(
                BigDecimal.ONE,
                new BigDecimal("1.1"),
                new BigDecimal("1e-5"),
                BigDecimal.TEN,
                EpsilonConversion.IMPROVED);
        TrainingSettings settings = TrainingSettings.forTask(training, dp, 455);
        // 32/455 = 0.0703296703…, rounded up to six significant digits
        assertThat(settings.samplingRate()).isEqualByComparingTo("0.0703297");
        assertThat(settings.stepsPerEpoch()).isEqualTo(15); // ⌈455/32⌉
        assertThat(settings.steps()).isEqualTo(45);
        assertThat(settings.privacy().noiseMultiplier()).isEqualByComparingTo("1.1");
        assertThat(settings.fedProxMu()).isEqualTo(0.01);
        // fewer examples than the batch size: every example in every step
        assertThat(TrainingSettings.forTask(training, dp, 10).samplingRate()).isEqualByComparingTo("1");
        TrainingSpec adam = new TrainingSpec(1, 32, BigDecimal.ONE, "adam", BigDecimal.ZERO);
        assertThatThrownBy(() -> TrainingSettings.forTask(adam, dp, 10)).hasMessageContaining("\"adam\"");
    }

    @Test
    void dpTrainingIsReproducibleWithSeededSourcesAndDependsOnTheNoise() {
        float[][] x = randomRows(40, 3, 1);
        int[] y = labels(x);
        TrainingSettings settings = new TrainingSettings(
                new BigDecimal("0.25"),
                2,
                4,
                0.1,
                0,
                new TrainingSettings.Privacy(new BigDecimal("1.1"), BigDecimal.ONE));
        float[] global = InitialModel.generate(spec, 5);
        TrainingResult a = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2))
                .train(spec, global, x, y, settings, x, y);
        TrainingResult b = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2))
                .train(spec, global, x, y, settings, x, y);
        TrainingResult otherNoise = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(3))
                .train(spec, global, x, y, settings, x, y);
        assertThat(a.params()).containsExactly(b.params());
        assertThat(a.params()).isNotEqualTo(otherNoise.params());
        assertThat(a.steps()).isEqualTo(8);
        assertThat(a.dpUsage())
                .isEqualTo(new DpUsage(new BigDecimal("0.25"), new BigDecimal("1.1"), 8, BigDecimal.ONE));
        assertThat(a.noiseMultiplier()).isEqualByComparingTo("1.1");
        assertThat(a.epochLosses()).hasSize(2);
    }

    @Test
    void oneStepMovesTheModelByAtMostTheLearningRateTimesTheClipNormPerExample() {
        float[][] x = {{50, -80, 30}};
        int[] y = {1};
        BigDecimal clip = new BigDecimal("0.01");
        double lr = 0.5;
        // σ = 1e-6: the noise (σ·C = 1e-8) is negligible against the bound checked
        TrainingSettings settings = new TrainingSettings(
                BigDecimal.ONE, 1, 1, lr, 0, new TrainingSettings.Privacy(new BigDecimal("0.000001"), clip));
        float[] global = InitialModel.generate(spec, 5);
        TrainingResult result = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2))
                .train(spec, global, x, y, settings, x, y);
        double moved = 0;
        for (int k = 0; k < global.length; k++) {
            moved += Math.pow(result.params()[k] - global[k], 2);
        }
        // float32 rounding of the result adds at most ~1e-7 per coordinate
        double bound = lr * clip.doubleValue();
        assertThat(Math.sqrt(moved))
                .isLessThanOrEqualTo(bound * (1 + 1e-4) + 1e-5)
                .isGreaterThan(bound / 2);
    }

    @Test
    void fedProxPullsTowardsTheGlobalModelWithoutData() {
        float[][] x = randomRows(20, 3, 4);
        int[] y = labels(x);
        float[] global = InitialModel.generate(spec, 5);
        // q so small that no example is ever sampled: only the proximal term and nothing else moves w, and w = global
        TrainingSettings settings = new TrainingSettings(new BigDecimal("1e-12"), 1, 10, 0.1, 5.0, null);
        TrainingResult result = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2))
                .train(spec, global, x, y, settings, x, y);
        assertThat(result.params()).containsExactly(global);
        assertThat(result.epochLosses()[0]).isNaN();
    }

    @Test
    void reportsEachEpochAndStopsWhenCancelled() {
        float[][] x = randomRows(20, 3, 4);
        int[] y = labels(x);
        float[] global = InitialModel.generate(spec, 5);
        TrainingSettings settings = new TrainingSettings(new BigDecimal("0.5"), 3, 2, 0.1, 0, null);
        java.util.List<String> seen = new java.util.ArrayList<>();
        TrainingResult result = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2))
                .train(
                        spec,
                        global,
                        x,
                        y,
                        settings,
                        x,
                        y,
                        (epoch, epochs, loss) -> seen.add(epoch + "/" + epochs + " " + loss),
                        () -> false);
        assertThat(seen)
                .containsExactly(
                        "1/3 " + result.epochLosses()[0],
                        "2/3 " + result.epochLosses()[1],
                        "3/3 " + result.epochLosses()[2]);

        int[] checks = {0};
        assertThatThrownBy(() -> new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2))
                        .train(spec, global, x, y, settings, x, y, LocalTrainer.Progress.NONE, () -> ++checks[0] > 3))
                .isInstanceOf(java.util.concurrent.CancellationException.class)
                .hasMessage("training cancelled after 3 of 6 steps");
    }

    @Test
    void rejectsDataThatDoesNotFitTheModel() {
        LocalTrainer trainer = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2));
        TrainingSettings settings = new TrainingSettings(new BigDecimal("0.5"), 1, 1, 0.1, 0, null);
        float[] global = InitialModel.generate(spec, 5);
        assertThatThrownBy(() -> trainer.train(
                        spec,
                        global,
                        new float[][] {{1, 2}},
                        new int[] {0},
                        settings,
                        new float[][] {{1, 2, 3}},
                        new int[] {0}))
                .hasMessageContaining("row 0 has 2 features");
        assertThatThrownBy(() -> trainer.train(
                        spec,
                        global,
                        new float[][] {{1, 2, 3}},
                        new int[] {2},
                        settings,
                        new float[][] {{1, 2, 3}},
                        new int[] {0}))
                .hasMessageContaining("label 2");
    }

    static float[][] randomRows(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return x;
    }

    static int[] labels(float[][] x) {
        int[] y = new int[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i][0] + x[i][1] > 0 ? 1 : 0;
        }
        return y;
    }
}
