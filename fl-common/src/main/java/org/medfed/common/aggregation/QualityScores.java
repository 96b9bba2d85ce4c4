package org.medfed.common.aggregation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.medfed.common.reputation.ReputationPolicy;

/**
 * Per-update quality against the aggregate a strategy produced (issue 4, item 3). With {@code A = model − global}
 * the aggregate delta and {@code Δ_i} update i's delta (both in double):
 * <ul>
 *   <li>{@code cosine_i = ⟨Δ_i, A⟩ / (‖Δ_i‖·‖A‖)}, clamped to [-1, 1]; 0 if either norm is 0;</li>
 *   <li>{@code normRatio_i = ‖Δ_i‖ / median_k ‖Δ_k‖} (the median of an even count is the mean of the middle two);</li>
 *   <li>outlier flags from {@link QualityThresholds};</li>
 *   <li>{@code qualityScore_i = 0} for an outlier, else {@code (1 + cosine_i) / 2}, rounded half-even to
 *       {@value #SCALE} fraction digits: the q of {@link ReputationPolicy#afterQuality}.</li>
 * </ul>
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
        double median = median(norms);

        List<UpdateQuality> qualities = new ArrayList<>(k);
        for (int i = 0; i < k; i++) {
            double cosine = norms[i] == 0 || aggregateNorm == 0
                    ? 0
                    : Math.max(-1, Math.min(1, dots[i] / (norms[i] * aggregateNorm)));
            double ratio = median > 0 ? norms[i] / median : norms[i] == 0 ? 1 : Double.MAX_VALUE;
            boolean opposed = cosine < thresholds.minCosine();
            boolean oversized = ratio > thresholds.maxNormRatio();
            BigDecimal score = opposed || oversized
                    ? BigDecimal.ZERO
                    : new BigDecimal((1 + cosine) / 2)
                            .setScale(SCALE, RoundingMode.HALF_EVEN)
                            .stripTrailingZeros();
            qualities.add(new UpdateQuality(
                    sorted.get(i).participantId(), cosine, norms[i], ratio, opposed, oversized, score));
        }
        return qualities;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int k = sorted.length;
        return k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
    }
}
