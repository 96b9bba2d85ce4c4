package org.medfed.common.subset;

import java.util.Arrays;
import java.util.Objects;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.WarmUpSpec;
import org.medfed.common.nn.Mlp;
import org.medfed.common.nn.ParameterLayout;

/**
 * Stage 1 of two-stage training: the task's initial model trained on the shared subset before round 1. Every endorser
 * recomputes it, so it must give the same bits everywhere: full-batch gradient descent (no sampling, no shuffling, no
 * randomness), per epoch the per-example cross-entropy gradients of {@link Mlp} (double, StrictMath, fixed loop
 * order) summed in row order in double, then {@code w_k −= η · (sum_k / N)}. The parameters stay in double between
 * epochs and are rounded to float32 once, at the end. The caller passes the contributions concatenated in ascending
 * dataset id order, so the row order is the ledger's.
 */
public final class WarmUp {
    public static final long MAX_EPOCHS = WarmUpSpec.MAX_EPOCHS;

    private WarmUp() {}

    /**
     * @param initial the initial model's parameters (wire order)
     * @return the warmed-up parameters (a new array)
     * @throws IllegalArgumentException on a shape mismatch, a label outside the classes, no rows, epochs outside 1 …
     *     {@value #MAX_EPOCHS} or a learning rate that is not a positive finite number
     * @throws ArithmeticException if the parameters leave the float range (the learning rate is too large)
     */
    public static float[] train(
            ModelSpec spec, float[] initial, float[][] x, int[] y, long epochs, double learningRate) {
        Objects.requireNonNull(spec, "spec");
        ParameterLayout layout = ParameterLayout.of(spec);
        if (initial.length != layout.parameterCount()) {
            throw new IllegalArgumentException(
                    "the initial model has " + initial.length + " parameters, the spec " + layout.parameterCount());
        }
        if (x.length < 1 || x.length != y.length) {
            throw new IllegalArgumentException("a warm-up needs at least one row and a label per row, got " + x.length
                    + " rows and " + y.length + " labels");
        }
        if (epochs < 1 || epochs > MAX_EPOCHS) {
            throw new IllegalArgumentException(
                    "warm-up epochs must be between 1 and " + MAX_EPOCHS + ", got " + epochs);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException(
                    "the warm-up learning rate must be positive and finite, got " + learningRate);
        }
        Mlp mlp = new Mlp(layout);
        int parameters = initial.length;
        double[] w = new double[parameters];
        for (int k = 0; k < parameters; k++) {
            w[k] = initial[k];
        }
        double[] gradient = new double[parameters];
        double[] sum = new double[parameters];
        double rows = x.length;
        for (long epoch = 0; epoch < epochs; epoch++) {
            Arrays.fill(sum, 0);
            for (int row = 0; row < x.length; row++) {
                mlp.lossAndGradient(w, x[row], y[row], gradient);
                for (int k = 0; k < parameters; k++) {
                    sum[k] += gradient[k];
                }
            }
            for (int k = 0; k < parameters; k++) {
                w[k] -= learningRate * (sum[k] / rows);
            }
        }
        float[] trained = new float[parameters];
        for (int k = 0; k < parameters; k++) {
            trained[k] = (float) w[k];
            if (!Float.isFinite(trained[k])) {
                throw new ArithmeticException("the warm-up diverged: parameter " + k + " is " + w[k] + " after "
                        + epochs + " epochs; lower the learning rate");
            }
        }
        return trained;
    }
}
