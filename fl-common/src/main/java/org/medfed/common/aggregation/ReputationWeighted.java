package org.medfed.common.aggregation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Weights each update by its reputation too: {@code w_i ← w_i · r_i}, the exact decimal product rounded once to
 * double. Affects the weighted strategies ({@link FedAvg}, Multi-Krum's average, {@link FedAdam}, {@link FedYogi});
 * median and trimmed mean ignore weights. A reputation of 0 would give weight 0 and is refused
 * ({@code INVALID_WEIGHT}): the ledger leaves such participants out before aggregating.
 */
public final class ReputationWeighted implements AggregationStrategy {
    private final AggregationStrategy strategy;

    public ReputationWeighted(AggregationStrategy strategy) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
    }

    @Override
    public AggregationResult aggregate(float[] global, List<WeightedUpdate> updates) {
        List<WeightedUpdate> sorted = Canonical.order(global, updates);
        List<WeightedUpdate> weighted = new ArrayList<>(sorted.size());
        for (WeightedUpdate update : sorted) {
            Canonical.requirePositiveWeight(update);
            double weight = new BigDecimal(update.weight())
                    .multiply(update.reputation())
                    .doubleValue();
            if (!(weight > 0) || !Double.isFinite(weight)) {
                throw new AggregationException(
                        AggregationException.Reason.INVALID_WEIGHT,
                        update.participantId(),
                        -1,
                        "weight " + update.weight() + " × reputation "
                                + update.reputation().toPlainString() + " gives " + weight
                                + "; it must be finite and greater than 0",
                        null);
            }
            weighted.add(update.withWeight(weight));
        }
        return strategy.aggregate(global, weighted);
    }

    @Override
    public String toString() {
        return "reputation-weighted(" + strategy + ")";
    }
}
