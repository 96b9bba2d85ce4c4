package org.medfed.client.sim;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A secure-aggregation task's own settings: every round is one DP-SGD step over the union of the sites' Poisson
 * samples (docs/secure-aggregation.md, "The DP step").
 *
 * @param samplingRate q, each record's probability of being in a round's sample
 * @param rounds       rounds, hence DP-SGD steps
 * @param learningRate η of the step the ledger takes on the unmasked sum
 * @param minSurvivors n_min, the noise share divisor
 * @param inputBound   ±inputBound·C per coordinate of a site's input; null for the largest the 32-bit sum allows
 */
record SecureConfig(BigDecimal samplingRate, int rounds, double learningRate, long minSurvivors, Long inputBound) {

    SecureConfig {
        Objects.requireNonNull(samplingRate, "samplingRate");
        if (samplingRate.signum() <= 0 || samplingRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("--sampling-rate must be in (0, 1]");
        }
        if (rounds < 1 || !(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("rounds and the learning rate must be positive");
        }
        if (minSurvivors < 2) {
            throw new IllegalArgumentException(
                    "--min-survivors must be at least 2: the ledger unmasks no sum of fewer than two inputs");
        }
        if (inputBound != null && inputBound < 1) {
            throw new IllegalArgumentException("--input-bound must be at least 1");
        }
    }

    SecureConfig withMinSurvivors(long value) {
        return new SecureConfig(samplingRate, rounds, learningRate, value, inputBound);
    }

    /** inputBound, or the largest with sites·inputBound·2^b < 2^31, so that no sum can wrap. */
    long inputBound(int sites, int gridBits) {
        return inputBound != null ? inputBound : Integer.MAX_VALUE / ((long) sites << gridBits);
    }

    String describe() {
        return "q " + samplingRate.toPlainString() + ", " + rounds + " rounds, η " + SimText.trim(learningRate);
    }
}
