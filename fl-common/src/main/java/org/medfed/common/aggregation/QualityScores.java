package org.medfed.common.aggregation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.medfed.common.reputation.ReputationPolicy;

/**
 * Per-update quality against the aggregate a strategy produced (issue 4, item 3; the rule of issue 18,
 * docs/reputation.md). With {@code A = model − global} the aggregate delta and {@code Δ_i} update i's delta (both in
 * double), and {@code s = median_k ‖Δ_k − A‖} the round's spread:
 * <ul>
 *   <li>{@code cosine_i = ⟨Δ_i, A⟩ / (‖Δ_i‖·‖A‖)}, clamped to [-1, 1]; 0 if either norm is 0 (reported, not scored);
 *   </li>
 *   <li>{@code normRatio_i = ‖Δ_i‖ / median_k ‖Δ_k‖} (the median of an even count is the mean of the middle two);</li>
 *   <li>{@code distanceRatio_i = ‖Δ_i − A‖ / s};</li>
 *   <li>outlier flags from {@link QualityThresholds}: oversized by the norm ratio, opposed when
 *       {@code ⟨Δ_i, A⟩ / ‖A‖ < −opposition·s};</li>
 *   <li>{@code qualityScore_i = 0} for an outlier, else 1 up to {@code distanceRatio} 1 and {@code 1 − u²} beyond,
 *       {@code u = (distanceRatio − 1) / (maxDistanceRatio − 1)}, 0 from {@code u ≥ 1}; rounded half-even to
 *       {@value #SCALE} fraction digits: the q of {@link ReputationPolicy#afterQuality}.</li>
 * </ul>
 * Why distances and not the cosine: an honest update is the aggregate plus its own deviation, so its cosine is about
 * {@code ρ/√(1 + ρ²)} with {@code ρ = ‖A‖/s}, a property of the round, not of the participant. As FedAvg converges
 * the sites' deltas cancel, ρ falls from several to below 1, and every honest site's cosine falls with it; a
 * distance ratio compares each update with the others of the same round at every stage.
 * Streaming: it reads each update once more, in groups of four side by side a tile at a time when the sources can
 * stream (on up to {@code threads} threads, each taking whole groups; see {@link QualitySums}), else one at a time
 * into a single buffer (memory O(P) either way). Every sum runs over the parameters in index order with the same
 * expressions, so every value is bit-identical on every run, whatever the threads.
 * Scores use each update as submitted, not as {@link NormClipped} scaled it.
 */
public final class QualityScores {
    /** Fraction digits of a quality score: the reputation scale, so one quality moves a score exactly. */
    public static final int SCALE = ReputationPolicy.SCALE;

    private QualityScores() {}

    /** The qualities of {@code updates} in canonical order (by participant id). */
    public static List<UpdateQuality> compute(
            float[] global, float[] model, List<WeightedUpdate> updates, QualityThresholds thresholds) {
        return compute(global, model, updates, thresholds, Strategies.DEFAULT_THREADS);
    }

    /** @param threads how many threads may read updates (at least 1); the same bits for every count */
    public static List<UpdateQuality> compute(
            float[] global, float[] model, List<WeightedUpdate> updates, QualityThresholds thresholds, int threads) {
        Strategies.requireThreads(threads);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(thresholds, "thresholds");
        List<WeightedUpdate> sorted = Canonical.order(global, updates);
        if (model.length != global.length) {
            throw new AggregationException(
                    AggregationException.Reason.LENGTH_MISMATCH,
                    "the model has " + model.length + " values, the global model " + global.length);
        }
        int p = global.length;
        // The aggregate delta A_j = model_j − global_j is recomputed where it is needed (the same expression, so the
        // same bits) rather than held as a double[P]: at the buffered strategies' memory cap that array alone would
        // be 8P bytes on the chaincode's heap.
        double aggregateSquares = 0;
        for (int j = 0; j < p; j++) {
            if (!Float.isFinite(global[j]) || !Float.isFinite(model[j])) {
                throw new AggregationException(
                        AggregationException.Reason.NON_FINITE_VALUE,
                        null,
                        j,
                        "the global model or the aggregate is not finite at " + j,
                        null);
            }
            double a = (double) model[j] - global[j];
            aggregateSquares += a * a;
        }
        double aggregateNorm = StrictMath.sqrt(aggregateSquares);

        int k = sorted.size();
        QualitySums.Sums sums = QualitySums.tiled(global, model, sorted, threads);
        if (sums == null) {
            sums = QualitySums.oneAtATime(global, model, sorted);
        }
        double[] dots = sums.dots();
        double[] norms = sums.norms();
        double[] distances = sums.distances();
        double medianNorm = median(norms);
        double spread = median(distances);

        List<UpdateQuality> qualities = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            double cosine = norms[i] == 0 || aggregateNorm == 0
                    ? 0
                    : Math.max(-1, Math.min(1, dots[i] / (norms[i] * aggregateNorm)));
            double along = aggregateNorm == 0 ? 0 : dots[i] / aggregateNorm;
            double normRatio = ratio(norms[i], medianNorm);
            double distanceRatio = ratio(distances[i], spread);
            boolean opposed = along < -thresholds.opposition() * spread;
            boolean oversized = normRatio > thresholds.maxNormRatio();
            BigDecimal score = opposed || oversized
                    ? BigDecimal.ZERO
                    : new BigDecimal(consistency(distanceRatio, thresholds.maxDistanceRatio()))
                            .setScale(SCALE, RoundingMode.HALF_EVEN)
                            .stripTrailingZeros();
            qualities.add(new UpdateQuality(
                    sorted.get(i).participantId(),
                    cosine,
                    norms[i],
                    normRatio,
                    distanceRatio,
                    opposed,
                    oversized,
                    score));
        }
        return qualities;
    }

    /**
     * 1 up to the round's median distance, then {@code 1 − u²}: ordinary fluctuations cost little, and the score
     * falls fastest as the update nears {@code max} times the median distance, where it is 0.
     */
    static double consistency(double distanceRatio, double max) {
        if (distanceRatio <= 1) {
            return 1;
        }
        double u = (distanceRatio - 1) / (max - 1);
        return u >= 1 ? 0 : 1 - u * u;
    }

    /** {@code value / median}; 1 when both are 0, the largest finite double when only the median is (writable). */
    private static double ratio(double value, double median) {
        return median > 0 ? value / median : value == 0 ? 1 : Double.MAX_VALUE;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int k = sorted.length;
        return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    }
}
