package org.medfed.common.aggregation;

/**
 * FedAdam (Reddi et al. 2021): the {@link AdaptiveOptimizer} step with {@code v ← β2·v + (1 − β2)·Δ²}. A new
 * instance per round: built from the task's {@link AdaptiveParams} and the previous round's
 * {@link ServerOptimizerState}; the result carries the next state.
 */
public final class FedAdam extends AdaptiveOptimizer {

    public FedAdam(AdaptiveParams params, ServerOptimizerState state) {
        this(params, state, Strategies.DEFAULT_THREADS);
    }

    /** @param threads for the pseudo-gradient, as {@link FedAvg#FedAvg(int)} */
    public FedAdam(AdaptiveParams params, ServerOptimizerState state, int threads) {
        super(params, state, threads);
    }

    @Override
    double secondMoment(double v, double gradientSquared, double beta2) {
        return beta2 * v + (1 - beta2) * gradientSquared;
    }

    @Override
    public String toString() {
        return "fedadam";
    }
}
