package org.medfed.common.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.Mlp;
import org.medfed.common.nn.ParameterLayout;
import org.medfed.common.nn.Specs;

class WarmUpTest {
    /** Logistic regression: 2 inputs, 2 classes, no hidden layer; W (2×2) then b (2), 6 parameters. */
    private static final ModelSpec LOGISTIC = Specs.mlp(2, List.of(), "relu", 2);

    @Test
    void oneEpochOnALogisticModelIsTheHandComputedStep() {
        float[][] x = {{1, 0}, {0, 1}};
        int[] y = {0, 1};
        // All zeros: p = [½, ½] for both rows. dz = p − onehot(y): row 0 [−½, ½], row 1 [½, −½].
        // dW[i][j] = x_i·dz_j: row 0 gives W row 0 = [−½, ½]; row 1 gives W row 1 = [½, −½]; db sums to [0, 0].
        // w −= 1 · sum / 2: W = [[¼, −¼], [−¼, ¼]], b = [0, 0].
        float[] trained = WarmUp.train(LOGISTIC, new float[6], x, y, 1, 1.0);

        assertThat(trained).containsExactly(0.25f, -0.25f, -0.25f, 0.25f, 0f, 0f);
    }

    @Test
    void twoEpochsStepFromWhereTheFirstEnded() {
        float[][] x = {{1, 0}, {0, 1}};
        int[] y = {0, 1};
        float[] once = WarmUp.train(LOGISTIC, new float[6], x, y, 1, 1.0);
        // epoch 2 from W = [[¼, −¼], [−¼, ¼]]: row 0's logits [¼, −¼], p0 = σ(½) for class 0, so
        // dz = [p0 − 1, 1 − p0]; row 1 is the mirror image; the step adds (1 − p0)/2 to the diagonal
        double p0 = 1 / (1 + StrictMath.exp(-0.5));
        double diagonal = 0.25 + (1 - p0) / 2;
        float[] twice = WarmUp.train(LOGISTIC, new float[6], x, y, 2, 1.0);

        assertThat(twice)
                .containsExactly(
                        new float[] {(float) diagonal, (float) -diagonal, (float) -diagonal, (float) diagonal, 0f, 0f},
                        within(1e-7f)); // the biases' two terms cancel only up to double rounding
        assertThat(twice).isNotEqualTo(once);
    }

    @Test
    void theSameInputsGiveTheSameBytes() {
        ModelSpec spec = Specs.mlp(5, List.of(4L, 3L), "tanh", 3);
        Data data = data(spec, 60, 11);

        byte[] first = FloatVectorCodec.encode(WarmUp.train(spec, data.initial, data.x, data.y, 25, 0.3));
        byte[] second = FloatVectorCodec.encode(WarmUp.train(spec, data.initial, data.x, data.y, 25, 0.3));

        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(FloatVectorCodec.encode(data.initial));
    }

    @Test
    void lowersTheMeanLossOnTheSubset() {
        ModelSpec spec = Specs.mlp(5, List.of(8L), "sigmoid", 3);
        Data data = data(spec, 90, 5);

        float[] trained = WarmUp.train(spec, data.initial, data.x, data.y, 200, 0.5);

        assertThat(meanLoss(spec, trained, data)).isLessThan(meanLoss(spec, data.initial, data) * 0.8);
    }

    @Test
    void leavesTheInitialParametersAsTheyWere() {
        float[] initial = {0.5f, 0, 0, 0.5f, 0, 0};
        WarmUp.train(LOGISTIC, initial, new float[][] {{1, 1}}, new int[] {1}, 3, 0.1);

        assertThat(initial).containsExactly(0.5f, 0, 0, 0.5f, 0, 0);
    }

    @Test
    void refusesWrongShapesLabelsEpochsAndLearningRates() {
        float[][] x = {{1, 0}};
        int[] y = {0};
        assertThatThrownBy(() -> WarmUp.train(LOGISTIC, new float[5], x, y, 1, 1))
                .hasMessage("the initial model has 5 parameters, the spec 6");
        assertThatThrownBy(() -> WarmUp.train(LOGISTIC, new float[6], new float[0][], new int[0], 1, 1))
                .hasMessageContaining("at least one row");
        assertThatThrownBy(() -> WarmUp.train(LOGISTIC, new float[6], x, new int[] {2}, 1, 1))
                .hasMessageContaining("label 2");
        assertThatThrownBy(() -> WarmUp.train(LOGISTIC, new float[6], new float[][] {{1, 0, 0}}, y, 1, 1))
                .hasMessageContaining("3 features");
        assertThatThrownBy(() -> WarmUp.train(LOGISTIC, new float[6], x, y, 0, 1))
                .hasMessageContaining("epochs");
        assertThatThrownBy(() -> WarmUp.train(LOGISTIC, new float[6], x, y, 1, Double.NaN))
                .hasMessageContaining("learning rate");
        assertThatThrownBy(() -> WarmUp.train(LOGISTIC, new float[6], x, y, 1, 0))
                .hasMessageContaining("learning rate");
    }

    @Test
    void refusesAResultOutsideTheFloatRange() {
        assertThatThrownBy(() -> WarmUp.train(LOGISTIC, new float[6], new float[][] {{1, 0}}, new int[] {0}, 1, 1e300))
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("diverged");
    }

    private record Data(float[] initial, float[][] x, int[] y) {}

    /** Seeded rows whose class is the argmax of a fixed linear map, and seeded small initial parameters. */
    private static Data data(ModelSpec spec, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int features = (int) spec.inputs();
        int classes = (int) spec.classes();
        float[][] x = new float[rows][features];
        int[] y = new int[rows];
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < features; i++) {
                x[row][i] = (float) random.nextGaussian();
            }
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (x[row][c] > x[row][best]) {
                    best = c;
                }
            }
            y[row] = best;
        }
        float[] initial = new float[ParameterLayout.of(spec).parameterCount()];
        for (int k = 0; k < initial.length; k++) {
            initial[k] = (float) (0.3 * random.nextGaussian());
        }
        return new Data(initial, x, y);
    }

    private static double meanLoss(ModelSpec spec, float[] params, Data data) {
        Mlp mlp = new Mlp(ParameterLayout.of(spec));
        double[] w = new double[params.length];
        for (int k = 0; k < w.length; k++) {
            w[k] = params[k];
        }
        double[] scratch = new double[w.length];
        double total = 0;
        for (int row = 0; row < data.x.length; row++) {
            total += mlp.lossAndGradient(w, data.x[row], data.y[row], scratch);
        }
        return total / data.x.length;
    }
}
