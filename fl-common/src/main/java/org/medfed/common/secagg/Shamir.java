package org.medfed.common.secagg;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Shamir secret sharing of 32-byte secrets over the prime field of p = 2^521 − 1. The field is far larger than the
 * secrets, so a reconstruction from inconsistent shares almost surely lands at or above 2^256 and is refused rather
 * than taken for a secret. Reconstruction always uses the t shares with the smallest abscissas, so every endorser
 * that sees the same reveals computes the same value even when more than t were posted.
 */
public final class Shamir {
    /** 2^521 − 1, a Mersenne prime. */
    public static final BigInteger PRIME = BigInteger.ONE.shiftLeft(521).subtract(BigInteger.ONE);

    public static final int SHARE_BYTES = 66;
    public static final int SECRET_BYTES = 32;

    private static final BigInteger SECRET_LIMIT = BigInteger.ONE.shiftLeft(8 * SECRET_BYTES);

    private Shamir() {}

    /** f(x) for holder abscissa x ≥ 1, as 66 bytes big-endian. The value array is copied in and out. */
    public record Share(int x, byte[] value) {
        public Share {
            if (x < 1) {
                throw new SecAggException("a share's abscissa is at least 1, got " + x);
            }
            Objects.requireNonNull(value, "value");
            if (value.length != SHARE_BYTES) {
                throw new SecAggException("a share has " + SHARE_BYTES + " bytes, got " + value.length);
            }
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        BigInteger y() {
            return new BigInteger(1, value);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Share that && x == that.x && Arrays.equals(value, that.value);
        }

        @Override
        public int hashCode() {
            return 31 * x + Arrays.hashCode(value);
        }

        /** The abscissa only: a share is secret. */
        @Override
        public String toString() {
            return "Share[x=" + x + "]";
        }
    }

    /**
     * Shares of {@code secret32} for the holders at {@code abscissas}, in the same order, any {@code threshold} of
     * which reconstruct it. The t − 1 coefficients above the constant are uniform field elements from {@code random},
     * drawn in order of degree.
     */
    public static List<Share> split(byte[] secret32, int threshold, List<Integer> abscissas, RandomGenerator random) {
        requireSecret(secret32);
        requireThreshold(threshold, abscissas);
        List<BigInteger> coefficients = new ArrayList<>(threshold);
        coefficients.add(new BigInteger(1, secret32));
        for (int i = 1; i < threshold; i++) {
            coefficients.add(uniformFieldElement(random));
        }
        return evaluate(coefficients, abscissas);
    }

    /**
     * The shares of the polynomial with these coefficients (constant first). Package-private: the test vectors give
     * their polynomials explicitly, but a real split must draw them at random.
     */
    static List<Share> evaluate(List<BigInteger> coefficients, List<Integer> abscissas) {
        for (BigInteger coefficient : coefficients) {
            if (coefficient.signum() < 0 || coefficient.compareTo(PRIME) >= 0) {
                throw new IllegalArgumentException("a coefficient must be a field element");
            }
        }
        requireDistinct(abscissas);
        List<Share> shares = new ArrayList<>(abscissas.size());
        for (int x : abscissas) {
            BigInteger bx = BigInteger.valueOf(x);
            BigInteger y = BigInteger.ZERO;
            for (int i = coefficients.size() - 1; i >= 0; i--) {
                y = y.multiply(bx).add(coefficients.get(i)).mod(PRIME);
            }
            shares.add(new Share(x, toBytes(y, SHARE_BYTES)));
        }
        return shares;
    }

    /**
     * The secret from the {@code threshold} shares with the smallest abscissas (Lagrange interpolation at 0).
     *
     * @throws SecAggException if there are fewer than {@code threshold} shares, two share an abscissa, a value is
     *     not a field element, or the result is not below 2^256 (the shares are not of one 32-byte secret)
     */
    public static byte[] reconstruct(Collection<Share> shares, int threshold) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1, got " + threshold);
        }
        List<Share> sorted = new ArrayList<>(shares);
        sorted.sort(Comparator.comparingInt(Share::x));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).x() == sorted.get(i - 1).x()) {
                throw new SecAggException(
                        "two shares have the abscissa " + sorted.get(i).x());
            }
        }
        if (sorted.size() < threshold) {
            throw new SecAggException("a secret needs " + threshold + " shares, got " + sorted.size());
        }
        List<Share> used = sorted.subList(0, threshold);
        BigInteger secret = BigInteger.ZERO;
        for (Share share : used) {
            BigInteger y = share.y();
            if (y.compareTo(PRIME) >= 0) {
                throw new SecAggException("share " + share.x() + " is not a field element");
            }
            BigInteger xi = BigInteger.valueOf(share.x());
            BigInteger numerator = BigInteger.ONE;
            BigInteger denominator = BigInteger.ONE;
            for (Share other : used) {
                if (other != share) {
                    BigInteger xj = BigInteger.valueOf(other.x());
                    numerator = numerator.multiply(xj).mod(PRIME);
                    denominator = denominator.multiply(xj.subtract(xi)).mod(PRIME);
                }
            }
            BigInteger lagrange =
                    numerator.multiply(denominator.modInverse(PRIME)).mod(PRIME);
            secret = secret.add(y.multiply(lagrange)).mod(PRIME);
        }
        if (secret.compareTo(SECRET_LIMIT) >= 0) {
            throw new SecAggException("the shares are inconsistent: they do not reconstruct a 32-byte secret");
        }
        return toBytes(secret, SECRET_BYTES);
    }

    /** Rejection sampling of 521-bit strings: only 2^521 − 1 itself is drawn again. */
    private static BigInteger uniformFieldElement(RandomGenerator random) {
        byte[] bytes = new byte[SHARE_BYTES];
        while (true) {
            random.nextBytes(bytes);
            bytes[0] &= 0x01;
            BigInteger candidate = new BigInteger(1, bytes);
            if (candidate.compareTo(PRIME) < 0) {
                return candidate;
            }
        }
    }

    private static void requireSecret(byte[] secret32) {
        Objects.requireNonNull(secret32, "secret32");
        if (secret32.length != SECRET_BYTES) {
            throw new IllegalArgumentException("a secret has " + SECRET_BYTES + " bytes, got " + secret32.length);
        }
    }

    private static void requireThreshold(int threshold, List<Integer> abscissas) {
        if (threshold < 1 || threshold > abscissas.size()) {
            throw new IllegalArgumentException(
                    "threshold must be between 1 and the " + abscissas.size() + " holders, got " + threshold);
        }
    }

    private static void requireDistinct(List<Integer> abscissas) {
        Set<Integer> seen = new HashSet<>();
        for (Integer x : abscissas) {
            if (x == null || x < 1 || !seen.add(x)) {
                throw new IllegalArgumentException("abscissas must be distinct and at least 1, got " + abscissas);
            }
        }
    }

    /** Unsigned big-endian, left-padded with zeros to exactly {@code length} bytes. */
    static byte[] toBytes(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
