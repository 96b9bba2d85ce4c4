package org.medfed.common.dp.noise;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * The discrete Laplace distribution with integer scale t, P(x) ∝ exp(−|x|/t) on ℤ, sampled exactly (Canonne,
 * Kamath and Steinke 2020, Algorithm 2 with s = 1): the proposal of the discrete Gaussian's rejection sampler.
 */
final class DiscreteLaplace {
    private static final BigInteger ONE = BigInteger.ONE;

    private DiscreteLaplace() {}

    static long sample(long scale, RandomGenerator random) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be at least 1");
        }
        BigInteger t = BigInteger.valueOf(scale);
        while (true) {
            long u = random.nextLong(scale);
            if (!ExactBernoulli.bernoulliExpMinus(BigInteger.valueOf(u), t, random)) {
                continue;
            }
            long v = 0;
            while (ExactBernoulli.bernoulliExpMinus(ONE, ONE, random)) {
                v++;
            }
            long magnitude = Math.addExact(u, Math.multiplyExact(scale, v));
            boolean negative = random.nextBoolean();
            if (negative && magnitude == 0) {
                continue;
            }
            return negative ? -magnitude : magnitude;
        }
    }
}
