package org.medfed.common.aggregation;

import java.util.List;

/**
 * The rules of SCAFFOLD (Karimireddy et al. 2020, "SCAFFOLD: Stochastic Controlled Averaging for Federated
 * Learning", Algorithm 1 with option II), the one copy that the client's local training, the chaincode's aggregation
 * and anyone recomputing a round share. Each site keeps a control variate c_i, the task a global one c (both vectors
 * of the model's size, stored as blobs by CID like FedAdam's state). A local step corrects the gradient by the drift
 * between the two; after K steps at learning rate η_l the site's new control is estimated from how far its model
 * moved; the server moves c by the mean change of the sites' controls, scaled by the share of sites that took part.
 * Sums run in a fixed order in double precision, so every endorser computes the same bytes.
 */
public final class Scaffold {
    private Scaffold() {}

    /** One corrected local gradient: g − c_i + c (the drift correction applied before each local step). */
    public static double[] correctedGradient(double[] gradient, float[] siteControl, float[] globalControl) {
        requireSameLength(gradient.length, siteControl.length, "site control");
        requireSameLength(gradient.length, globalControl.length, "global control");
        double[] corrected = new double[gradient.length];
        for (int k = 0; k < gradient.length; k++) {
            corrected[k] = gradient[k] - siteControl[k] + globalControl[k];
        }
        return corrected;
    }

    /**
     * The site's next control, option II: c_i⁺ = c_i − c + (x − y_i) / (K·η_l), from the round's global model x and
     * the site's model y_i after {@code steps} local steps at {@code learningRate}.
     */
    public static float[] nextSiteControl(
            float[] siteControl,
            float[] globalControl,
            float[] global,
            float[] local,
            long steps,
            double learningRate) {
        requireSameLength(global.length, siteControl.length, "site control");
        requireSameLength(global.length, globalControl.length, "global control");
        requireSameLength(global.length, local.length, "local model");
        if (steps < 1 || !(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "SCAFFOLD needs at least one local step at a positive learning rate, got " + steps + " steps at "
                            + learningRate);
        }
        double scale = 1.0 / (steps * learningRate);
        float[] next = new float[global.length];
        for (int k = 0; k < global.length; k++) {
            next[k] = (float) ((double) siteControl[k] - globalControl[k] + ((double) global[k] - local[k]) * scale);
        }
        return next;
    }

    /**
     * The task's next global control: c + (|S| / N) · mean over the sites in S of (c_i⁺ − c_i), where {@code
     * controlDeltas} holds one c_i⁺ − c_i per participating site, in the round's canonical order, and {@code
     * sites} is N, every eligible site of the task.
     */
    public static float[] nextGlobalControl(float[] globalControl, List<float[]> controlDeltas, long sites) {
        ControlSum sum = new ControlSum(globalControl.length);
        controlDeltas.forEach(sum::add);
        return sum.nextGlobalControl(globalControl, sites);
    }

    /**
     * {@link #nextGlobalControl} one site's control change at a time, so a round recomputation holds one sum of P
     * doubles rather than every site's change: add the changes in the round's canonical order, then ask for c⁺.
     */
    public static final class ControlSum {
        private final double[] sum;
        private int added;

        public ControlSum(int parameters) {
            this.sum = new double[parameters];
        }

        public void add(float[] delta) {
            requireSameLength(sum.length, delta.length, "control change");
            for (int k = 0; k < sum.length; k++) {
                sum[k] += delta[k];
            }
            added++;
        }

        /** c + Σ Δc_i / N over the changes added so far, N = {@code sites}. */
        public float[] nextGlobalControl(float[] globalControl, long sites) {
            requireSameLength(sum.length, globalControl.length, "global control");
            if (added == 0) {
                throw new IllegalArgumentException(
                        "SCAFFOLD's global control needs at least one site's control change");
            }
            if (sites < added) {
                throw new IllegalArgumentException(added + " sites took part but the task has only " + sites);
            }
            // (|S|/N) · (Σ Δc_i / |S|) = Σ Δc_i / N
            float[] next = new float[sum.length];
            for (int k = 0; k < next.length; k++) {
                next[k] = (float) (globalControl[k] + sum[k] / sites);
            }
            return next;
        }
    }

    private static void requireSameLength(int expected, int actual, String what) {
        if (expected != actual) {
            throw new IllegalArgumentException("the " + what + " has " + actual + " values, the model has " + expected);
        }
    }
}
