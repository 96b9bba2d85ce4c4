package org.medfed.common.dp;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * A_α for integer α in 50-digit decimal arithmetic, sharing no code with the accountant: exact binomial
 * coefficients, exact powers of the (exactly converted) double q, and exp/log by their Taylor series.
 */
final class HighPrecision {
    private static final MathContext MC = new MathContext(50, RoundingMode.HALF_EVEN);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    private HighPrecision() {}

    /** RDP of one step of the sampled Gaussian mechanism at integer order α, 0 < q < 1. */
    static double rdpIntegerOrder(double q, double sigma, int order) {
        BigDecimal exactQ = new BigDecimal(q);
        BigDecimal oneMinusQ = BigDecimal.ONE.subtract(exactQ);
        BigDecimal twoSigmaSquared = TWO.multiply(new BigDecimal(sigma).pow(2));
        BigDecimal a = BigDecimal.ZERO;
        for (int k = 0; k <= order; k++) {
            BigDecimal binomial = new BigDecimal(binomial(order, k));
            BigDecimal exponent = BigDecimal.valueOf((long) k * k - k).divide(twoSigmaSquared, MC);
            BigDecimal term = binomial.multiply(exactQ.pow(k, MC), MC)
                    .multiply(oneMinusQ.pow(order - k, MC), MC)
                    .multiply(exp(exponent), MC);
            a = a.add(term, MC);
        }
        return log(a).divide(BigDecimal.valueOf(order - 1), MC).doubleValue();
    }

    private static BigInteger binomial(int n, int k) {
        BigInteger result = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            result = result.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
        }
        return result;
    }

    /** e^x for x ≥ 0: halve until below 1/2, sum the Taylor series, square back. */
    static BigDecimal exp(BigDecimal x) {
        int halvings = 0;
        BigDecimal reduced = x;
        while (reduced.compareTo(new BigDecimal("0.5")) > 0) {
            reduced = reduced.divide(TWO, MC);
            halvings++;
        }
        MathContext wide = new MathContext(MC.getPrecision() + halvings / 3 + 10);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int n = 1; term.abs().compareTo(new BigDecimal("1e-70")) > 0; n++) {
            term = term.multiply(reduced, wide).divide(BigDecimal.valueOf(n), wide);
            sum = sum.add(term, wide);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, wide);
        }
        return sum.round(MC);
    }

    /** ln x for x ≥ 1: ln x = k ln 2 + 2 atanh((m − 1)/(m + 1)) with x = m·2^k, 1 ≤ m < 2. */
    static BigDecimal log(BigDecimal x) {
        int k = 0;
        BigDecimal m = x;
        while (m.compareTo(TWO) >= 0) {
            m = m.divide(TWO, MC);
            k++;
        }
        return BigDecimal.valueOf(k).multiply(twoAtanhOfRatio(TWO), MC).add(twoAtanhOfRatio(m), MC);
    }

    /** 2 atanh((m − 1)/(m + 1)) = ln m. */
    private static BigDecimal twoAtanhOfRatio(BigDecimal m) {
        BigDecimal u = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC);
        BigDecimal uSquared = u.multiply(u, MC);
        BigDecimal power = u;
        BigDecimal sum = u;
        for (int n = 3; power.abs().compareTo(new BigDecimal("1e-70")) > 0; n += 2) {
            power = power.multiply(uSquared, MC);
            sum = sum.add(power.divide(BigDecimal.valueOf(n), MC), MC);
        }
        return sum.multiply(TWO, MC);
    }
}
