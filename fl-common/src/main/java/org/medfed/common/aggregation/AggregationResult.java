package org.medfed.common.aggregation;

import java.util.Objects;
import java.util.Optional;

/**
 * The new global model, the statistics of the aggregation and, for a server optimizer ({@link FedAdam},
 * {@link FedYogi}), its state after this round (absent for stateless strategies). The arrays are handed over to
 * the caller, not copied: nothing else refers to them.
 */
public record AggregationResult(float[] model, AggregationStats stats, ServerOptimizerState optimizerState) {

    public AggregationResult {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(stats, "stats");
    }

    public AggregationResult(float[] model, AggregationStats stats) {
        this(model, stats, null);
    }

    public Optional<ServerOptimizerState> nextOptimizerState() {
        return Optional.ofNullable(optimizerState);
    }

    AggregationResult withStats(AggregationStats newStats) {
        return new AggregationResult(model, newStats, optimizerState);
    }
}
