package org.medfed.common.aggregation;

/**
 * FedYogi (Reddi et al. 2021): the {@link AdaptiveOptimizer} step with
 * {@code v ← v − (1 − β2)·Δ²·sign(v − Δ²)}, which lets v grow quickly and shrink slowly. A new instance per round:
 * built from the task's {@link AdaptiveParams} and the previous round's {@link ServerOptimizerState}; the result
 * carries the next state.
 */
public final class FedYogi extends AdaptiveOptimizer {

    public FedYogi(AdaptiveParams params, ServerOptimizerState state) {
        this(params, state, Strategies.DEFAULT_THREADS);
    }

    /** @param threads for the pseudo-gradient, as {@link FedAvg#FedAvg(int)} */
    public FedYogi(AdaptiveParams params, ServerOptimizerState state, int threads) {
        super(params, state, threads);
    }

    @Override
    double secondMoment(double v, double gradientSquared, double beta2) {
        return v - (1 - beta2) * gradientSquared * Math.signum(v - gradientSquared);
    }

    @Override
    public String toString() {
        return "fedyogi";
    }
}
