package org.medfed.client.sim;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The arithmetic of the Byzantine attacks ({@link Attack}): pure functions of the round's global model and the
 * participants' honestly trained models (FULL updates: every vector here is a whole model, its delta the model
 * minus the global model). Sums run in double in index order and each value is rounded once to float, so the same
 * inputs give the same bits; the only randomness is the generator handed in.
 */
public final class UpdateAttacks {
    private UpdateAttacks() {}

    /** {@code global + factor · (trained − global)}: the trained change scaled (a negative factor reverses it). */
    public static float[] scaled(float[] global, float[] trained, double factor) {
        requireSameLength(global, trained);
        float[] out = new float[global.length];
        for (int j = 0; j < global.length; j++) {
            out[j] = (float) (global[j] + factor * ((double) trained[j] - global[j]));
        }
        return out;
    }

    /** Sign flipping: {@code global − λ · (trained − global)}, the honest change reversed and scaled by λ. */
    public static float[] signFlipped(float[] global, float[] trained, double lambda) {
        return scaled(global, trained, -lambda);
    }

    /** Gaussian noise in place of an update: {@code global + N(0, σ²)} per coordinate, drawn from {@code random}. */
    public static float[] noise(float[] global, double sigma, RandomGenerator random) {
        float[] out = new float[global.length];
        for (int j = 0; j < global.length; j++) {
            out[j] = (float) (global[j] + sigma * random.nextGaussian());
        }
        return out;
    }

    /**
     * "A little is enough" (Baruch et al. 2019): {@code global + μ − z·σ} per coordinate, where μ and σ are the mean
     * and the sample standard deviation (n − 1) of the deltas of {@code trained}: an update each coordinate of which
     * stays within z standard deviations of the honest mean.
     */
    public static float[] alie(float[] global, List<float[]> trained, double z) {
        int n = trained.size();
        if (n < 2) {
            throw new IllegalArgumentException("ALIE estimates σ from at least 2 updates, got " + n);
        }
        trained.forEach(t -> requireSameLength(global, t));
        float[] out = new float[global.length];
        for (int j = 0; j < global.length; j++) {
            double sum = 0;
            for (float[] t : trained) {
                sum += (double) t[j] - global[j];
            }
            double mean = sum / n;
            double squares = 0;
            for (float[] t : trained) {
                double d = (double) t[j] - global[j] - mean;
                squares += d * d;
            }
            out[j] = (float) (global[j] + mean - z * Math.sqrt(squares / (n - 1)));
        }
        return out;
    }

    /**
     * ALIE's z for n participants of whom f attack (Baruch et al. 2019, Algorithm 3): with
     * {@code s = ⌊n/2 + 1⌋ − f} the honest participants the attackers need on their side,
     * {@code z = Φ⁻¹((n − s) / n)}. For 1 of 4 that is Φ⁻¹(0.5) = 0 (the attack sends the mean); for 3 of 10,
     * Φ⁻¹(0.7) ≈ 0.5244.
     */
    public static double alieZ(int n, int f) {
        int s = n / 2 + 1 - f;
        if (f < 1 || s < 1) {
            throw new IllegalArgumentException("ALIE's z needs 1 ≤ f ≤ ⌊n/2⌋, got n " + n + ", f " + f);
        }
        return inverseNormal((double) (n - s) / n);
    }

    /**
     * Model replacement's boost (Bagdasaryan et al. 2020, γ = n/η): FedAvg moves the global model by the
     * example-weighted mean of the deltas (η = 1), so attacker {@code attacker}'s delta, scaled by
     * {@code W / (A · w_a)} (W all participants' examples, w_a its own, A the number of attackers), moves it by the
     * mean of the attackers' deltas: the honest ones only add their own small changes.
     */
    public static double replacementBoost(List<Long> examples, int attackers, int attacker) {
        if (attackers < 1 || attacker < 0 || attacker >= examples.size()) {
            throw new IllegalArgumentException("no attacker " + attacker + " among " + examples.size());
        }
        long total = examples.stream().mapToLong(Long::longValue).sum();
        return (double) total / ((double) attackers * examples.get(attacker));
    }

    /**
     * Φ⁻¹(p), the standard normal quantile, for 0 &lt; p &lt; 1: Acklam's rational approximation (relative error
     * below 1.2·10⁻⁹), enough for a z that scales an attack.
     */
    static double inverseNormal(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        double[] a = {
            -39.69683028665376,
            220.9460984245205,
            -275.9285104469687,
            138.3577518672690,
            -30.66479806614716,
            2.506628277459239
        };
        double[] b = {-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572};
        double[] c = {
            -0.007784894002430293,
            -0.3223964580411365,
            -2.400758277161838,
            -2.549732539343734,
            4.374664141464968,
            2.938163982698783
        };
        double[] d = {0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416};
        double low = 0.02425;
        if (p < low || p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
            double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            return p < low ? x : -x;
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
                * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }

    private static void requireSameLength(float[] global, float[] trained) {
        if (trained.length != global.length) {
            throw new IllegalArgumentException(
                    "an update has " + trained.length + " values, the global model " + global.length);
        }
    }
}
