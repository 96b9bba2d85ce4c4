package org.medfed.common.aggregation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.medfed.common.model.UpdateKind;

/**
 * Multi-Krum (Blanchard et al. 2017; El Mhamdi et al. 2018) for up to f Byzantine updates. Each update i gets the
 * score {@code s_i = Σ ‖Δ_i − Δ_l‖²} over its {@code K − f − 2} nearest other updates; the {@code m} updates with
 * the lowest scores (ties: canonical order) are kept and averaged like {@link FedAvg}:
 * {@code x' = x + Σ_{i kept} (w_i / W_kept) · Δ_i}. With m = 1 this is Krum.
 *
 * <p>Krum's guarantee needs {@code K ≥ 2f + 3} (the Krum condition K &gt; 2f + 2). A round with fewer updates is
 * aggregated tolerating what its K allows, {@code f' = min(f, ⌊(K − 3)/2⌋)} (0 for K ≤ 4), instead of being refused:
 * refusing stopped the task for good once reputation had excluded the attackers, since the excluded never come back
 * and every later round is as small (issue 18). Every update but the f' most isolated may then go in; the rule is a
 * function of K alone, so {@code medfed verify} recomputes the same selection. Because K varies from round to round
 * while m is fixed in the task, m is capped at {@code K − f'}.
 * Buffered: it holds all K updates (K × P floats) plus K × K distances and refuses above its {@link MemoryBudget};
 * the distances cost K(K − 1)/2 · P multiply-adds.
 */
public final class MultiKrum implements AggregationStrategy {
    private final int f;
    private final int m;
    private final MemoryBudget budget;

    public MultiKrum(int f, int m) {
        this(f, m, MemoryBudget.DEFAULT);
    }

    public MultiKrum(int f, int m, MemoryBudget budget) {
        if (f < 0) {
            throw new IllegalArgumentException("f must be at least 0, got " + f);
        }
        if (m < 1) {
            throw new IllegalArgumentException("m must be at least 1, got " + m);
        }
        this.f = f;
        this.m = m;
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    @Override
    public AggregationResult aggregate(float[] global, List<WeightedUpdate> updates) {
        List<WeightedUpdate> sorted = Canonical.order(global, updates);
        Canonical.totalWeight(sorted);
        int k = sorted.size();
        int tolerated = toleratedFaults(k);
        float[][] rows = Canonical.buffer(toString(), budget, global, sorted);
        UpdateKind[] kinds = Canonical.kinds(sorted);
        double[] scores = scores(global, rows, kinds, tolerated);

        Integer[] ranking = new Integer[k];
        for (int i = 0; i < k; i++) {
            ranking[i] = i;
        }
        Arrays.sort(ranking, (a, b) -> {
            int byScore = Double.compare(scores[a], scores[b]);
            return byScore != 0 ? byScore : Integer.compare(a, b);
        });
        int keep = Math.min(m, k - tolerated);
        int[] kept = new int[keep];
        for (int r = 0; r < keep; r++) {
            kept[r] = ranking[r];
        }
        Arrays.sort(kept);

        List<String> selected = new ArrayList<>(keep);
        double total = 0;
        for (int i : kept) {
            selected.add(sorted.get(i).participantId());
            total += sorted.get(i).weight();
        }
        double[] delta = new double[global.length];
        for (int i : kept) {
            Canonical.accumulate(delta, rows[i], global, kinds[i], sorted.get(i).weight() / total);
        }
        return new AggregationResult(
                Canonical.apply(global, delta),
                new AggregationStats(Canonical.ids(sorted), selected, List.of(), total, (long) k * global.length));
    }

    /** The Byzantine updates a round of {@code k} can tolerate: f, or fewer when k &lt; 2f + 3 (never below 0). */
    public int toleratedFaults(int k) {
        return Math.max(0, Math.min(f, (k - 3) / 2));
    }

    /** Each update's Krum score: the sum of its {@code K − f' − 2} smallest squared distances to the others. */
    private double[] scores(float[] global, float[][] rows, UpdateKind[] kinds, int tolerated) {
        int k = rows.length;
        double[][] distance = new double[k][k];
        for (int i = 0; i < k; i++) {
            for (int l = i + 1; l < k; l++) {
                double sum = 0;
                for (int j = 0; j < global.length; j++) {
                    double d = Canonical.delta(kinds[i], rows[i][j], global[j])
                            - Canonical.delta(kinds[l], rows[l][j], global[j]);
                    sum += d * d;
                }
                distance[i][l] = sum;
                distance[l][i] = sum;
            }
        }
        int neighbours = Math.max(0, k - tolerated - 2);
        double[] scores = new double[k];
        double[] others = new double[k - 1];
        for (int i = 0; i < k; i++) {
            int n = 0;
            for (int l = 0; l < k; l++) {
                if (l != i) {
                    others[n++] = distance[i][l];
                }
            }
            Arrays.sort(others);
            double score = 0;
            for (int r = 0; r < neighbours; r++) {
                score += others[r];
            }
            scores[i] = score;
        }
        return scores;
    }

    @Override
    public String toString() {
        return "multi-krum(f=" + f + ",m=" + m + ")";
    }
}
