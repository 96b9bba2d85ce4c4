package org.medfed.client.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.medfed.common.dp.noise.GridGaussianSum;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.Mlp;
import org.medfed.common.nn.ParameterLayout;

class LocalTrainerSecureInputTest {
    /** Logistic regression on 3 features: P = 3·2 + 2 = 8, minimum grid 2^12 ((√8/2 + 1)·1024 ≈ 2,472). */
    private final ModelSpec spec = Specs.mlp(3, List.of(), "relu", 2);

    private final float[][] x = LocalTrainerTest.randomRows(30, 3, 7);
    private final int[] y = LocalTrainerTest.labels(x);
    private final float[] global = InitialModel.generate(spec, 3);

    private static SecureInputSettings settings(String q, String sigma, long minSurvivors, long inputBound) {
        return new SecureInputSettings(
                new BigDecimal(q), BigDecimal.ONE, new BigDecimal(sigma), 12, minSurvivors, inputBound);
    }

    @Test
    void withEveryRecordSampledAndNegligibleNoiseTheInputIsTheSumOfTheGridGradients() {
        // σ = 1e-5: the share's sd is 1e-5·2^12/√3 ≈ 0.02 grid units, so the noise is 0 with overwhelming probability
        int[] input = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2))
                .secureInput(spec, global, x, y, settings("1", "0.00001", 3, 100));
        Mlp mlp = new Mlp(ParameterLayout.of(spec));
        GridGaussianSum reference = new GridGaussianSum(8, 1.0, BigDecimal.ONE);
        long[] expected = new long[8];
        double[] gradient = new double[8];
        for (int i = 0; i < x.length; i++) {
            mlp.lossAndGradient(LocalTrainer.toDouble(global), x[i], y[i], gradient);
            long[] onGrid = reference.add(gradient);
            for (int j = 0; j < 8; j++) {
                expected[j] += onGrid[j];
            }
        }
        assertThat(input)
                .containsExactly(java.util.Arrays.stream(expected)
                        .mapToInt(Math::toIntExact)
                        .toArray());
    }

    @Test
    void withNoRecordSampledTheInputIsTheNoiseShareOfVarianceSigmaSquaredFourToTheBOverNMin() {
        RandomGenerator neverSampled = () -> -1L; // nextDouble() = 1 − 2^−53, never below q = 0.5
        LocalTrainer trainer = new LocalTrainer(neverSampled, new SplittableRandom(11));
        double squares = 0;
        int draws = 0;
        for (int call = 0; call < 2500; call++) {
            for (int v : trainer.secureInput(spec, global, x, y, settings("0.5", "2", 3, 100))) {
                squares += (double) v * v;
                draws++;
            }
        }
        double share = 4.0 * Math.pow(4, 12) / 3; // σ² = 4, b = 12, n_min = 3
        assertThat(squares / draws / share).isCloseTo(1, within(5 * Math.sqrt(2.0 / draws)));
    }

    @Test
    void anInputBeyondTheBoundIsNotClippedTheSumStaysExact() {
        float[][] far = new float[20][];
        int[] unlikely = new int[20];
        Mlp mlp = new Mlp(ParameterLayout.of(spec));
        for (int i = 0; i < far.length; i++) {
            far[i] = new float[] {40, 0, 0};
            double[] p = mlp.probabilities(LocalTrainer.toDouble(global), far[i]);
            unlikely[i] = p[0] < p[1] ? 0 : 1; // the class the model doubts: a gradient of norm about C
        }
        // 20 sampled records each push a weight of the first feature by almost a whole C: |sum| ≈ 20·2^12 > B = 2^12,
        // kept whole (reduced mod 2^32 only): clipping one site's input would not be post-processing of the sum
        int[] input = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2))
                .secureInput(spec, global, far, unlikely, settings("1", "0.00001", 3, 1));
        assertThat(java.util.Arrays.stream(input).map(Math::abs).max().orElseThrow())
                .isGreaterThan(3 * 4096);
    }

    @Test
    void sameSourcesGiveTheSameInputAndTheSamplingSourceDecidesTheSample() {
        SecureInputSettings s = settings("0.3", "1.1", 2, 100);
        int[] a = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2)).secureInput(spec, global, x, y, s);
        int[] b = new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2)).secureInput(spec, global, x, y, s);
        int[] otherSample =
                new LocalTrainer(new SplittableRandom(9), new SplittableRandom(2)).secureInput(spec, global, x, y, s);
        float[] before = global.clone();
        assertThat(a).containsExactly(b).hasSize(8).isNotEqualTo(otherSample);
        assertThat(global).containsExactly(before);
    }

    @Test
    void rejectsAGridTooCoarseABoundTooWideAndAModelOfTheWrongSize() {
        LocalTrainer trainer = LocalTrainer.secure();
        SecureInputSettings coarse =
                new SecureInputSettings(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 11, 3, 100);
        assertThatThrownBy(() -> trainer.secureInput(spec, global, x, y, coarse))
                .hasMessageContaining("gridBits");
        assertThatThrownBy(() -> trainer.secureInput(spec, global, x, y, settings("1", "1", 3, 1 << 19)))
                .hasMessageContaining("below 2^31");
        assertThatThrownBy(() -> trainer.secureInput(spec, new float[3], x, y, settings("1", "1", 3, 100)))
                .hasMessageContaining("the task's model 8");
        assertThatThrownBy(() -> settings("0", "1", 3, 100)).hasMessageContaining("samplingRate");
    }
}
