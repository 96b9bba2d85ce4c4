package org.medfed.common.aggregation;

/**
 * The bounds {@link QualityScores} judges an update by, relative to its round (docs/reputation.md). With A the
 * aggregate delta and s the round's median distance {@code ‖Δ_k − A‖} of the updates from it:
 * <ul>
 *   <li>{@code maxNormRatio} (default 3): an update whose norm is above this many times the round's median norm is
 *       oversized;</li>
 *   <li>{@code opposition} (default 0.5): an update whose component along the aggregate's direction,
 *       {@code ⟨Δ_i, A⟩ / ‖A‖}, is below {@code −opposition·s} is opposed: it points back from where the round went
 *       by more than the round's own spread explains (honest updates of converged rounds reached −0.34·s in the
 *       measurements, sign-flipped ones −0.87·s or lower);</li>
 *   <li>{@code maxDistanceRatio} (default 3, as for norms): an update at this many times s from A, or farther,
 *       scores 0; nearer, its score falls smoothly from 1 at s. With K sites one site whose update differs from the
 *       others' by a fixed vector lies about K − 1 times as far from the mean as they do: 3 for one of four.</li>
 * </ul>
 * All comparisons are strict. The defaults are fixed in code, so every endorser and verifier uses the same.
 */
public record QualityThresholds(double maxNormRatio, double opposition, double maxDistanceRatio) {
    public static final QualityThresholds DEFAULT = new QualityThresholds(3.0, 0.5, 3.0);

    public QualityThresholds {
        if (!(maxNormRatio > 0) || !Double.isFinite(maxNormRatio)) {
            throw new IllegalArgumentException("maxNormRatio must be finite and greater than 0, got " + maxNormRatio);
        }
        if (!(opposition >= 0) || !Double.isFinite(opposition)) {
            throw new IllegalArgumentException("opposition must be finite and at least 0, got " + opposition);
        }
        if (!(maxDistanceRatio > 1) || !Double.isFinite(maxDistanceRatio)) {
            throw new IllegalArgumentException(
                    "maxDistanceRatio must be finite and greater than 1, got " + maxDistanceRatio);
        }
    }
}
