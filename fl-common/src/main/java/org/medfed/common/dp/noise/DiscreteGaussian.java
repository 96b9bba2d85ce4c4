package org.medfed.common.dp.noise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The discrete Gaussian N_ℤ(0, σ²): P(x) ∝ exp(−x²/(2σ²)) on the integers, sampled exactly by the rejection
 * sampler of Canonne, Kamath and Steinke (2020, "The Discrete Gaussian for Differential Privacy", Algorithm 3):
 * propose from a discrete Laplace of scale t = ⌊σ⌋ + 1, accept with probability exp(−(|y| − σ²/t)²/(2σ²)). σ² is
 * an exact rational and the acceptance test runs in integer arithmetic, so the output distribution is exactly the
 * discrete Gaussian, whatever the source's bits; only the source's quality matters ({@code SecureRandom} in
 * production). Immutable; thread-safe if the source is.
 */
public final class DiscreteGaussian {
    private final BigInteger varianceNumerator;
    private final BigInteger varianceDenominator;
    private final long scale;
    private final BigInteger scaleBig;
    /** 2·n·d·t², the denominator of every acceptance exponent. */
    private final BigInteger acceptanceDenominator;

    /** N_ℤ(0, n/d) with σ² = varianceNumerator / varianceDenominator. */
    public DiscreteGaussian(BigInteger varianceNumerator, BigInteger varianceDenominator) {
        Objects.requireNonNull(varianceNumerator, "varianceNumerator");
        Objects.requireNonNull(varianceDenominator, "varianceDenominator");
        if (varianceNumerator.signum() <= 0 || varianceDenominator.signum() <= 0) {
            throw new IllegalArgumentException("the variance must be a positive fraction");
        }
        BigInteger floorSigma = varianceNumerator.divide(varianceDenominator).sqrt();
        if (floorSigma.bitLength() > 52) {
            throw new IllegalArgumentException("sigma must be below 2^52");
        }
        this.varianceNumerator = varianceNumerator;
        this.varianceDenominator = varianceDenominator;
        this.scale = floorSigma.longValueExact() + 1;
        this.scaleBig = BigInteger.valueOf(scale);
        this.acceptanceDenominator = BigInteger.TWO
                .multiply(varianceNumerator)
                .multiply(varianceDenominator)
                .multiply(scaleBig)
                .multiply(scaleBig);
    }

    /** N_ℤ(0, σ²) for an exact decimal σ, e.g. {@code 1.1} exactly, not the nearest double. */
    public static DiscreteGaussian withSigma(BigDecimal sigma) {
        Objects.requireNonNull(sigma, "sigma");
        if (sigma.signum() <= 0) {
            throw new IllegalArgumentException("sigma must be positive");
        }
        BigDecimal squared = sigma.multiply(sigma);
        BigInteger numerator = squared.unscaledValue();
        BigInteger denominator = BigInteger.ONE;
        if (squared.scale() > 0) {
            denominator = BigInteger.TEN.pow(squared.scale());
        } else {
            numerator = numerator.multiply(BigInteger.TEN.pow(-squared.scale()));
        }
        return new DiscreteGaussian(numerator, denominator);
    }

    /** σ², exactly, as numerator and denominator. */
    public BigInteger[] variance() {
        return new BigInteger[] {varianceNumerator, varianceDenominator};
    }

    public long sample(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        while (true) {
            long y = DiscreteLaplace.sample(scale, random);
            // (|y| − σ²/t)² / (2σ²) with σ² = n/d is (|y|·d·t − n)² / (2·n·d·t²).
            BigInteger offset = BigInteger.valueOf(Math.abs(y))
                    .multiply(varianceDenominator)
                    .multiply(scaleBig)
                    .subtract(varianceNumerator);
            if (ExactBernoulli.bernoulliExpMinus(offset.multiply(offset), acceptanceDenominator, random)) {
                return y;
            }
        }
    }
}
