package org.medfed.client.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.common.budget.DpCharge;
import org.medfed.common.budget.RdpEpsilonAccountant;
import org.medfed.common.dp.EpsilonConversion;

/**
 * The smallest noise multiplier (to three significant digits, rounded up) under which every run stays within a
 * target ε, found by bisection with the ledger's own accountant over the charges the ledger would record (one per
 * round). ε falls as σ grows, so bisection (geometric, 24 halvings of [0.05, 200]: σ to about 5e-7 relative) finds
 * the boundary; the result is then rounded up and checked.
 */
public final class NoiseCalibration {
    private static final RdpEpsilonAccountant ACCOUNTANT = new RdpEpsilonAccountant();
    /** Memo of a pure function (seeds of one sweep share their participants' sizes), bounded. */
    private static final Map<List<Object>, BigDecimal> CACHE = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, BigDecimal> eldest) {
            return size() > 256;
        }
    };

    /** One participant's run: its sampling rate and steps per round. */
    public record Run(BigDecimal samplingRate, long stepsPerRound) {}

    private NoiseCalibration() {}

    public static BigDecimal sigma(double targetEpsilon, BigDecimal delta, List<Run> runs, int rounds) {
        List<Object> key = List.of(targetEpsilon, delta, List.copyOf(runs), rounds);
        synchronized (CACHE) {
            BigDecimal known = CACHE.get(key);
            if (known != null) {
                return known;
            }
        }
        BigDecimal sigma = search(targetEpsilon, delta, runs, rounds);
        synchronized (CACHE) {
            CACHE.put(key, sigma);
        }
        return sigma;
    }

    private static BigDecimal search(double targetEpsilon, BigDecimal delta, List<Run> runs, int rounds) {
        double low = 0.05;
        double high = 200;
        if (epsilon(BigDecimal.valueOf(high), delta, runs, rounds) > targetEpsilon) {
            throw new IllegalArgumentException("no noise multiplier up to " + high + " keeps ε within " + targetEpsilon
                    + "; ask for a larger ε or fewer rounds");
        }
        for (int i = 0; i < 24; i++) {
            double mid = Math.sqrt(low * high);
            if (epsilon(BigDecimal.valueOf(mid), delta, runs, rounds) > targetEpsilon) {
                low = mid;
            } else {
                high = mid;
            }
        }
        BigDecimal sigma = new BigDecimal(high).round(new MathContext(3, RoundingMode.CEILING));
        while (epsilon(sigma, delta, runs, rounds) > targetEpsilon) {
            sigma = sigma.add(sigma.ulp());
        }
        return sigma;
    }

    /** The largest ε over the runs after {@code rounds} rounds at noise multiplier {@code sigma}. */
    public static double epsilon(BigDecimal sigma, BigDecimal delta, List<Run> runs, int rounds) {
        double worst = 0;
        for (Run run : runs) {
            List<DpCharge> history = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                history.add(new DpCharge(r, run.samplingRate(), sigma, run.stepsPerRound()));
            }
            worst = Math.max(
                    worst,
                    ACCOUNTANT
                            .epsilon(history, delta, EpsilonConversion.IMPROVED)
                            .epsilon());
        }
        return worst;
    }
}
