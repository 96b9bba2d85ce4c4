package org.medfed.common.aggregation;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.medfed.common.model.UpdateKind;

/**
 * Coordinate-wise median (Yin et al. 2018): for each parameter j, {@code x'_j = x_j + median_i(Δ_ij)}; for an even
 * number of updates the mean of the two middle deltas. Weights are not used. Tolerates fewer than half of the
 * updates being arbitrary.
 *
 * <p>Buffered: it holds all K updates (K × P floats) and refuses above its {@link MemoryBudget}.
 */
public final class CoordinateMedian implements AggregationStrategy {
    private final MemoryBudget budget;

    public CoordinateMedian() {
        this(MemoryBudget.DEFAULT);
    }

    public CoordinateMedian(MemoryBudget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public AggregationResult aggregate(float[] global, List<WeightedUpdate> updates) {
        List<WeightedUpdate> sorted = Canonical.order(global, updates);
        double total = Canonical.totalWeight(sorted);
        float[][] rows = Canonical.buffer(toString(), budget, global, sorted);
        UpdateKind[] kinds = Canonical.kinds(sorted);
        int k = rows.length;
        double[] column = new double[k];
        float[] model = new float[global.length];
        for (int j = 0; j < global.length; j++) {
            for (int i = 0; i < k; i++) {
                column[i] = Canonical.delta(kinds[i], rows[i][j], global[j]);
            }
            Arrays.sort(column);
            model[j] = Canonical.step(global[j], k % 2 == 1 ? column[k / 2] : (column[k / 2 - 1] + column[k / 2]) / 2);
        }
        List<String> ids = Canonical.ids(sorted);
        return new AggregationResult(model, new AggregationStats(ids, ids, List.of(), total, (long) k * global.length));
    }

    @Override
    public String toString() {
        return "median";
    }
}
