package org.medfed.common.aggregation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.medfed.common.model.UpdateKind;

/**
 * Coordinate-wise trimmed mean (Yin et al. 2018): for each parameter j, sort the K deltas, drop the
 * {@code t = ⌊β·K⌋} smallest and the t largest, and average the remaining {@code K − 2t} (unweighted):
 * {@code x'_j = x_j + mean(kept)}. β ∈ [0, 1/2); β = 0 is the plain unweighted mean. ⌊β·K⌋ is computed exactly
 * (β is a decimal, as in the task spec). Because β &lt; 1/2, at least one value always remains.
 *
 * <p>Buffered: it holds all K updates (K × P floats) and refuses above its {@link MemoryBudget}.
 */
public final class TrimmedMean implements AggregationStrategy {
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private final BigDecimal beta;
    private final MemoryBudget budget;

    public TrimmedMean(BigDecimal beta) {
        this(beta, MemoryBudget.DEFAULT);
    }

    public TrimmedMean(BigDecimal beta, MemoryBudget budget) {
        Objects.requireNonNull(beta, "beta");
        if (beta.signum() < 0 || beta.compareTo(HALF) >= 0) {
            throw new IllegalArgumentException("beta must be in [0, 0.5), got " + beta.toPlainString());
        }
        this.beta = beta;
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** How many values are dropped at each end of a column of {@code k}: ⌊β·k⌋, exactly. */
    public int trimmedPerSide(int k) {
        return beta.multiply(BigDecimal.valueOf(k))
                .setScale(0, RoundingMode.FLOOR)
                .intValueExact();
    }

    @Override
    public AggregationResult aggregate(float[] global, List<WeightedUpdate> updates) {
        List<WeightedUpdate> sorted = Canonical.order(global, updates);
        double total = Canonical.totalWeight(sorted);
        int k = sorted.size();
        int trim = trimmedPerSide(k);
        int kept = k - 2 * trim; // at least 1: 2⌊βK⌋ ≤ 2βK < K because β < 1/2
        float[][] rows = Canonical.buffer(toString(), budget, global, sorted);
        UpdateKind[] kinds = Canonical.kinds(sorted);
        double[] column = new double[k];
        float[] model = new float[global.length];
        for (int j = 0; j < global.length; j++) {
            for (int i = 0; i < k; i++) {
                column[i] = Canonical.delta(kinds[i], rows[i][j], global[j]);
            }
            Arrays.sort(column);
            double sum = 0;
            for (int i = trim; i < k - trim; i++) {
                sum += column[i];
            }
            model[j] = Canonical.step(global[j], sum / kept);
        }
        List<String> ids = Canonical.ids(sorted);
        return new AggregationResult(model, new AggregationStats(ids, ids, List.of(), total, (long) k * global.length));
    }

    @Override
    public String toString() {
        return "trimmed-mean(beta=" + beta.toPlainString() + ")";
    }
}
