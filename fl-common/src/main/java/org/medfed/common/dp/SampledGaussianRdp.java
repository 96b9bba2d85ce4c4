package org.medfed.common.dp;

import static org.medfed.common.dp.SpecialFunctions.LOG_2;
import static org.medfed.common.dp.SpecialFunctions.logAddExp;
import static org.medfed.common.dp.SpecialFunctions.logErfc;
import static org.medfed.common.dp.SpecialFunctions.logSubtractExp;

/**
 * Rényi DP of one step of the Poisson-subsampled Gaussian mechanism, after Mironov, Talwar and Zhang 2019, "Rényi
 * Differential Privacy of the Sampled Gaussian Mechanism" (arXiv:1908.10530), Section 3.3: RDP(α) = log(A_α)/(α − 1)
 * with A_α = E_{z∼N(0,σ²)}[(1 − q + q·e^((2z − 1)/(2σ²)))^α].
 *
 * <p>Binomial coefficients come from the recurrence C(α, i+1) = C(α, i)·(α − i)/(i + 1), in log space with their
 * sign, which serves integer and fractional α alike and needs no log-gamma.
 */
final class SampledGaussianRdp {
    /** A term this many nats below the running sum changes it by less than 1e-13 (relative). */
    static final double SERIES_CUTOFF_NATS = 30;
    /**
     * The fractional series' terms shrink only like i^(−α−2); the slowest case on our sweep (q = 0.5, σ = 30,
     * α = 1.1) needs about 13,400 terms. An order that has not converged by the cap counts as RDP = +∞, which
     * excludes it from the minimum instead of under-reporting ε.
     */
    static final int MAX_SERIES_TERMS = 100_000;

    private SampledGaussianRdp() {}

    /**
     * RDP of one step at {@code order} > 1; never negative. Noise whose square underflows gives +∞; noise whose
     * square overflows gives 0, as the true value (at most α/(2σ²)) is then smaller than any double.
     */
    static double perStep(double samplingRate, double noiseMultiplier, double order) {
        double twoSigmaSquared = 2 * noiseMultiplier * noiseMultiplier;
        if (twoSigmaSquared == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (twoSigmaSquared == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (samplingRate == 1) {
            return order / twoSigmaSquared;
        }
        double logA = order == StrictMath.rint(order)
                ? logAIntegerOrder(samplingRate, noiseMultiplier, (int) order)
                : logAFractionalOrder(samplingRate, noiseMultiplier, order);
        // A_α ≥ 1 exactly; a last-bit rounding below 1 must not become a negative RDP.
        return StrictMath.max(0.0, logA / (order - 1));
    }

    /** log A_α = log Σ_{k=0..α} C(α,k) q^k (1−q)^(α−k) e^((k²−k)/(2σ²)), summed in log space for k = 0, 1, …, α. */
    static double logAIntegerOrder(double q, double sigma, int order) {
        double logQ = StrictMath.log(q);
        double log1MinusQ = StrictMath.log1p(-q);
        double twoSigmaSquared = 2 * sigma * sigma;
        double logA = Double.NEGATIVE_INFINITY;
        double logBinomial = 0;
        for (int k = 0; k <= order; k++) {
            double term = logBinomial + k * logQ + (order - k) * log1MinusQ + ((double) k * k - k) / twoSigmaSquared;
            logA = logAddExp(logA, term);
            logBinomial += StrictMath.log(order - k) - StrictMath.log(k + 1);
        }
        return logA;
    }

    /**
     * Two series for the integrals below and above z₀ = σ² log(1/q − 1) + ½, where q·μ₁/μ₀ crosses 1 − q, each
     * term weighted by ½ erfc. C(α, i) changes sign for i > α + 1, so positive and negative terms are summed
     * apart and subtracted once at the end: on a sweep of q ∈ [1e-6, 0.999], σ ∈ [0.3, 30] the negative part
     * never exceeded 3% of the positive one, so the subtraction loses at most a few bits. Summation stops when
     * both terms fall and the larger is {@value #SERIES_CUTOFF_NATS} nats below the sum (as in dp-accounting),
     * or at α's last non-zero coefficient when α is an integer.
     */
    static double logAFractionalOrder(double q, double sigma, double order) {
        double logQ = StrictMath.log(q);
        double log1MinusQ = StrictMath.log1p(-q);
        double twoSigmaSquared = 2 * sigma * sigma;
        double sqrt2Sigma = StrictMath.sqrt(2) * sigma;
        double z0 = sigma * sigma * (log1MinusQ - logQ) + 0.5;

        double positive = Double.NEGATIVE_INFINITY;
        double negative = Double.NEGATIVE_INFINITY;
        double logAbsBinomial = 0;
        boolean binomialPositive = true;
        double previousLow = Double.POSITIVE_INFINITY;
        double previousHigh = Double.POSITIVE_INFINITY;
        for (int i = 0; i < MAX_SERIES_TERMS; i++) {
            double j = order - i;
            double low = logAbsBinomial
                    + i * logQ
                    + j * log1MinusQ
                    + ((double) i * i - i) / twoSigmaSquared
                    - LOG_2
                    + logErfc((i - z0) / sqrt2Sigma);
            double high = logAbsBinomial
                    + j * logQ
                    + i * log1MinusQ
                    + (j * j - j) / twoSigmaSquared
                    - LOG_2
                    + logErfc((z0 - j) / sqrt2Sigma);
            double terms = logAddExp(low, high);
            if (binomialPositive) {
                positive = logAddExp(positive, terms);
            } else {
                negative = logAddExp(negative, terms);
            }
            double total = logSubtractExp(positive, negative);
            if (j == 0) {
                return total;
            }
            if (low < previousLow && high < previousHigh && StrictMath.max(low, high) < total - SERIES_CUTOFF_NATS) {
                return total;
            }
            previousLow = low;
            previousHigh = high;
            if (j < 0) {
                binomialPositive = !binomialPositive;
            }
            logAbsBinomial += StrictMath.log(StrictMath.abs(j)) - StrictMath.log(i + 1);
        }
        return Double.POSITIVE_INFINITY;
    }
}
