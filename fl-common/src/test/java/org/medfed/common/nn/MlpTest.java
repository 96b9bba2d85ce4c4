package org.medfed.common.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.common.model.ModelSpec;

/** The plain-Java MLP on its own; fl-client's {@code MlpTest} compares it with DL4J. */
class MlpTest {

    @ParameterizedTest
    @ValueSource(strings = {"tanh", "sigmoid"})
    void gradientMatchesCentralFiniteDifferences(String activation) {
        ModelSpec spec = Specs.mlp(3, List.of(4L), activation, 2);
        ParameterLayout layout = ParameterLayout.of(spec);
        double[] params = seeded(layout.parameterCount(), 2);
        Mlp mlp = new Mlp(layout);
        float[] x = {0.3f, -1.2f, 0.7f};
        double[] gradient = new double[params.length];
        mlp.lossAndGradient(params, x, 1, gradient);
        double h = 1e-6;
        double[] scratch = new double[params.length];
        for (int k = 0; k < params.length; k++) {
            double saved = params[k];
            params[k] = saved + h;
            double up = mlp.lossAndGradient(params, x, 1, scratch);
            params[k] = saved - h;
            double down = mlp.lossAndGradient(params, x, 1, scratch);
            params[k] = saved;
            // central differences err by O(h²) ≈ 1e-12 plus rounding of about 1e-16/h = 1e-10
            assertThat(gradient[k]).as("parameter %d", k).isCloseTo((up - down) / (2 * h), within(1e-8));
        }
    }

    @Test
    void logisticModelGivesSoftmaxAndItsHandComputedGradient() {
        // 2 inputs, 2 classes, no hidden layer: W = [[1, 0], [0, 1]] (input i to unit j), b = [0, 0].
        Mlp mlp = new Mlp(ParameterLayout.of(Specs.mlp(2, List.of(), "relu", 2)));
        double[] params = {1, 0, 0, 1, 0, 0};
        float[] x = {1, 0};
        // logits [1, 0]: p = [e/(e+1), 1/(e+1)]; for y = 0, dL/dz = p − [1, 0] = [−1/(e+1), 1/(e+1)]
        double e = Math.E;
        double[] gradient = new double[6];
        double loss = mlp.lossAndGradient(params, x, 0, gradient);
        assertThat(loss).isCloseTo(Math.log(e + 1) - 1, within(1e-15));
        double d = 1 / (e + 1);
        // dW[i][j] = x_i · dz_j, db = dz
        assertThat(gradient).containsExactly(new double[] {-d, d, 0, 0, -d, d}, within(1e-15));
        assertThat(mlp.probabilities(params, x)).containsExactly(new double[] {e * d, d}, within(1e-15));
    }

    @Test
    void refusesALabelOutsideTheClasses() {
        Mlp mlp = new Mlp(ParameterLayout.of(Specs.mlp(2, List.of(), "relu", 2)));
        assertThatThrownBy(() -> mlp.lossAndGradient(new double[6], new float[2], 2, new double[6]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 2");
    }

    private static double[] seeded(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] params = new double[count];
        for (int k = 0; k < count; k++) {
            params[k] = 0.5 * random.nextGaussian();
        }
        return params;
    }
}
