package org.medfed.common.aggregation;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.medfed.common.model.StrategySpec;

/**
 * Builds the strategy a task names in its {@link StrategySpec}, always as
 * {@code Validated(ReputationWeighted?(NormClipped?(base)))} with the default {@link MemoryBudget}, so every peer
 * and every verifier runs the same chain. Names and parameters (docs/aggregation.md):
 * <ul>
 *   <li>{@code fedavg}; {@code median}; {@code trimmed-mean} with {@code beta}; {@code multi-krum} with {@code f}
 *       and {@code m}; {@code fedadam} and {@code fedyogi} with optional {@code eta}, {@code beta1}, {@code beta2},
 *       {@code tau}, {@code biasCorrection} (0 or 1); {@code scaffold}: FedAvg of the models (server learning
 *       rate 1), the sites correcting their local steps with control variates ({@link Scaffold});</li>
 *   <li>for every strategy, optionally {@code maxNorm} (server-side clipping of deltas) and
 *       {@code reputationWeighted} (0 or 1).</li>
 * </ul>
 * Unknown names and parameters are refused with {@link IllegalArgumentException}.
 *
 * <p>The thread count is a parameter of the chain, not of the task: it never changes a bit of any result (each
 * coordinate's and each update's sums keep their order whatever the threads), so peers may differ in it, but every
 * production caller (the chaincode, {@code medfed verify}) takes {@link #DEFAULT_THREADS}.
 */
public final class Strategies {
    public static final String FEDAVG = "fedavg";
    public static final String MEDIAN = "median";
    public static final String TRIMMED_MEAN = "trimmed-mean";
    public static final String MULTI_KRUM = "multi-krum";
    public static final String FEDADAM = "fedadam";
    public static final String FEDYOGI = "fedyogi";
    public static final String SCAFFOLD = "scaffold";

    private static final Set<String> COMMON = Set.of("maxNorm", "reputationWeighted");
    private static final Map<String, Set<String>> PARAMS = Map.of(
            FEDAVG, Set.of(),
            MEDIAN, Set.of(),
            TRIMMED_MEAN, Set.of("beta"),
            MULTI_KRUM, Set.of("f", "m"),
            FEDADAM, Set.of("eta", "beta1", "beta2", "tau", "biasCorrection"),
            FEDYOGI, Set.of("eta", "beta1", "beta2", "tau", "biasCorrection"),
            SCAFFOLD, Set.of());

    /**
     * Threads of a production chain: FedAvg's tiles and the quality scores' updates are shared among this many.
     * Two is the fastest on the 2-core machine the benchmark ran on (docs/aggregation.md#benchmark) and no slower on
     * one core; a fixed number rather than the core count, so every peer's work is the same.
     */
    public static final int DEFAULT_THREADS = 2;
    /** More threads than this are refused: each is a platform thread for the length of one call. */
    public static final int MAX_THREADS = 64;

    private Strategies() {}

