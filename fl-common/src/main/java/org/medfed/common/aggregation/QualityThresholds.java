package org.medfed.common.aggregation;

/**
 * When {@link QualityScores} flags an update as an outlier: its cosine similarity to the aggregate delta is below
 * {@code minCosine} (default 0: it points away from where the round went), or its norm ratio (its delta norm over
 * the median delta norm of the round) is above {@code maxNormRatio} (default 3). Both comparisons are strict.
 */
public record QualityThresholds(double minCosine, double maxNormRatio) {
    public static final QualityThresholds DEFAULT = new QualityThresholds(0.0, 3.0);

    public QualityThresholds {
        if (!(minCosine >= -1 && minCosine <= 1)) {
            throw new IllegalArgumentException("minCosine must be in [-1, 1], got " + minCosine);
        }
        if (!(maxNormRatio > 0) || !Double.isFinite(maxNormRatio)) {
            throw new IllegalArgumentException("maxNormRatio must be finite and greater than 0, got " + maxNormRatio);
        }
    }
}
