package org.medfed.common.dp.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GridGaussianSumTest {
    private static final BigDecimal SIGMA = new BigDecimal("1.1");

    @Test
    void gridHasTheFewestStepsThatKeepTheRoundingMarginBelowAThousandthOfC() {
        // d = 530 (the WDBC MLP): (√530/2 + 1)·1024 = 12,811 → 2^14 = 16,384.
        assertThat(GridGaussianSum.gridBits(530)).isEqualTo(14);
        // d = 1: 1.5·1024 = 1,536 → 2^11.
        assertThat(GridGaussianSum.gridBits(1)).isEqualTo(11);
        GridGaussianSum sum = new GridGaussianSum(530, 0.5, SIGMA);
        assertThat(sum.gridStep()).isEqualTo(0.5 / 16_384);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e-3, 0.9, 1, 1.001, 50, 1e12})
    void everyAddedExampleHasNormAtMostC(double norm) {
        int d = 530;
        double clip = 1.0;
        GridGaussianSum sum = new GridGaussianSum(d, clip, SIGMA);
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            double[] g = randomDirection(d, random, norm);
            long[] onGrid = sum.add(g);
            double squared = 0;
            for (long v : onGrid) {
                squared += (double) v * v;
            }
            double added = Math.sqrt(squared) * sum.gridStep();
            assertThat(added).isLessThanOrEqualTo(clip);
            // and nothing is lost for a gradient well inside the ball: the grid moves it by at most γ√d/2
            if (norm < 0.99) {
                double moved = 0;
                for (int j = 0; j < d; j++) {
                    moved += Math.pow(onGrid[j] * sum.gridStep() - g[j], 2);
                }
                assertThat(Math.sqrt(moved)).isLessThanOrEqualTo(sum.gridStep() * Math.sqrt(d) / 2);
            }
        }
        assertThat(sum.count()).isEqualTo(50);
    }

    @Test
    void clippingKeepsTheDirection() {
        GridGaussianSum sum = new GridGaussianSum(2, 1.0, SIGMA);
        long[] onGrid = sum.add(new double[] {30, 40});
        double gamma = sum.gridStep();
        assertThat(onGrid[0] * gamma).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(onGrid[1] * gamma).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void releasedNoiseHasStandardDeviationSigmaTimesC() {
        int d = 100_000;
        double clip = 0.25;
        GridGaussianSum sum = new GridGaussianSum(d, clip, SIGMA);
        double[] released = sum.release(new SplittableRandom(17));
        double sumSquares = 0;
        for (double v : released) {
            sumSquares += v * v;
        }
        double target = 1.1 * 1.1 * clip * clip;
        assertThat(Math.abs(sumSquares / d - target)).isLessThan(5 * target * Math.sqrt(2.0 / d));
    }

    @Test
    void releaseAddsTheSumAndStartsAfresh() {
        GridGaussianSum sum = new GridGaussianSum(3, 1.0, new BigDecimal("0.0001"));
        sum.add(new double[] {0.5, 0, 0});
        sum.add(new double[] {0.25, 0, 0});
        double[] first = sum.release(new SplittableRandom(1));
        // σ·C = 1e-4: the noise is tiny against the sum 0.75
        assertThat(first[0]).isCloseTo(0.75, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(sum.count()).isZero();
        double[] second = sum.release(new SplittableRandom(1));
        assertThat(second[0]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-3));
    }

    @Test
    void rejectsBadInputs() {
        assertThatThrownBy(() -> new GridGaussianSum(0, 1, SIGMA)).hasMessageContaining("dimension");
        assertThatThrownBy(() -> new GridGaussianSum(3, 0, SIGMA)).hasMessageContaining("clipNorm");
        assertThatThrownBy(() -> new GridGaussianSum(3, 1, BigDecimal.ZERO)).hasMessageContaining("positive");
        GridGaussianSum sum = new GridGaussianSum(3, 1, SIGMA);
        assertThatThrownBy(() -> sum.add(new double[2])).hasMessageContaining("expected 3");
        assertThatThrownBy(() -> sum.add(new double[] {0, Double.NaN, 0})).hasMessageContaining("finite");
    }

    @Test
    void gridBitsIsDecidedExactlyAtTheBoundary() {
        // d = 900: (30/2 + 1)·1024 = 16,384 = 2^14 exactly; one parameter more needs 2^15.
        assertThat(GridGaussianSum.gridBits(900)).isEqualTo(14);
        assertThat(GridGaussianSum.gridBits(901)).isEqualTo(15);
        for (int d = 1; d <= 200_000; d++) {
            double needed = (Math.sqrt(d) / 2 + 1) * 1024;
            int bits = 64 - Long.numberOfLeadingZeros((long) Math.ceil(needed) - 1);
            assertThat(GridGaussianSum.gridBits(d)).as("d = %d", d).isEqualTo(bits);
        }
    }

    @Test
    void theDefaultSumAddsTheWholeNoiseOnTheMinimumGrid() {
        GridGaussianSum sum = new GridGaussianSum(530, 1.0, SIGMA);
        assertThat(sum.gridBits()).isEqualTo(14);
        // σ² = 121/100, times 4^14
        assertThat(sum.noiseVariance()).containsExactly(BigInteger.valueOf(121).shiftLeft(28), BigInteger.valueOf(100));
    }

    @Test
    void aShareOfTheNoiseHasVarianceSigmaSquaredTimesFourToTheBOverN() {
        GridGaussianSum sum = new GridGaussianSum(530, 1.0, SIGMA, 16, 3);
        assertThat(sum.gridBits()).isEqualTo(16);
        assertThat(sum.gridStep()).isEqualTo(1.0 / 65_536);
        assertThat(sum.noiseVariance()).containsExactly(BigInteger.valueOf(121).shiftLeft(32), BigInteger.valueOf(300));
    }

    @Test
    void threeSharesAddUpToTheWholeNoise() {
        int d = 20_000;
        int bits = GridGaussianSum.gridBits(d);
        double whole = 1.1 * 1.1 * Math.pow(4, bits);
        double[] total = new double[d];
        double oneShare = 0;
        for (int site = 0; site < 3; site++) {
            long[] share = new GridGaussianSum(d, 1.0, SIGMA, bits, 3).releaseGridUnits(new SplittableRandom(site));
            for (int j = 0; j < d; j++) {
                total[j] += share[j];
                oneShare += site == 0 ? (double) share[j] * share[j] / d : 0;
            }
        }
        double sumSquares = 0;
        for (double v : total) {
            sumSquares += v * v;
        }
        double tolerance = 5 * Math.sqrt(2.0 / d);
        assertThat(oneShare / (whole / 3)).isCloseTo(1, org.assertj.core.data.Offset.offset(tolerance));
        assertThat(sumSquares / d / whole).isCloseTo(1, org.assertj.core.data.Offset.offset(tolerance));
    }

    @Test
    void theIntegerReleaseIsTheRealReleaseInGridUnits() {
        GridGaussianSum real = new GridGaussianSum(3, 0.5, SIGMA, 12, 2);
        GridGaussianSum integer = new GridGaussianSum(3, 0.5, SIGMA, 12, 2);
        double[] g = {0.3, -0.2, 0.1};
        real.add(g);
        long[] added = integer.add(g);
        double[] released = real.release(new SplittableRandom(5));
        long[] units = integer.releaseGridUnits(new SplittableRandom(5));
        for (int j = 0; j < 3; j++) {
            assertThat(released[j]).isEqualTo(units[j] * real.gridStep());
        }
        assertThat(units).isNotEqualTo(added); // noise was added
        assertThat(integer.count()).isZero();
    }

    @Test
    void rejectsAGridCoarserThanTheMarginAllowsAndABadDivisor() {
        assertThatThrownBy(() -> new GridGaussianSum(530, 1, SIGMA, 13, 1)).hasMessageContaining("[14, 30]");
        assertThatThrownBy(() -> new GridGaussianSum(530, 1, SIGMA, 31, 1)).hasMessageContaining("gridBits");
        assertThatThrownBy(() -> new GridGaussianSum(530, 1, SIGMA, 14, 0)).hasMessageContaining("noiseDivisor");
        assertThatThrownBy(() -> GridGaussianSum.gridBits(0)).hasMessageContaining("dimension");
    }

    private static double[] randomDirection(int d, SplittableRandom random, double norm) {
        double[] g = new double[d];
        double squared = 0;
        for (int j = 0; j < d; j++) {
            g[j] = random.nextDouble(-1, 1);
            squared += g[j] * g[j];
        }
        double scale = norm / Math.sqrt(squared);
        for (int j = 0; j < d; j++) {
            g[j] *= scale;
        }
        return g;
    }
}
