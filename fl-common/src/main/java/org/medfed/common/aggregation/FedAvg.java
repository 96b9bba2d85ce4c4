package org.medfed.common.aggregation;

import java.util.List;

/**
 * Federated averaging (McMahan et al. 2017): {@code x' = x + Σ_i (w_i / W) · Δ_i} with {@code W = Σ_i w_i}, where
 * {@code Δ_i} is update i's delta and {@code w_i} its weight (the example count, times the reputation under
 * {@link ReputationWeighted}).
 *
 * <p>Streaming: it reads one update at a time into a single buffer and adds it to a {@code double} accumulator, so it
 * holds 4P bytes of update data and 8P of accumulator whatever the number of participants K.
 */
public final class FedAvg implements AggregationStrategy {

    @Override
    public AggregationResult aggregate(float[] global, List<WeightedUpdate> updates) {
        List<WeightedUpdate> sorted = Canonical.order(global, updates);
        double total = Canonical.totalWeight(sorted);
        double[] delta = Canonical.streamMeanDelta(global, sorted, total);
        List<String> ids = Canonical.ids(sorted);
        return new AggregationResult(Canonical.apply(global, delta),
                new AggregationStats(ids, ids, List.of(), total, global.length));
    }

    @Override
    public String toString() {
        return "fedavg";
    }
}
