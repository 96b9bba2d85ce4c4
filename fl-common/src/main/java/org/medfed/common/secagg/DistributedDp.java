package org.medfed.common.secagg;

import java.math.BigDecimal;
import java.util.Objects;
import org.medfed.common.dp.noise.GridGaussianSum;

/**
 * The arithmetic of distributed DP in a secure round (docs/secure-aggregation.md, "The DP step"): the grid, the
 * bound on a site's input, and what the unmasked sum guarantees.
 *
 * <p><b>The guarantee.</b> Each site i sends x_i = clip_B(G_i + Z_i): G_i the integer sum of its sampled records'
 * gradients on the grid γ = C / 2^b, each of L2 norm at most 2^b (checked exactly by {@link GridGaussianSum}), and
 * Z_i ~ N_ℤ(0, σ²·4^b / n_min) per coordinate. When no coordinate is clipped, the unmasked sum of s ≥ n_min honest
 * survivors is ΣG_i + ΣZ_i, and ΣZ_i is a sum of s independent discrete Gaussians of total variance
 * s·σ²·4^b / n_min ≥ σ²·4^b. Adding or removing one record moves ΣG_i by at most 2^b in L2, so the ratio of noise
 * to sensitivity is at least σ: by Kairouz, Liu and Steinke (2021, "The Distributed Discrete Gaussian Mechanism for
 * Federated Learning with Secure Aggregation", arXiv:2102.06387, Proposition 14) the sum has the Rényi divergence of a Gaussian with
 * noise multiplier σ√(s/n_min), plus a slack τ ≤ 10(s − 1)·exp(−π²σ_site²) per coordinate, σ_site = σ·2^b/√n_min.
 * With 2^b ≥ 2048 that slack is below 10^−100 for any σ ≥ 0.01·√n_min: nothing a ledger's ε can show. Poisson
 * sampling at each site with the same q samples the union with q, so the round is one step of the subsampled
 * Gaussian (q, σ), as the ledger charges it; dishonest sites can only withhold their own noise, which is why the
 * divisor is n_min, the fewest inputs a round may unmask.
 *
 * <p><b>Clipping to ±B is not free.</b> It is post-processing of one site's input, but not of the sum: a clipped
 * coordinate makes the sum differ from ΣG_i + ΣZ_i. The guarantee above therefore holds with an extra δ of at most
 * (1 + e^ε)·p per round, p the probability that any coordinate of any honest input is clipped.
 * {@link #clippingProbabilityBound} bounds p; with B far above a site's row count (in units of C) it underflows to 0.
 * Pure, JDK only, deterministic.
 */
public final class DistributedDp {
    /** Inputs and sums are signed 32-bit integers in the masking group Z/2^32. */
    public static final long MAX_BOUND = Integer.MAX_VALUE;

    private DistributedDp() {}

    /**
     * b for a model of P parameters: the smallest with (√P/2 + 1)·1024 ≤ 2^b, decided in integer arithmetic, so
     * that rounding a clipped gradient to the grid costs at most 0.1% of C. A task's {@code quantizationBits} may
     * be larger (finer grid), never smaller.
     *
     * @throws IllegalArgumentException when P < 1 or no b ≤ 30 fits
     */
    public static int minimumGridBits(long parameterCount) {
        return GridGaussianSum.gridBits(parameterCount);
    }

    /** B = inputBound·2^b grid steps (±inputBound·C), checked to fit a signed 32-bit coordinate. */
    public static long gridBound(long inputBound, int gridBits) {
        if (inputBound < 1 || gridBits < 0 || gridBits > 30) {
            throw new IllegalArgumentException("inputBound must be at least 1 and gridBits in [0, 30]");
        }
        if (inputBound > MAX_BOUND >> gridBits) {
            throw new IllegalArgumentException("inputBound·2^gridBits must be below 2^31");
        }
        return inputBound << gridBits;
    }

    /** Each coordinate clipped to [−B, B]: the site input a masked vector carries. */
    public static int[] clipToBound(long[] noisySum, long bound) {
        Objects.requireNonNull(noisySum, "noisySum");
        if (bound < 0 || bound > MAX_BOUND) {
            throw new IllegalArgumentException("bound must be in [0, 2^31 − 1]");
        }
        int[] clipped = new int[noisySum.length];
        for (int j = 0; j < noisySum.length; j++) {
            clipped[j] = (int) Math.max(-bound, Math.min(bound, noisySum[j]));
        }
        return clipped;
    }

    /**
     * The noise multiplier the unmasked sum actually carries when {@code survivors} sites each added the share for
     * {@code minSurvivors}: σ·√(s / n_min). The ledger charges σ; the excess buys nothing it can count.
     */
    public static double effectiveNoiseMultiplier(double sigma, long survivors, long minSurvivors) {
        if (survivors < minSurvivors || minSurvivors < 1) {
            throw new IllegalArgumentException("survivors must be at least minSurvivors, itself at least 1");
        }
        return sigma * StrictMath.sqrt((double) survivors / minSurvivors);
    }

    /**
     * An upper bound on the probability that any of a site's P coordinates is clipped: its gradient sum has at most
     * {@code rows}·2^b per coordinate, so clipping needs |Z| > B − rows·2^b, and a discrete Gaussian of variance v
     * has P(|Z| ≥ t) ≤ 2·exp(−t²/(2v)) (it is subgaussian: Canonne, Kamath and Steinke 2020); a union bound over P
     * coordinates. In units of C, so b cancels. 1 when B leaves no margin above the rows.
     */
    public static double clippingProbabilityBound(
            long rows, BigDecimal sigma, long minSurvivors, long inputBound, long parameterCount) {
        Objects.requireNonNull(sigma, "sigma");
        if (rows < 0 || minSurvivors < 1 || parameterCount < 1 || sigma.signum() <= 0) {
            throw new IllegalArgumentException("rows ≥ 0, minSurvivors ≥ 1, parameterCount ≥ 1 and sigma > 0");
        }
        // In units of C: margin = inputBound − rows, the site's noise variance σ²/n_min.
        double margin = (double) inputBound - rows;
        if (margin <= 0) {
            return 1;
        }
        double variance = sigma.doubleValue() * sigma.doubleValue() / minSurvivors;
        double bound = 2.0 * parameterCount * StrictMath.exp(-margin * margin / (2 * variance));
        return Math.min(1, bound);
    }
}
