package org.medfed.common.aggregation;

import java.util.List;

/**
 * Federated averaging (McMahan et al. 2017): {@code x' = x + Σ_i (w_i / W) · Δ_i} with {@code W = Σ_i w_i}, where
 * {@code Δ_i} is update i's delta and {@code w_i} its weight (the example count, times the reputation under
 * {@link ReputationWeighted}).
 *
 * <p>Streaming: it reads the updates side by side a tile of coordinates at a time (or, for sources that cannot stream,
 * one update at a time into a single buffer), adds them to a {@code double} accumulator in canonical order and
 * rounds each coordinate to float32 once, straight into the new model; memory beyond the model is a few tiles per
 * update or one P-long buffer, whatever the number of participants K. Tiles may be added up on several threads,
 * which never changes the result (see {@link Strategies#DEFAULT_THREADS}).
 */
public final class FedAvg implements AggregationStrategy {
    private final int threads;

    /** With {@link Strategies#DEFAULT_THREADS} threads. */
    public FedAvg() {
        this(Strategies.DEFAULT_THREADS);
    }

    /**
     * @param threads how many threads may add tiles up (at least 1); the result is the same bits for every count
     */
    public FedAvg(int threads) {
        this.threads = Strategies.requireThreads(threads);
    }

    @Override
    public AggregationResult aggregate(float[] global, List<WeightedUpdate> updates) {
        List<WeightedUpdate> sorted = Canonical.order(global, updates);
        double total = Canonical.totalWeight(sorted);
        float[] model = new float[global.length];
        long buffered = Canonical.streamMeanDelta(global, sorted, total, threads, (from, delta, count) -> {
            for (int j = 0; j < count; j++) {
                model[from + j] = (float) (global[from + j] + delta[j]);
            }
        });
        List<String> ids = Canonical.ids(sorted);
        return new AggregationResult(model, new AggregationStats(ids, ids, List.of(), total, buffered));
    }

    @Override
    public String toString() {
        return "fedavg";
    }
}
