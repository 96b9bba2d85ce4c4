package org.medfed.common.dp;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rényi-DP accountant for DP-SGD (the Poisson-subsampled Gaussian mechanism): RDP adds up over a history of runs
 * at each order of a fixed grid, and ε at a given δ is the minimum over the grid. The clients and every endorsing
 * peer run it, so it returns the same bits everywhere: {@link StrictMath} only, fixed-order loops, no randomness.
 * Immutable and thread-safe.
 */
public final class RdpAccountant {
    /**
     * Default grid of Rényi orders (110 of them): 1.1–1.9 by 0.1, 2–10.75 by 0.25, every integer 11–64, then 72,
     * 80, 96, 112, 128, 160, 192, 256, 320, 384, 512. Fine steps where the optimum sits for ε between 2 and 30
     * (the RDP curve of a small σ has a sharp knee there), integers beyond, a sparse tail for ε below 0.5. On a
     * sweep of q ∈ [5e-4, 0.5], σ ∈ [0.6, 8], 1–10⁵ steps and δ = 1e-5, the ε it gives is within 1.7% of the
     * minimum over a 1,292-order grid whenever that minimum lies in [0.1, 30] (docs/privacy.md); a coarser grid
     * can only over-state ε, never under-state it. Do not modify: the no-argument constructor uses a copy taken
     * when this class was loaded.
     */
    public static final double[] DEFAULT_ORDERS = defaultOrders();
    /** Integer orders cost α terms each, and no realistic δ makes an order beyond this the best one. */
    public static final double MAX_ORDER = 10_000;

    private static final double[] PRISTINE_DEFAULT_ORDERS = DEFAULT_ORDERS.clone();

    /** The per-step curves this accountant has computed, by (q, σ): the ledger charges one mechanism many times. */
    private static final int CACHED_MECHANISMS = 256;

    private final double[] orders;
    private final Map<List<Double>, double[]> perStepCache = new ConcurrentHashMap<>();

    public RdpAccountant() {
        this.orders = PRISTINE_DEFAULT_ORDERS;
    }

    /** @param orders Rényi orders, each in (1, {@value #MAX_ORDER}], strictly increasing */
    public RdpAccountant(double[] orders) {
        Objects.requireNonNull(orders, "orders");
        if (orders.length == 0) {
            throw new IllegalArgumentException("orders must not be empty");
        }
        double previous = 1;
        for (double order : orders) {
            if (!(order > 1 && order <= MAX_ORDER)) {
                throw new IllegalArgumentException("orders must be finite, above 1 and at most " + (int) MAX_ORDER);
            }
            if (!(order > previous)) {
                throw new IllegalArgumentException("orders must be strictly increasing");
            }
            previous = order;
        }
        this.orders = orders.clone();
    }

    public double[] orders() {
        return orders.clone();
    }

    /** RDP at each order after {@code params.steps()} compositions: steps × the RDP of one step. */
    public double[] rdp(DpParams params) {
        Objects.requireNonNull(params, "params");
        double[] rdp = new double[orders.length];
        if (params.steps() > 0) {
            addRuns(rdp, params, perStep(params));
        }
        return rdp;
    }

    /** RDP at each order of a history of runs: the sum of {@link #rdp(DpParams)}, added in list order. */
    public double[] rdp(List<DpParams> history) {
        Objects.requireNonNull(history, "history");
        double[] rdp = new double[orders.length];
        // Lookups only, never iteration, so the map's order cannot leak into the result.
        Map<List<Double>, double[]> perStepByMechanism = new HashMap<>();
        for (DpParams params : history) {
            Objects.requireNonNull(params, "history element");
            if (params.steps() > 0) {
                double[] perStep = perStepByMechanism.computeIfAbsent(
                        List.of(params.samplingRate(), params.noiseMultiplier()), key -> perStep(params));
                addRuns(rdp, params, perStep);
            }
        }
        return rdp;
    }

    /**
     * The smallest ε over the orders at which the history is (ε, δ)-DP, clipped at 0, with the order that gave it
     * (the first one on a tie). An empty history released nothing and gives ε = 0 (bestOrder NaN); a history of
     * zero-step runs has RDP 0 and gets ε from the conversion alone, which is small but positive.
     *
     * @param delta in (0, 1)
     */
    public EpsilonResult epsilon(List<DpParams> history, double delta, EpsilonConversion conversion) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(conversion, "conversion");
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1)");
        }
        if (history.isEmpty()) {
            return new EpsilonResult(0, Double.NaN);
        }
        double[] rdp = rdp(history);
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = Double.NaN;
        for (int k = 0; k < orders.length; k++) {
            double epsilon = conversion.epsilon(orders[k], rdp[k], delta);
            if (epsilon < best) {
                best = epsilon;
                bestOrder = orders[k];
            }
        }
        return new EpsilonResult(StrictMath.max(0.0, best), bestOrder);
    }

    /**
     * One step's RDP at each order, computed once per (q, σ) and accountant: a pure function of them, so a cached
     * curve is the same bits as a fresh one. The cache is emptied when it holds {@value #CACHED_MECHANISMS}.
     */
    private double[] perStep(DpParams params) {
        List<Double> mechanism = List.of(params.samplingRate(), params.noiseMultiplier());
        double[] cached = perStepCache.get(mechanism);
        if (cached != null) {
            return cached;
        }
        double[] computed = computePerStep(params);
        if (perStepCache.size() >= CACHED_MECHANISMS) {
            perStepCache.clear();
        }
        perStepCache.put(mechanism, computed);
        return computed;
    }

    private double[] computePerStep(DpParams params) {
        double[] perStep = new double[orders.length];
        for (int k = 0; k < orders.length; k++) {
            perStep[k] = SampledGaussianRdp.perStep(params.samplingRate(), params.noiseMultiplier(), orders[k]);
        }
        return perStep;
    }

    private static void addRuns(double[] rdp, DpParams params, double[] perStep) {
        double steps = params.steps();
        for (int k = 0; k < rdp.length; k++) {
            rdp[k] += steps * perStep[k];
        }
    }

    private static double[] defaultOrders() {
        double[] orders = new double[110];
        int n = 0;
        for (int tenths = 11; tenths <= 19; tenths++) {
            orders[n++] = tenths / 10.0;
        }
        for (int quarters = 8; quarters < 44; quarters++) {
            orders[n++] = quarters / 4.0;
        }
        for (int order = 11; order <= 64; order++) {
            orders[n++] = order;
        }
        for (int order : new int[] {72, 80, 96, 112, 128, 160, 192, 256, 320, 384, 512}) {
            orders[n++] = order;
        }
        return orders;
    }
}
