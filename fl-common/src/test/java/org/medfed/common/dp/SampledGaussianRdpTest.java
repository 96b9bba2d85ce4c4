package org.medfed.common.dp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SampledGaussianRdpTest {

    static Stream<Arguments> mechanisms() {
        return Stream.of(
                Arguments.of(0.001, 1.0),
                Arguments.of(0.01, 1.1),
                Arguments.of(0.05, 0.8),
                Arguments.of(0.25, 2.0),
                Arguments.of(0.5, 4.0),
                Arguments.of(0.9, 0.7));
    }

    @Test
    void fullBatchIsThePlainGaussianMechanism() {
        for (double sigma : new double[] {0.3, 0.8, 1.1, 7.5}) {
            for (double order : new double[] {1.1, 1.5, 2, 32, 512}) {
                assertThat(SampledGaussianRdp.perStep(1, sigma, order)).isEqualTo(order / (2 * sigma * sigma));
            }
        }
    }

    @Test
    void noiseTooSmallToSquareIsInfinitelyPrivacyLosing() {
        assertThat(SampledGaussianRdp.perStep(0.01, 1e-170, 2)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(SampledGaussianRdp.perStep(0.01, 1e-170, 2.5)).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void noiseTooLargeToSquareLosesNothingRepresentable() {
        assertThat(SampledGaussianRdp.perStep(0.5, 1e160, 2)).isZero();
        assertThat(SampledGaussianRdp.perStep(0.5, 1e160, 2.5)).isZero();
    }

    @Nested
    class IntegerOrders {

        @ParameterizedTest
        @MethodSource("org.medfed.common.dp.SampledGaussianRdpTest#mechanisms")
        void matchesAFiftyDigitBinomialSum(double q, double sigma) {
            for (int order : new int[] {2, 3, 5, 10, 32, 64, 128, 256}) {
                double exact = HighPrecision.rdpIntegerOrder(q, sigma, order);
                double rdp = SampledGaussianRdp.perStep(q, sigma, order);
                assertThat(rdp).as("order %d", order).isCloseTo(exact, within(1e-12 * exact + 1e-15));
            }
        }

        @Test
        void matchesTheClosedFormAtOrderTwo() {
            // A₂ = (1 − q)² + 2q(1 − q) + q² e^(1/σ²) = 1 + q²(e^(1/σ²) − 1).
            double q = 0.03;
            double sigma = 1.3;
            double expected = Math.log1p(q * q * Math.expm1(1 / (sigma * sigma)));
            // log A₂ is the log of a number near 1, so one unit in the last place of 1 is the attainable accuracy.
            assertThat(SampledGaussianRdp.perStep(q, sigma, 2)).isCloseTo(expected, within(0x1p-52));
        }
    }

    @Nested
    class FractionalOrders {

        @ParameterizedTest
        @MethodSource("org.medfed.common.dp.SampledGaussianRdpTest#mechanisms")
        void seriesAtAnIntegerOrderEqualsTheBinomialSum(double q, double sigma) {
            for (int order : new int[] {2, 3, 4, 7, 12}) {
                double series = SampledGaussianRdp.logAFractionalOrder(q, sigma, order);
                double binomial = SampledGaussianRdp.logAIntegerOrder(q, sigma, order);
                assertThat(series).as("order %d", order).isCloseTo(binomial, within(1e-12 * binomial + 1e-15));
            }
        }

        @ParameterizedTest
        @MethodSource("org.medfed.common.dp.SampledGaussianRdpTest#mechanisms")
        void isContinuousAndIncreasingAcrossIntegerOrders(double q, double sigma) {
            for (int order : new int[] {2, 3, 5, 8}) {
                double below = SampledGaussianRdp.perStep(q, sigma, order - 1e-6);
                double at = SampledGaussianRdp.perStep(q, sigma, order);
                double above = SampledGaussianRdp.perStep(q, sigma, order + 1e-6);
                // RDP(α) grows at most like α/σ² per unit of α; the series is truncated at ~1e-13 of A_α.
                double tolerance = 1e-6 * order / (sigma * sigma) + 1e-12;
                assertThat(below)
                        .as("order %d − 1e-6", order)
                        .isCloseTo(at, within(tolerance))
                        .isLessThanOrEqualTo(at);
                assertThat(above)
                        .as("order %d + 1e-6", order)
                        .isCloseTo(at, within(tolerance))
                        .isGreaterThanOrEqualTo(at);
            }
        }

        @ParameterizedTest
        @MethodSource("org.medfed.common.dp.SampledGaussianRdpTest#mechanisms")
        void matchesDirectNumericalIntegration(double q, double sigma) {
            for (double order : new double[] {1.1, 1.5, 2.75, 4.5, 10.25}) {
                double logA = SampledGaussianRdp.logAFractionalOrder(q, sigma, order);
                assertThat(logA)
                        .as("order %s", order)
                        .isCloseTo(logAByTrapezoidRule(q, sigma, order), within(1e-12 * logA + 1e-12));
            }
        }

        @ParameterizedTest
        @ValueSource(doubles = {1.01, 1.1, 1.5})
        void convergesForTheSlowestMechanismsOnOurSweep(double order) {
            assertThat(SampledGaussianRdp.perStep(0.5, 30, order)).isFinite().isPositive();
            assertThat(SampledGaussianRdp.perStep(0.25, 0.8, order)).isFinite().isPositive();
        }
    }

    /**
     * A_α = ∫ φ_σ(z) (1 − q + q e^((2z − 1)/(2σ²)))^α dz by the trapezoid rule, which converges geometrically for a
     * smooth, fast-decaying integrand; summed in log space around the largest value.
     */
    private static double logAByTrapezoidRule(double q, double sigma, double order) {
        double step = sigma / 400;
        double from = -20 * sigma;
        int points = (int) Math.ceil((order + 40 * sigma) / step);
        double[] logValues = new double[points + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i <= points; i++) {
            double z = from + i * step;
            double shifted = Math.log(q) + (2 * z - 1) / (2 * sigma * sigma);
            double log1MinusQ = Math.log1p(-q);
            double logMixture = Math.max(shifted, log1MinusQ) + Math.log1p(Math.exp(-Math.abs(shifted - log1MinusQ)));
            logValues[i] = -z * z / (2 * sigma * sigma) - Math.log(sigma * Math.sqrt(2 * Math.PI)) + order * logMixture;
            max = Math.max(max, logValues[i]);
        }
        double sum = 0;
        for (double logValue : logValues) {
            sum += Math.exp(logValue - max);
        }
        return max + Math.log(sum * step);
    }
}
