package org.medfed.common.dp.noise;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The noisy sum of clipped per-example gradients of one DP-SGD step, on the grid γℤ^d with γ = C / 2^k.
 *
 * <p>Each gradient is scaled to L2 norm at most (2^k − √d/2 − 1)·γ, rounded coordinate-wise to the grid and
 * checked in exact integer arithmetic to have norm at most 2^k grid units (= C): rounding moves a vector by at most
 * γ√d/2, the extra unit absorbs the doubles' rounding, and the check makes the sensitivity a fact rather than a
 * floating-point hope. The integer sum gets independent N_ℤ(0, σ²·4^k) noise per coordinate, so the ratio of noise
 * to sensitivity is exactly σ, and the released value is (sum + Z)·γ: noise of standard deviation σ·C in real
 * units, the same (q, σ) the accountant charges. k is the smallest with (√d/2 + 1)·1024 ≤ 2^k, so the margin
 * costs at most 0.1% of C. For secure aggregation, a site adds only its share N_ℤ(0, σ²·4^k / n) and releases the
 * integer sum ({@link #releaseGridUnits}); n such shares add up to σ again. Not thread-safe.
 */
public final class GridGaussianSum {
    /** Beyond this a coordinate's square could overflow a long. */
    static final int MAX_GRID_BITS = 30;

    private final int dimension;
    private final double clipNorm;
    private final int gridBits;
    private final double gridStep;
    private final double radiusInSteps;
    private final long sensitivitySquared;
    private final DiscreteGaussian noise;
    private final long[] sum;
    private int count;

    /**
     * One site's whole-noise sum: the grid of {@link #gridBits(long)} bits and noise N_ℤ(0, σ²·4^k).
     *
     * @param dimension       d, the number of parameters
     * @param clipNorm        C, finite and positive
     * @param noiseMultiplier σ, the exact decimal the ledger records
     */
    public GridGaussianSum(int dimension, double clipNorm, BigDecimal noiseMultiplier) {
        this(dimension, clipNorm, noiseMultiplier, gridBits(dimension), 1);
    }

    /**
     * A share of the noise, for secure aggregation: the grid has the task's 2^b steps per C and the noise is
     * N_ℤ(0, σ²·4^b / n), so that n such sums add up to noise of variance σ²·4^b, σ·C in real units. The variance
     * stays an exact rational: σ's decimal squared, times 4^b, over n.
     *
     * @param gridBits     b, at least {@link #gridBits(long)} of the dimension (the rounding margin) and at most 30
     * @param noiseDivisor n ≥ 1, the number of sites whose noise the guarantee counts on (n_min)
     */
    public GridGaussianSum(
            int dimension, double clipNorm, BigDecimal noiseMultiplier, int gridBits, long noiseDivisor) {
        int minimum = gridBits(dimension);
        if (gridBits < minimum || gridBits > MAX_GRID_BITS) {
            throw new IllegalArgumentException(
                    "gridBits must be in [" + minimum + ", " + MAX_GRID_BITS + "] for " + dimension + " parameters");
        }
        if (noiseDivisor < 1) {
            throw new IllegalArgumentException("noiseDivisor must be at least 1");
        }
        if (!(clipNorm > 0 && clipNorm < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("clipNorm must be positive and finite");
        }
        Objects.requireNonNull(noiseMultiplier, "noiseMultiplier");
        this.dimension = dimension;
        this.clipNorm = clipNorm;
        this.gridBits = gridBits;
        this.gridStep = Math.scalb(clipNorm, -gridBits);
        if (!(gridStep > 0) || gridStep * (1L << gridBits) != clipNorm) {
            throw new IllegalArgumentException("clipNorm is too small for a grid of 2^" + gridBits + " steps");
        }
        this.radiusInSteps = (1L << gridBits) - Math.sqrt(dimension) / 2 - 1;
        this.sensitivitySquared = 1L << (2 * gridBits);
        DiscreteGaussian unit = DiscreteGaussian.withSigma(noiseMultiplier);
        BigInteger[] variance = unit.variance();
        this.noise = new DiscreteGaussian(
                variance[0].shiftLeft(2 * gridBits), variance[1].multiply(BigInteger.valueOf(noiseDivisor)));
        this.sum = new long[dimension];
    }

    /**
     * k: the grid has 2^k steps per clipping norm, the smallest k with (√d/2 + 1)·1024 ≤ 2^k. Decided in integers
     * (512·√d ≤ 2^k − 1024 ⟺ 2^18·d ≤ (2^k − 1024)²), so every machine, and the chaincode's check of a task's
     * grid, gets the same answer.
     */
    public static int gridBits(long dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be at least 1");
        }
        for (int bits = 11; bits <= MAX_GRID_BITS; bits++) {
            long room = (1L << bits) - 1024;
            if (dimension <= (room * room) >> 18) {
                return bits;
            }
        }
        throw new IllegalArgumentException("dimension is too large for the grid");
    }

    public int gridBits() {
        return gridBits;
    }

    /** γ = C / 2^k. */
    public double gridStep() {
        return gridStep;
    }

    public int dimension() {
        return dimension;
    }

    /** Examples added since the last release (local bookkeeping; never released). */
    public int count() {
        return count;
    }

    /**
     * Clips one example's gradient, puts it on the grid and adds it to the sum; returns the grid vector added
     * (in grid units), whose L2 norm is at most 2^k.
     */
    public long[] add(double[] gradient) {
        Objects.requireNonNull(gradient, "gradient");
        if (gradient.length != dimension) {
            throw new IllegalArgumentException("gradient has " + gradient.length + " values, expected " + dimension);
        }
        double normInSteps = 0;
        for (double value : gradient) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("gradient values must be finite");
            }
            double inSteps = value / gridStep;
            normInSteps += inSteps * inSteps;
        }
        normInSteps = Math.sqrt(normInSteps);
        double factor = normInSteps > radiusInSteps ? radiusInSteps / normInSteps : 1;
        long[] onGrid = new long[dimension];
        long squared = 0;
        for (int j = 0; j < dimension; j++) {
            onGrid[j] = Math.round(gradient[j] / gridStep * factor);
            squared = Math.addExact(squared, onGrid[j] * onGrid[j]);
        }
        if (squared > sensitivitySquared) {
            throw new IllegalStateException("a clipped gradient left the sensitivity ball; refusing to add it");
        }
        for (int j = 0; j < dimension; j++) {
            sum[j] = Math.addExact(sum[j], onGrid[j]);
        }
        count++;
        return onGrid;
    }

    /** (sum + Z)·γ with Z ~ N_ℤ(0, σ²·4^k / n) per coordinate; then starts a new, empty sum. */
    public double[] release(RandomGenerator random) {
        long[] units = releaseGridUnits(random);
        double[] released = new double[dimension];
        for (int j = 0; j < dimension; j++) {
            released[j] = units[j] * gridStep;
        }
        return released;
    }

    /**
     * sum + Z in grid units, Z ~ N_ℤ(0, σ²·4^k / n) per coordinate, drawn in coordinate order; then starts a new,
     * empty sum. What a site of a secure round masks (after {@code DistributedDp.clipToBound}).
     */
    public long[] releaseGridUnits(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        long[] released = new long[dimension];
        for (int j = 0; j < dimension; j++) {
            released[j] = Math.addExact(sum[j], noise.sample(random));
            sum[j] = 0;
        }
        count = 0;
        return released;
    }

    /** The noise's variance in grid units², exactly: σ²·4^k / n as numerator and denominator. */
    public BigInteger[] noiseVariance() {
        return noise.variance();
    }

    public double clipNorm() {
        return clipNorm;
    }
}
