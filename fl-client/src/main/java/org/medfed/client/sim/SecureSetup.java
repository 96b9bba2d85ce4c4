package org.medfed.client.sim;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.secagg.SecureStep;

/**
 * A simulated secure task: what {@link SecureRounds} needs to create it and play its rounds.
 *
 * @param shape        the model (its initial-model reference is replaced by the initial model's own)
 * @param initial      the initial global model
 * @param dp           the task's DP policy: C, σ (each masked input's), δ and the ε cap
 * @param secure       the task's secure aggregation: k, t, n_min, q, grid bits, input bound, phase lengths
 * @param learningRate η of the step on the unmasked sum
 * @param rounds       the task's rounds
 * @param sites        the sites' names, in input order
 * @param rows         each site's registered dataset row count, in input order
 * @param schemaSha256 the datasets' schema fingerprint
 */
record SecureSetup(
        ModelSpec shape,
        float[] initial,
        DpPolicy dp,
        SecureAggregationSpec secure,
        BigDecimal learningRate,
        int rounds,
        List<String> sites,
        List<Long> rows,
        String schemaSha256) {
    /** Phase lengths: ledger time is the simulation's, so they only need to be distinct seconds. */
    static final long KEYS_SECONDS = 10;

    static final long SHARES_SECONDS = 10;
    static final long UNMASK_SECONDS = 10;

    SecureSetup {
        Objects.requireNonNull(shape, "shape");
        initial = initial.clone();
        Objects.requireNonNull(dp, "dp");
        Objects.requireNonNull(secure, "secure");
        Objects.requireNonNull(learningRate, "learningRate");
        sites = List.copyOf(sites);
        rows = List.copyOf(rows);
        Objects.requireNonNull(schemaSha256, "schemaSha256");
        if (sites.size() != rows.size()) {
            throw new IllegalArgumentException(sites.size() + " sites, " + rows.size() + " row counts");
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1");
        }
    }

    @Override
    public float[] initial() {
        return initial.clone();
    }

    /**
     * The secure aggregation of a task over {@code sites} sites with n_min {@code minSurvivors}: k the largest even
     * degree below the number of sites (at least 2: then everyone is everyone's neighbour), t = k/2 + 1, so that
     * with every site surviving any holder's share is enough beyond the threshold.
     */
    static SecureAggregationSpec spec(
            int sites, long minSurvivors, BigDecimal samplingRate, int gridBits, long inputBound) {
        long k = Math.max(2, (sites - 1) / 2 * 2);
        return new SecureAggregationSpec(
                k,
                k / 2 + 1,
                minSurvivors,
                samplingRate,
                gridBits,
                inputBound,
                SecureAggregationSpec.MODULUS_BITS,
                KEYS_SECONDS,
                SHARES_SECONDS,
                UNMASK_SECONDS);
    }

    /** N: every site survives. */
    long totalRows() {
        return rows.stream().mapToLong(Long::longValue).sum();
    }

    /** The step on the unmasked sum, from the task's decimals as the chaincode reads them. */
    SecureStep step() {
        return new SecureStep(
                decimal(dp.clipNorm()),
                (int) secure.quantizationBits(),
                decimal(learningRate),
                decimal(secure.samplingRate()),
                totalRows());
    }

    private static double decimal(BigDecimal value) {
        return Double.parseDouble(value.toString());
    }
}
