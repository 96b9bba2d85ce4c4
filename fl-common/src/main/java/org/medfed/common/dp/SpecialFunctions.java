package org.medfed.common.dp;

/**
 * The few special functions the accountant needs, written on top of {@link StrictMath} so that every JVM on every
 * CPU returns the same bits (see docs/privacy.md, "Determinism"). Accuracy is measured against mpmath at 50 digits
 * in {@code SpecialFunctionsTest}.
 */
final class SpecialFunctions {
    static final double LOG_2 = StrictMath.log(2);
    private static final double HALF_LOG_PI = 0.5 * StrictMath.log(StrictMath.PI);
    private static final double TWO_OVER_SQRT_PI = 2 / StrictMath.sqrt(StrictMath.PI);

    /** From here on the continued fraction converges in under 200 terms; below it the power series needs under 25. */
    private static final double SERIES_LIMIT = 1;

    private static final int MAX_SERIES_TERMS = 60;
    private static final int MAX_FRACTION_TERMS = 1000;
    /** One unit in the last place of 1, with room for the last rounding of a converged Lentz step. */
    private static final double FRACTION_CONVERGED = 0x1p-52;

    private SpecialFunctions() {}

    /**
     * log(erfc(x)) for every x, without underflow: erfc(x) is below the smallest double from x ≈ 27 on, but its
     * logarithm (≈ −x²) is what the fractional-order series needs, up to x in the thousands. Relative error about
     * 1e-15 at most (1.05e-15 on 5,135 points of [−30, 1e5] against mpmath); see docs/privacy.md.
     */
    static double logErfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x >= SERIES_LIMIT) {
            return logErfcByContinuedFraction(x);
        }
        if (x > -SERIES_LIMIT) {
            return StrictMath.log1p(-erfByPowerSeries(x));
        }
        // erfc(x) = 2 − erfc(−x), and erfc(−x) ≤ erfc(1) < 0.16 here, so log1p loses nothing.
        return LOG_2 + StrictMath.log1p(-0.5 * StrictMath.exp(logErfcByContinuedFraction(-x)));
    }

    /** Maclaurin series erf(x) = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)); for |x| < 1 every term is smaller than the last. */
    private static double erfByPowerSeries(double x) {
        double minusXSquared = -x * x;
        double power = x;
        double sum = x;
        for (int n = 1; n < MAX_SERIES_TERMS; n++) {
            power *= minusXSquared / n;
            double term = power / (2 * n + 1);
            double next = sum + term;
            if (next == sum) {
                break;
            }
            sum = next;
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /**
     * Laplace's continued fraction √π e^(x²) erfc(x) = 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + …)))), evaluated
     * forwards with the modified Lentz method; for x ≥ 1 every partial quantity is positive, so nothing cancels.
     */
    private static double logErfcByContinuedFraction(double x) {
        if (x == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double fraction = x;
        double c = x;
        double d = 0;
        for (int n = 1; n <= MAX_FRACTION_TERMS; n++) {
            double a = 0.5 * n;
            d = 1 / (x + a * d);
            c = x + a / c;
            double step = c * d;
            fraction *= step;
            if (StrictMath.abs(step - 1) <= FRACTION_CONVERGED) {
                break;
            }
        }
        return -x * x - HALF_LOG_PI - StrictMath.log(fraction);
    }

    /** log(eˣ + eʸ); −∞ stands for 0. */
    static double logAddExp(double x, double y) {
        double high = StrictMath.max(x, y);
        double low = StrictMath.min(x, y);
        if (low == Double.NEGATIVE_INFINITY || high == Double.POSITIVE_INFINITY) {
            return high;
        }
        return high + StrictMath.log1p(StrictMath.exp(low - high));
    }

    /** log(eˣ − eʸ) for x ≥ y; −∞ stands for 0, and NaN means the difference would be negative. */
    static double logSubtractExp(double x, double y) {
        if (y == Double.NEGATIVE_INFINITY) {
            return x;
        }
        if (x < y) {
            return Double.NaN;
        }
        if (x == y) {
            return Double.NEGATIVE_INFINITY;
        }
        return x + StrictMath.log1p(-StrictMath.exp(y - x));
    }
}
