package org.medfed.common.aggregation;

import java.util.List;
import java.util.Objects;

/**
 * The server-optimizer step shared by {@link FedAdam} and {@link FedYogi} (Reddi et al. 2021, Algorithm 2). The
 * pseudo-gradient is the {@link FedAvg} delta {@code Δ = Σ (w_i / W) · Δ_i}, streamed, then per parameter j:
 * <pre>
 *   m_j ← β1·m_j + (1 − β1)·Δ_j
 *   v_j ← secondMoment(v_j, Δ_j²)
 *   x_j ← x_j + η_t · m_j / (√v_j + τ)
 * </pre>
 * with {@code η_t = η} or, with bias correction, {@code η·√(1 − β2^t) / (1 − β1^t)} ({@link StrictMath#pow}).
 * m and v are computed in double and rounded to float32, and the step uses those rounded values, so the stored state
 * alone explains every step. {@code t} counts steps: the result's state has {@code t + 1}.
 */
abstract sealed class AdaptiveOptimizer implements AggregationStrategy permits FedAdam, FedYogi {
    private final AdaptiveParams params;
    private final ServerOptimizerState state;
    private final int threads;

    AdaptiveOptimizer(AdaptiveParams params, ServerOptimizerState state, int threads) {
        this.params = Objects.requireNonNull(params, "params");
        this.state = Objects.requireNonNull(state, "state");
        this.threads = Strategies.requireThreads(threads);
    }

    /** The new second moment from the previous one and the squared pseudo-gradient. */
    abstract double secondMoment(double v, double gradientSquared, double beta2);

    public AdaptiveParams params() {
        return params;
    }

    public ServerOptimizerState state() {
        return state;
    }

    @Override
    public AggregationResult aggregate(float[] global, List<WeightedUpdate> updates) {
        List<WeightedUpdate> sorted = Canonical.order(global, updates);
        int p = global.length;
        if (state.m().length != p) {
            throw new AggregationException(
                    AggregationException.Reason.INVALID_STATE,
                    "the optimizer state has " + state.m().length + " values, the model " + p);
        }
        double total = Canonical.totalWeight(sorted);
        double[] gradient = Canonical.streamMeanDelta(global, sorted, total, threads);

        long t = state.t() + 1;
        double eta = params.eta();
        if (params.biasCorrection()) {
            eta = eta
                    * StrictMath.sqrt(1 - StrictMath.pow(params.beta2(), t))
                    / (1 - StrictMath.pow(params.beta1(), t));
        }
        double beta1 = params.beta1();
        double beta2 = params.beta2();
        double tau = params.tau();
        float[] m = new float[p];
        float[] v = new float[p];
        double[] step = new double[p];
        for (int j = 0; j < p; j++) {
            double g = gradient[j];
            m[j] = (float) (beta1 * state.m()[j] + (1 - beta1) * g);
            v[j] = (float) secondMoment(state.v()[j], g * g, beta2);
            if (!(v[j] >= 0) || !Float.isFinite(m[j]) || !Float.isFinite(v[j])) {
                throw new AggregationException(
                        AggregationException.Reason.INVALID_STATE,
                        null,
                        j,
                        "optimizer moments at " + j + " are m=" + m[j] + ", v=" + v[j],
                        null);
            }
            step[j] = eta * m[j] / (StrictMath.sqrt(v[j]) + tau);
        }
        List<String> ids = Canonical.ids(sorted);
        return new AggregationResult(
                Canonical.apply(global, step),
                new AggregationStats(ids, ids, List.of(), total, p),
                new ServerOptimizerState(m, v, t));
    }
}
