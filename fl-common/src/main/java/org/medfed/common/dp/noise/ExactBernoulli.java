package org.medfed.common.dp.noise;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * Coins with exactly rational or exp(−rational) heads probabilities, from uniform integers only (Canonne, Kamath
 * and Steinke 2020, Algorithm 1). No floating point anywhere: that is what keeps the samplers built on these free
 * of the low-order-bit leaks of Mironov (2012).
 */
final class ExactBernoulli {
    private ExactBernoulli() {}

    /** Heads with probability {@code numerator/denominator}, which must lie in [0, 1]. */
    static boolean bernoulli(BigInteger numerator, BigInteger denominator, RandomGenerator random) {
        return uniformBelow(denominator, random).compareTo(numerator) < 0;
    }

    /** Heads with probability exp(−numerator/denominator), numerator ≥ 0, denominator > 0. */
    static boolean bernoulliExpMinus(BigInteger numerator, BigInteger denominator, RandomGenerator random) {
        if (numerator.compareTo(denominator) <= 0) {
            return bernoulliExpMinusAtMostOne(numerator, denominator, random);
        }
        BigInteger[] split = numerator.divideAndRemainder(denominator);
        // exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ − ⌊γ⌋)): one coin per factor, stop at the first tails.
        for (BigInteger i = BigInteger.ZERO; i.compareTo(split[0]) < 0; i = i.add(BigInteger.ONE)) {
            if (!bernoulliExpMinusAtMostOne(BigInteger.ONE, BigInteger.ONE, random)) {
                return false;
            }
        }
        return bernoulliExpMinusAtMostOne(split[1], denominator, random);
    }

    /** exp(−γ) for γ in [0, 1]: the parity of the first K with a tails in Bernoulli(γ/K), K = 1, 2, … */
    private static boolean bernoulliExpMinusAtMostOne(
            BigInteger numerator, BigInteger denominator, RandomGenerator random) {
        long k = 1;
        while (bernoulli(numerator, denominator.multiply(BigInteger.valueOf(k)), random)) {
            k++;
        }
        return (k & 1) == 1;
    }

    /** Uniform on {0, …, bound − 1} by rejection, so exactly uniform whatever the bound. */
    static BigInteger uniformBelow(BigInteger bound, RandomGenerator random) {
        if (bound.signum() <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        if (bound.bitLength() < Long.SIZE - 1) {
            return BigInteger.valueOf(random.nextLong(bound.longValueExact()));
        }
        int bits = bound.bitLength();
        byte[] bytes = new byte[(bits + 7) / 8 + 1];
        while (true) {
            for (int i = 1; i < bytes.length; i += 8) {
                long word = random.nextLong();
                for (int j = 0; j < 8 && i + j < bytes.length; j++) {
                    bytes[i + j] = (byte) (word >>> (8 * j));
                }
            }
            bytes[0] = 0;
            int excess = (bytes.length - 1) * 8 - bits;
            bytes[1] &= (byte) (0xff >>> excess);
            BigInteger candidate = new BigInteger(bytes);
            if (candidate.compareTo(bound) < 0) {
                return candidate;
            }
        }
    }
}