    /** @throws IllegalArgumentException unless {@code 1 ≤ threads ≤ MAX_THREADS} */
    public static int requireThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in [1, " + MAX_THREADS + "], got " + threads);
        }
        return threads;
    }

    /** Whether the strategy is a server optimizer that needs a {@link ServerOptimizerState} each round. */
    public static boolean needsOptimizerState(StrategySpec spec) {
        return FEDADAM.equals(spec.name()) || FEDYOGI.equals(spec.name());
    }

    /**
     * Whether the task keeps SCAFFOLD's global control variate c: each update then carries its site's control delta
     * and each aggregation records c after the round.
     */
    public static boolean needsControlVariate(StrategySpec spec) {
        return SCAFFOLD.equals(spec.name());
    }

    /** A stateless strategy; refuses {@code fedadam} and {@code fedyogi}, which need their state. */
    public static AggregationStrategy fromSpec(StrategySpec spec) {
        return fromSpec(spec, null);
    }

    /** @param state the previous round's optimizer state: required exactly when {@link #needsOptimizerState} */
    public static AggregationStrategy fromSpec(StrategySpec spec, ServerOptimizerState state) {
        return fromSpec(spec, state, DEFAULT_THREADS);
    }

    /** @param threads see {@link #DEFAULT_THREADS}; the same bits for every count */
    public static AggregationStrategy fromSpec(StrategySpec spec, ServerOptimizerState state, int threads) {
        Objects.requireNonNull(spec, "spec");
        requireThreads(threads);
        Set<String> allowed = PARAMS.get(spec.name());
        if (allowed == null) {
            throw new IllegalArgumentException(
                    "unknown strategy \"" + spec.name() + "\"; known: " + new TreeSet<>(PARAMS.keySet()));
        }
        for (String key : spec.params().keySet()) {
            if (!allowed.contains(key) && !COMMON.contains(key)) {
                throw new IllegalArgumentException("strategy " + spec.name() + " has no parameter \"" + key
                        + "\"; allowed: " + new TreeSet<>(union(allowed)));
            }
        }
        if (needsOptimizerState(spec) != (state != null)) {
            throw new IllegalArgumentException(
                    needsOptimizerState(spec)
                            ? spec.name() + " needs the previous round's optimizer state"
                            : spec.name() + " takes no optimizer state");
        }
        Map<String, BigDecimal> params = spec.params();
        AggregationStrategy strategy = switch (spec.name()) {
            // SCAFFOLD's server step is FedAvg's with learning rate 1; its control variate is kept beside the model.
            case FEDAVG, SCAFFOLD -> new FedAvg(threads);
            case MEDIAN -> new CoordinateMedian();
            case TRIMMED_MEAN -> new TrimmedMean(required(params, "beta"));
            case MULTI_KRUM -> new MultiKrum(integer(params, "f"), integer(params, "m"));
            case FEDADAM -> new FedAdam(adaptiveParams(spec), state, threads);
            default -> new FedYogi(adaptiveParams(spec), state, threads);
        };
        if (params.containsKey("maxNorm")) {
            strategy = new NormClipped(strategy, required(params, "maxNorm").doubleValue());
        }
        if (flag(params, "reputationWeighted")) {
            strategy = new ReputationWeighted(strategy);
        }
        return new Validated(strategy);
    }

    /** The hyperparameters of {@code fedadam} or {@code fedyogi}: the spec's, defaults for those it leaves out. */
    public static AdaptiveParams adaptiveParams(StrategySpec spec) {
        Map<String, BigDecimal> params = spec.params();
        AdaptiveParams defaults = AdaptiveParams.defaults();
        return new AdaptiveParams(
                number(params, "eta", defaults.eta()),
                number(params, "beta1", defaults.beta1()),
                number(params, "beta2", defaults.beta2()),
                number(params, "tau", defaults.tau()),
                flag(params, "biasCorrection"));
    }

    /** The state before a server optimizer's first round, for a model of {@code parameters} values. */
    public static ServerOptimizerState initialState(StrategySpec spec, int parameters) {
        return ServerOptimizerState.initial(parameters, adaptiveParams(spec).tau());
    }

    private static Set<String> union(Set<String> allowed) {
        Set<String> all = new TreeSet<>(allowed);
        all.addAll(COMMON);
        return all;
    }

    private static BigDecimal required(Map<String, BigDecimal> params, String key) {
        BigDecimal value = params.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing strategy parameter \"" + key + "\"");
        }
        return value;
    }

    private static int integer(Map<String, BigDecimal> params, String key) {
        try {
            return required(params, key).intValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "strategy parameter \"" + key + "\" must be an integer, got "
                            + params.get(key).toPlainString(),
                    e);
        }
    }

    private static double number(Map<String, BigDecimal> params, String key, double fallback) {
        BigDecimal value = params.get(key);
        return value == null ? fallback : value.doubleValue();
    }

    private static boolean flag(Map<String, BigDecimal> params, String key) {
        BigDecimal value = params.get(key);
        if (value == null || value.signum() == 0) {
            return false;
        }
        if (value.compareTo(BigDecimal.ONE) == 0) {
            return true;
        }
        throw new IllegalArgumentException(
                "strategy parameter \"" + key + "\" must be 0 or 1, got " + value.toPlainString());
    }
}
