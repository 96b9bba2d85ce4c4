package org.medfed.common.dp.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Statistics of the exact samplers over 10^5 seeded draws. Every tolerance is derived from the sample size:
 * 5 standard errors for means and variances (a false alarm has probability about 6e-7 per check), and the
 * 0.9999 quantile for the chi-square and Kolmogorov–Smirnov statistics.
 */
class DiscreteGaussianTest {
    private static final int N = 100_000;
    private static final double Z_FIVE = 5;

    @Nested
    class SmallSigma {
        // σ = 1.5: the lattice is coarse, so the pmf differs visibly from the continuous density.
        private final DiscreteGaussian gaussian = DiscreteGaussian.withSigma(new BigDecimal("1.5"));
        private final long[] draws = draw(gaussian, 42);

        @Test
        void matchesThePmfByChiSquare() {
            int cut = 5;
            double[] pmf = pmf(2.25, 60);
            long[] observed = new long[2 * cut + 3];
            for (long x : draws) {
                observed[(int) (x < -cut ? 0 : x > cut ? 2 * cut + 2 : x + cut + 1)]++;
            }
            double[] expected = new double[observed.length];
            for (int x = -60; x <= 60; x++) {
                expected[x < -cut ? 0 : x > cut ? 2 * cut + 2 : x + cut + 1] += pmf[x + 60] * N;
            }
            double chiSquare = 0;
            for (int i = 0; i < observed.length; i++) {
                assertThat(expected[i])
                        .as("bin %d has enough mass for the chi-square approximation", i)
                        .isGreaterThan(5);
                chiSquare += Math.pow(observed[i] - expected[i], 2) / expected[i];
            }
            assertThat(chiSquare).isLessThan(chiSquareQuantile(observed.length - 1, 3.719));
        }

        @Test
        void hasTheMeanAndVarianceOfThePmf() {
            double[] pmf = pmf(2.25, 60);
            double variance = 0;
            for (int x = -60; x <= 60; x++) {
                variance += pmf[x + 60] * x * x;
            }
            assertMoments(draws, variance);
        }

        @Test
        void isSymmetric() {
            long positive = Arrays.stream(draws).filter(x -> x > 0).count();
            long negative = Arrays.stream(draws).filter(x -> x < 0).count();
            double n = positive + negative;
            assertThat(Math.abs(positive - n / 2)).isLessThan(Z_FIVE * Math.sqrt(n / 4));
        }
    }

    @Nested
    class LargeSigma {
        // The σ·2^k of a DP-SGD step on the WDBC MLP (σ = 1.1, k = 14), not an integer and not a nice fraction.
        private final BigDecimal sigma = new BigDecimal("18022.4");
        private final DiscreteGaussian gaussian = DiscreteGaussian.withSigma(sigma);
        private final long[] draws = draw(gaussian, 7);

        @Test
        void hasVarianceSigmaSquared() {
            // For σ ≥ 1 the discrete Gaussian's variance is σ² up to a relative 1e-8 (CKS 2020, Section 2.4),
            // far inside the 5-standard-error tolerance of about 2.2% here.
            assertMoments(draws, sigma.doubleValue() * sigma.doubleValue());
        }

        @Test
        void followsTheNormalCdfByKolmogorovSmirnov() {
            long[] sorted = draws.clone();
            Arrays.sort(sorted);
            double s = sigma.doubleValue();
            double d = 0;
            for (int i = 0; i < N; ) {
                int j = i;
                while (j < N && sorted[j] == sorted[i]) {
                    j++;
                }
                // The lattice CDF at x is the normal CDF at x + ½ up to O(1/σ²); compare on both sides of the step.
                double cdf = normalCdf((sorted[i] + 0.5) / s);
                double below = normalCdf((sorted[i] - 0.5) / s);
                d = Math.max(d, Math.max(Math.abs((double) j / N - cdf), Math.abs((double) i / N - below)));
                i = j;
            }
            // Kolmogorov's 0.9999 quantile is 2.23/√n; the lattice and the erf approximation add below 1e-6.
            assertThat(d).isLessThan(2.23 / Math.sqrt(N) + 1e-6);
        }
    }

    @Test
    void sameSeedGivesTheSameDraws() {
        DiscreteGaussian gaussian = DiscreteGaussian.withSigma(new BigDecimal("3.7"));
        SplittableRandom a = new SplittableRandom(99);
        SplittableRandom b = new SplittableRandom(99);
        for (int i = 0; i < 1000; i++) {
            assertThat(gaussian.sample(a)).isEqualTo(gaussian.sample(b));
        }
    }

    @Test
    void keepsSigmaAsAnExactFraction() {
        BigInteger[] variance =
                DiscreteGaussian.withSigma(new BigDecimal("1.1")).variance();
        assertThat(variance).containsExactly(BigInteger.valueOf(121), BigInteger.valueOf(100));
        assertThat(DiscreteGaussian.withSigma(new BigDecimal("2E+1")).variance())
                .containsExactly(BigInteger.valueOf(400), BigInteger.ONE);
    }

    @Test
    void rejectsNonPositiveSigma() {
        assertThatThrownBy(() -> DiscreteGaussian.withSigma(BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new DiscreteGaussian(BigInteger.ONE, BigInteger.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static long[] draw(DiscreteGaussian gaussian, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] draws = new long[N];
        for (int i = 0; i < N; i++) {
            draws[i] = gaussian.sample(random);
        }
        return draws;
    }

    /** P(x) ∝ exp(−x²/(2σ²)) on [−cut, cut]; the mass beyond cut = 40σ is below 1e-300. */
    static double[] pmf(double sigmaSquared, int cut) {
        double[] pmf = new double[2 * cut + 1];
        double total = 0;
        for (int x = -cut; x <= cut; x++) {
            pmf[x + cut] = Math.exp(-x * (double) x / (2 * sigmaSquared));
            total += pmf[x + cut];
        }
        for (int i = 0; i < pmf.length; i++) {
            pmf[i] /= total;
        }
        return pmf;
    }

    /** Mean within 5 standard errors of 0; sample variance within 5 of its standard errors (√(2/n)·σ²) of it. */
    static void assertMoments(long[] draws, double variance) {
        double mean = Arrays.stream(draws).average().orElseThrow();
        double sampleVariance =
                Arrays.stream(draws).mapToDouble(x -> (x - mean) * (x - mean)).sum() / (N - 1);
        assertThat(Math.abs(mean)).isLessThan(Z_FIVE * Math.sqrt(variance / N));
        assertThat(Math.abs(sampleVariance - variance)).isLessThan(Z_FIVE * variance * Math.sqrt(2.0 / N));
    }

    /** Wilson–Hilferty: the chi-square quantile with {@code df} degrees of freedom at the normal quantile z. */
    static double chiSquareQuantile(int df, double z) {
        double a = 2.0 / (9 * df);
        return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
    }

    /** Abramowitz and Stegun 7.1.26: |error| below 1.5e-7. */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1
                - t
                        * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
                        * Math.exp(-x * x);
        return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
    }
}
