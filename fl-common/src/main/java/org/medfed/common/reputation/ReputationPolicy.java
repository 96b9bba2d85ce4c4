package org.medfed.common.reputation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;

/**
 * How a participant's reputation in a task moves (docs/reputation.md). Scores live in [0, 1] with at most
 * {@value #SCALE} fraction digits. Arithmetic is exact {@link BigDecimal}; the only rounding is the final
 * {@code setScale(6, HALF_EVEN)} of a quality update, so every peer computes the same digits.
 * <ul>
 *   <li>quality score q from the aggregator: {@code s' = (1 - w)·s + w·q}, w = {@code qualityWeight};</li>
 *   <li>missed round (expected but no update by the deadline): {@code s' = max(0, s - missedRoundPenalty)};</li>
 *   <li>rejected update (the aggregator refused it as faulty): {@code s' = max(0, s - rejectedUpdatePenalty)};</li>
 *   <li>a participant whose score is below {@code exclusionThreshold} may not submit and is left out of rounds.</li>
 * </ul>
 */
public record ReputationPolicy(
        BigDecimal initialScore,
        BigDecimal qualityWeight,
        BigDecimal missedRoundPenalty,
        BigDecimal rejectedUpdatePenalty,
        BigDecimal exclusionThreshold)
        implements JsonRecord {
    public static final int SCALE = 6;
    /** Quality scores may be finer than stored scores, but not unboundedly so. */
    public static final int MAX_QUALITY_SCALE = 18;

    public ReputationPolicy {
        initialScore = unitWithScale("initialScore", initialScore);
        qualityWeight = unitWithScale("qualityWeight", qualityWeight);
        if (qualityWeight.signum() == 0) {
            throw new IllegalArgumentException("qualityWeight must be greater than 0");
        }
        missedRoundPenalty = unitWithScale("missedRoundPenalty", missedRoundPenalty);
        rejectedUpdatePenalty = unitWithScale("rejectedUpdatePenalty", rejectedUpdatePenalty);
        exclusionThreshold = unitWithScale("exclusionThreshold", exclusionThreshold);
        if (initialScore.compareTo(exclusionThreshold) < 0) {
            throw new IllegalArgumentException("initialScore below exclusionThreshold would exclude everyone");
        }
    }

    /** The policy tasks get when they do not name one. */
    public static ReputationPolicy defaults() {
        return new ReputationPolicy(
                new BigDecimal("0.5"),
                new BigDecimal("0.3"),
                new BigDecimal("0.1"),
                new BigDecimal("0.2"),
                new BigDecimal("0.2"));
    }

    public BigDecimal afterQuality(BigDecimal score, BigDecimal quality) {
        checkScore(score);
        BigDecimal q = checkQuality(quality);
        BigDecimal exact =
                BigDecimal.ONE.subtract(qualityWeight).multiply(score).add(qualityWeight.multiply(q));
        return exact.setScale(SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    public BigDecimal afterMissedRound(BigDecimal score) {
        return penalise(score, missedRoundPenalty);
    }

    public BigDecimal afterRejectedUpdate(BigDecimal score) {
        return penalise(score, rejectedUpdatePenalty);
    }

    /** Strictly below the threshold: a score equal to it still takes part. */
    public boolean excludes(BigDecimal score) {
        return checkScore(score).compareTo(exclusionThreshold) < 0;
    }

    /** A quality score as the aggregator reports it: in [0, 1], at most {@value #MAX_QUALITY_SCALE} digits. */
    public static BigDecimal checkQuality(BigDecimal quality) {
        BigDecimal q = Checks.decimal("qualityScore", quality, BigDecimal.ZERO, BigDecimal.ONE);
        if (q.scale() > MAX_QUALITY_SCALE) {
            throw new IllegalArgumentException("qualityScore has more than " + MAX_QUALITY_SCALE + " fraction digits");
        }
        return q;
    }

    private BigDecimal penalise(BigDecimal score, BigDecimal penalty) {
        return checkScore(score).subtract(penalty).max(BigDecimal.ZERO).stripTrailingZeros();
    }

    private static BigDecimal checkScore(BigDecimal score) {
        return unitWithScale("score", score);
    }

    private static BigDecimal unitWithScale(String field, BigDecimal value) {
        BigDecimal checked = Checks.decimal(field, value, BigDecimal.ZERO, BigDecimal.ONE);
        if (checked.scale() > SCALE) {
            throw new IllegalArgumentException(field + " has more than " + SCALE + " fraction digits");
        }
        return checked;
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of(
                "initialScore",
                initialScore,
                "qualityWeight",
                qualityWeight,
                "missedRoundPenalty",
                missedRoundPenalty,
                "rejectedUpdatePenalty",
                rejectedUpdatePenalty,
                "exclusionThreshold",
                exclusionThreshold);
    }

    public static ReputationPolicy fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(
                json,
                "initialScore",
                "qualityWeight",
                "missedRoundPenalty",
                "rejectedUpdatePenalty",
                "exclusionThreshold");
        return new ReputationPolicy(
                JsonFields.decimal(json, "initialScore"),
                JsonFields.decimal(json, "qualityWeight"),
                JsonFields.decimal(json, "missedRoundPenalty"),
                JsonFields.decimal(json, "rejectedUpdatePenalty"),
                JsonFields.decimal(json, "exclusionThreshold"));
    }
}
