package org.medfed.common.dp.noise;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The building blocks against their closed forms, 10^5 seeded draws each, 5 standard errors of tolerance. */
class ExactSamplersTest {
    private static final int N = 100_000;

    @ParameterizedTest
    @CsvSource({"1, 3", "5, 2", "0, 1", "7, 7", "123456789012345678901, 100000000000000000000"})
    void bernoulliExpMinusHasHeadsProbabilityExpMinusGamma(String numerator, String denominator) {
        BigInteger n = new BigInteger(numerator);
        BigInteger d = new BigInteger(denominator);
        SplittableRandom random = new SplittableRandom(11);
        int heads = 0;
        for (int i = 0; i < N; i++) {
            heads += ExactBernoulli.bernoulliExpMinus(n, d, random) ? 1 : 0;
        }
        double p = Math.exp(-n.doubleValue() / d.doubleValue());
        assertThat(Math.abs(heads - N * p)).isLessThanOrEqualTo(5 * Math.sqrt(N * p * (1 - p)));
    }

    @ParameterizedTest
    @CsvSource({"3", "1", "40"})
    void discreteLaplaceHasItsClosedFormVariance(long scale) {
        SplittableRandom random = new SplittableRandom(scale);
        double sum = 0;
        double sumSquares = 0;
        double sumFourth = 0;
        for (int i = 0; i < N; i++) {
            double x = DiscreteLaplace.sample(scale, random);
            sum += x;
            sumSquares += x * x;
            sumFourth += x * x * x * x;
        }
        double r = Math.exp(-1.0 / scale);
        double variance = 2 * r / ((1 - r) * (1 - r));
        double secondMomentSe = Math.sqrt((sumFourth / N - Math.pow(sumSquares / N, 2)) / N);
        assertThat(Math.abs(sum / N)).isLessThan(5 * Math.sqrt(variance / N));
        assertThat(Math.abs(sumSquares / N - variance)).isLessThan(5 * secondMomentSe);
    }

    @ParameterizedTest
    @CsvSource({
        "10",
        "255",
        "256",
        "9223372036854775807",
        "9223372036854775808",
        "340282366920938463463374607431768211457"
    })
    void uniformBelowStaysInRangeAndCoversBothHalves(String bound) {
        BigInteger b = new BigInteger(bound);
        SplittableRandom random = new SplittableRandom(5);
        int lowerHalf = 0;
        for (int i = 0; i < 10_000; i++) {
            BigInteger u = ExactBernoulli.uniformBelow(b, random);
            assertThat(u.signum()).isGreaterThanOrEqualTo(0);
            assertThat(u).isLessThan(b);
            lowerHalf += u.shiftLeft(1).compareTo(b) < 0 ? 1 : 0;
        }
        assertThat(Math.abs(lowerHalf - 5_000)).isLessThan(5 * 50 + 1);
    }
}
