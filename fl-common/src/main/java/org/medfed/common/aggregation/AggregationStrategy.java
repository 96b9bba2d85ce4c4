package org.medfed.common.aggregation;

import java.util.List;

/**
 * Turns the round's global model and its accepted updates into the next global model. Implementations are pure and
 * deterministic: they sort the updates by participant id first, so any order of the list gives the same bits; they
 * accumulate in {@code double} in that fixed order with plain loops (no BLAS or streams; threads only over disjoint
 * coordinates or whole updates, so no sum changes its order) and round to float32 once per value at the end. They never modify {@code global} or the list, and read each update's values
 * through its {@link VectorSource} into buffers of their own.
 *
 * <p>Robustness and privacy measures are decorators of this interface ({@link Validated},
 * {@link ReputationWeighted}, {@link NormClipped}); a server optimizer's state is an explicit constructor argument
 * and result ({@link ServerOptimizerState}). See docs/aggregation.md.
 */
public interface AggregationStrategy {

    /**
     * @param global the round's base model, P finite values
     * @param updates the accepted updates, in any order, each of length P
     * @throws AggregationException with a stable reason code when the inputs cannot be aggregated
     */
    AggregationResult aggregate(float[] global, List<WeightedUpdate> updates);
}
