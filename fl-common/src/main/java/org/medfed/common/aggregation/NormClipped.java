package org.medfed.common.aggregation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.medfed.common.model.UpdateKind;

/**
 * Server-side clipping of each update's delta to L2 norm at most C before the wrapped strategy sees it:
 * {@code Δ_i ← Δ_i · min(1, C / ‖Δ_i‖)} (the norm summed in double in index order). It bounds how far any one
 * participant can move the model (a ×100 update counts as if its norm were C), as Flower's server-side fixed
 * clipping does; it adds no noise (differential privacy noise is added by each client, see docs/privacy.md).
 *
 * <p>The clipping happens in the strategy's own read buffer as each update is read, so streaming is preserved.
 * Unclipped updates reach the strategy bit for bit unchanged; a clipped one keeps its kind ({@code x + Δ·s} rounded
 * to float32 for a full update, {@code Δ·s} for a delta), so its norm after rounding is C up to float32 rounding.
 * The participants clipped are listed in {@link AggregationStats#clipped()}.
 */
public final class NormClipped implements AggregationStrategy {
    private final AggregationStrategy strategy;
    private final double maxNorm;

    public NormClipped(AggregationStrategy strategy, double maxNorm) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        if (!(maxNorm > 0) || !Double.isFinite(maxNorm)) {
            throw new IllegalArgumentException("maxNorm must be finite and greater than 0, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    public double maxNorm() {
        return maxNorm;
    }

    @Override
    public AggregationResult aggregate(float[] global, List<WeightedUpdate> updates) {
        List<WeightedUpdate> sorted = Canonical.order(global, updates);
        SortedSet<String> clipped = new TreeSet<>();
        List<WeightedUpdate> wrapped = new ArrayList<>(sorted.size());
        for (WeightedUpdate update : sorted) {
            wrapped.add(update.withSource(update.kind(), clipping(update, global, clipped)));
        }
        AggregationResult result = strategy.aggregate(global, wrapped);
        clipped.addAll(result.stats().clipped());
        return result.withStats(result.stats().withClipped(new ArrayList<>(clipped)));
    }

    private VectorSource clipping(WeightedUpdate update, float[] global, SortedSet<String> clipped) {
        VectorSource source = update.source();
        UpdateKind kind = update.kind();
        return target -> {
            source.readInto(target);
            double squares = 0;
            for (int j = 0; j < target.length; j++) {
                double d = Canonical.delta(kind, target[j], global[j]);
                squares += d * d;
            }
            double norm = StrictMath.sqrt(squares);
            if (!(norm > maxNorm)) {
                return;
            }
            double scale = maxNorm / norm;
            if (kind == UpdateKind.FULL) {
                for (int j = 0; j < target.length; j++) {
                    target[j] = (float) (global[j] + ((double) target[j] - global[j]) * scale);
                }
            } else {
                for (int j = 0; j < target.length; j++) {
                    target[j] = (float) (target[j] * scale);
                }
            }
            clipped.add(update.participantId());
        };
    }

    @Override
    public String toString() {
        return "norm-clipped(maxNorm=" + maxNorm + ", " + strategy + ")";
    }
}
