package org.medfed.common.aggregation;

import java.math.BigDecimal;

/**
 * How one update relates to the round's aggregate (see {@link QualityScores}). Every double is finite and computed
 * in a fixed order, so it is the same bit for bit on every peer and can be written exactly with
 * {@code CanonicalJson.decimal(double)}.
 *
 * @param cosine cosine similarity of the update's delta to the aggregate delta, in [-1, 1]; 0 when either is zero
 * @param norm L2 norm of the update's delta
 * @param normRatio {@code norm / median norm of the round}; 1 when both are 0, {@link Double#MAX_VALUE} when only
 *     the median is 0
 * @param distanceRatio {@code ‖Δ − A‖ / median ‖Δ_k − A‖ of the round}, with the same conventions for 0
 * @param opposed its component along the aggregate's direction is below {@code −opposition} times the median
 *     distance
 * @param oversized {@code normRatio > maxNormRatio}
 * @param qualityScore the score for the reputation rule, in [0, 1] with at most 6 fraction digits: 0 for an
 *     outlier, otherwise 1 up to distance ratio 1, falling as {@code 1 − u²} to 0 at {@code maxDistanceRatio}
 */
public record UpdateQuality(
        String participantId,
        double cosine,
        double norm,
        double normRatio,
        double distanceRatio,
        boolean opposed,
        boolean oversized,
        BigDecimal qualityScore) {

    /** Flagged by either threshold. */
    public boolean outlier() {
        return opposed || oversized;
    }
}
