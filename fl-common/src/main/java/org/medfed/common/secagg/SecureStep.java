package org.medfed.common.secagg;

import java.util.Objects;

/**
 * The DP-SGD step a secure round takes once the sum is unmasked (docs/secure-aggregation.md, "The DP step"):
 * Δ = −η·γ·S / (q·N), γ = C / 2^b, N the survivors' registered rows, so that Δ is the step of a centralized
 * DP-SGD run over the union of the sites' Poisson samples (gradient sum divided by the expected batch q·N). FedAvg
 * then takes w + Δ; FedAdam and FedYogi take Δ as the pseudo-gradient.
 *
 * <p>Every endorser computes this and must get the same bits: the scale η·γ / (q·N) is computed once, in that
 * order, in double (γ is C scaled by a power of two, exact); each Δ_j is scale·(−S_j) rounded once to float; the
 * new model is the float sum w_j + Δ_j. Only +, −, ×, ÷ (strict IEEE 754 since Java 17) and
 * {@link StrictMath#scalb}; plain loops in index order. The caller turns the task's decimals into doubles with
 * {@code Double.parseDouble(decimal.toString())}, which is correctly rounded.
 *
 * @param clipNorm     C, positive and finite
 * @param gridBits     b, in [0, 30]
 * @param learningRate η, positive and finite
 * @param samplingRate q, in (0, 1]
 * @param rows         N ≥ 1, the sum of the survivors' registered dataset row counts
 */
public record SecureStep(double clipNorm, int gridBits, double learningRate, double samplingRate, long rows) {

    public SecureStep {
        if (!(clipNorm > 0 && clipNorm < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("clipNorm must be positive and finite");
        }
        if (gridBits < 0 || gridBits > 30) {
            throw new IllegalArgumentException("gridBits must be in [0, 30]");
        }
        if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("learningRate must be positive and finite");
        }
        if (!(samplingRate > 0 && samplingRate <= 1)) {
            throw new IllegalArgumentException("samplingRate must be in (0, 1]");
        }
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1");
        }
        double gamma = StrictMath.scalb(clipNorm, -gridBits);
        if (!(gamma > 0) || StrictMath.scalb(gamma, gridBits) != clipNorm) {
            throw new IllegalArgumentException("clipNorm is too small for a grid of 2^gridBits steps");
        }
    }

    /** η·γ / (q·N): the change of a parameter per grid unit of the sum (before the sign). */
    public double scale() {
        return learningRate * StrictMath.scalb(clipNorm, -gridBits) / (samplingRate * (double) rows);
    }

    /**
     * Δ_j = scale·(−S_j), each rounded once to float; S read as signed 32-bit integers, negated exactly as a long
     * (so S_j = 0 gives +0, not −0).
     */
    public float[] update(int[] sum) {
        Objects.requireNonNull(sum, "sum");
        double scale = scale();
        float[] update = new float[sum.length];
        for (int j = 0; j < sum.length; j++) {
            update[j] = (float) (scale * -(long) sum[j]);
        }
        return update;
    }

    /** FedAvg's new global model w + Δ, from the unmasked sum. */
    public float[] model(float[] global, int[] sum) {
        Objects.requireNonNull(global, "global");
        Objects.requireNonNull(sum, "sum");
        if (global.length != sum.length) {
            throw new IllegalArgumentException(
                    "the sum has " + sum.length + " values, the global model " + global.length);
        }
        return add(global, update(sum));
    }

    /** w + Δ in float, coordinate by coordinate. */
    public static float[] add(float[] global, float[] update) {
        if (global.length != update.length) {
            throw new IllegalArgumentException(
                    "the update has " + update.length + " values, the global model " + global.length);
        }
        float[] model = new float[global.length];
        for (int j = 0; j < global.length; j++) {
            model[j] = global[j] + update[j];
        }
        return model;
    }
}
