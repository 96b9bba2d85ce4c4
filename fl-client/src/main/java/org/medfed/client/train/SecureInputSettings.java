package org.medfed.client.train;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * What a site needs for its input to a secure round (docs/secure-aggregation.md, "The DP step"): the task's
 * sampling rate q, clip norm C and noise multiplier σ (the decimals the masked input declares), its grid bits b,
 * n_min (the noise share divisor) and inputBound (the clip of each coordinate, in units of C).
 */
public record SecureInputSettings(
        BigDecimal samplingRate,
        BigDecimal clipNorm,
        BigDecimal noiseMultiplier,
        int gridBits,
        long minSurvivors,
        long inputBound) {

    public SecureInputSettings {
        Objects.requireNonNull(samplingRate, "samplingRate");
        Objects.requireNonNull(clipNorm, "clipNorm");
        Objects.requireNonNull(noiseMultiplier, "noiseMultiplier");
        if (samplingRate.signum() <= 0 || samplingRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("samplingRate must be in (0, 1]");
        }
        if (clipNorm.signum() <= 0 || noiseMultiplier.signum() <= 0) {
            throw new IllegalArgumentException("clipNorm and noiseMultiplier must be positive");
        }
        if (minSurvivors < 1 || inputBound < 1) {
            throw new IllegalArgumentException("minSurvivors and inputBound must be at least 1");
        }
    }

    /** q as a double for the Bernoulli draws, correctly rounded from the decimal. */
    public double samplingProbability() {
        return Double.parseDouble(samplingRate.toString());
    }

    /** C as a double, correctly rounded from the decimal. */
    public double clip() {
        return Double.parseDouble(clipNorm.toString());
    }
}
