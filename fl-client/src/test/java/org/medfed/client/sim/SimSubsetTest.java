package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.federation.SubsetPlan;
import org.medfed.client.ledger.SubsetLedger;
import org.medfed.client.ledger.SubsetView;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.SharedSubsetSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.WarmUpSpec;
import org.medfed.common.reputation.ReputationPolicy;
import org.medfed.common.subset.WarmUpRecord;

/** A simulated two-stage task's stage 1, on the in-process embedded ledger (no port): what leaves which site. */
class SimSubsetTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");

    /** A site with {@code counts[c]} rows of class c, numbered from {@code first} in feature 0. */
    private static TabularDataset site(int first, int... counts) {
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                x.add(new float[] {(first + x.size()) / 1000f});
                y.add(c);
            }
        }
        return new TabularDataset(
                x.toArray(float[][]::new),
                y.stream().mapToInt(Integer::intValue).toArray(),
                List.of("id"),
                CLASSES);
    }

    private static Set<Float> ids(TabularDataset data) {
        Set<Float> ids = new HashSet<>();
        for (float[] row : data.features()) {
            ids.add(row[0]);
        }
        return ids;
    }

    @Test
    void eachSiteGivesItsFairShareWhichLeavesItsRowsAndTheLedgerWarmsUpOnAll() throws Exception {
        List<TabularDataset> sites = List.of(site(0, 10, 0, 5), site(100, 2, 8, 5), site(200, 0, 4, 10));
        // 44 rows, β 0.2: ⌈0.2 · 44 / 3⌉ = 3 rows of each class. Site 0 gives ⌈3/3⌉ = 1 of a and 1 of c (it has no
        // b); site 1 ⌈2/2⌉ = 1 of a, ⌈3/2⌉ = 2 of b, ⌈2/2⌉ = 1 of c; the last gives what is still needed, 1 of b and
        // 1 of c, but has no a: class a falls one short.
        SubsetPlan plan = new SubsetPlan(
                new BigDecimal("0.2"), new BigDecimal("0.5"), TwoStage.CONSENT, new WarmUpSpec(5, BigDecimal.ONE));
        try (SimTask task = new SimTask(SimNetwork.shared())) {
            for (int i = 0; i < sites.size(); i++) {
                task.join("site" + i, sites.get(i).rowCount(), "0".repeat(64));
            }
            ModelSpec model = new ModelSpec(ModelSpec.MLP, 1, List.of(), "relu", 3, task.put(new float[6]));
            SharedSubsetSpec subset = plan.spec(task.datasetIds(), 44, 3);
            task.create(new TaskSpec(
                            task.id(),
                            "two-stage",
                            model,
                            new TrainingSpec(1, 32, BigDecimal.ONE, "sgd", BigDecimal.ZERO),
                            2,
                            1,
                            3600,
                            1,
                            new StrategySpec("fedavg", new TreeMap<>()),
                            null,
                            ReputationPolicy.defaults(),
                            task.participantIds(),
                            task.datasetIds())
                    .withSharedSubset(subset));

            SimSubset.Stages stages = SimSubset.warmUp(task, sites, subset, model, 1);

            SubsetView view = new SubsetLedger(task.client(0)).subset(task.id()).value();
            assertThat(view.status()).isEqualTo(SubsetView.WARMED);
            assertThat(view.classTotals()).containsExactly(2L, 3L, 3L);
            assertThat(view.contributions().stream().map(c -> c.classCounts()).toList())
                    .containsExactly(List.of(1L, 0L, 1L), List.of(1L, 2L, 1L), List.of(0L, 1L, 1L));
            for (int i = 0; i < sites.size(); i++) {
                Set<Float> kept = ids(stages.own().get(i));
                Set<Float> before = ids(sites.get(i));
                assertThat(before).containsAll(kept);
                assertThat(before.size() - kept.size())
                        .as("site %d gave exactly its contribution", i)
                        .isEqualTo((int) view.contributions().get(i).rows());
                // α 0.5 of (2, 3, 3) rows, rounded half up: 1, 2 and 2
                assertThat(stages.shared().get(i).y()).hasSize(5);
                assertThat(stages.stage2().get(i).rowCount()).isEqualTo(kept.size() + 5);
            }
            WarmUpRecord warmUp = stages.warmUp();
            assertThat(warmUp.request().used()).containsExactlyElementsOf(task.datasetIds());
            assertThat(warmUp.request().classCounts()).containsExactly(2L, 3L, 3L);
            assertThat(warmUp.request().warmModel()).isNotEqualTo(model.initialModel());
            assertThat(task.round(1).baseModel()).isEqualTo(warmUp.request().warmModel());
        }
    }
}
