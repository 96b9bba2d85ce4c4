package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.medfed.client.data.TabularDataset;
import org.medfed.common.model.ModelSpec;

class TwoStageTest {
    private static final List<String> CLASSES = List.of("a", "b", "c");

    /**
     * A stand-in for fl-common's quota, not its rule: the first contributor gives all it can of what is still
     * needed. It records the contributors' class counts and how many were left, in the order it was asked.
     */
    private static final class Greedy implements TwoStage.Rules {
        final List<String> asked = new ArrayList<>();

        @Override
        public long[] share(long[] have, long[] need, int contributorsLeft) {
            asked.add(java.util.Arrays.toString(have) + " left " + contributorsLeft);
            long[] give = new long[have.length];
            for (int c = 0; c < have.length; c++) {
                give[c] = Math.min(have[c], need[c]);
            }
            return give;
        }

        @Override
        public float[] warmUp(ModelSpec spec, float[] initial, float[][] x, int[] y, long epochs, double rate) {
            return initial;
        }
    }

    /** A site with {@code counts[c]} rows of class c, numbered from {@code first} in feature 0. */
    private static TabularDataset site(int first, int... counts) {
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++) {
                x.add(new float[] {first + x.size()});
                y.add(c);
            }
        }
        return new TabularDataset(
                x.toArray(float[][]::new),
                y.stream().mapToInt(Integer::intValue).toArray(),
                List.of("id"),
                CLASSES);
    }

    private static SimData sites() {
        // listed p2, p1, p3 on purpose: contributors give in ascending name order
        return new SimData(
                List.of("p2", "p1", "p3"),
                List.of(site(100, 2, 8, 5), site(0, 10, 0, 5), site(200, 0, 4, 10)),
                site(900, 1, 1, 1));
    }

    private static Set<Float> ids(TabularDataset data) {
        Set<Float> ids = new HashSet<>();
        for (float[] row : data.features()) {
            ids.add(row[0]);
        }
        return ids;
    }

    @Test
    void theSubsetIsBalancedAndTakenFromTheSitesTrainingRowsInNameOrder() {
        Greedy rules = new Greedy();

        // 44 training rows, β 0.2: round(0.2 · 44 / 3) = 3 rows per class. p1 gives 3 of a and 3 of c, p2 the 3 of b
        // still needed, p3 nothing.
        TwoStage.Shared shared = TwoStage.share(sites(), 0.2, 0.5, 1, rules);

        assertThat(rules.asked).containsExactly("[10, 0, 5] left 3", "[2, 8, 5] left 2", "[0, 4, 10] left 1");
        assertThat(shared.subset().classCounts()).containsExactly(3, 3, 3);
        assertThat(shared.given()).containsExactly(3, 6, 0);
        assertThat(ids(shared.subset())).allMatch(id -> id < 200);
        assertThat(shared.stage2().test().features())
                .isDeepEqualTo(sites().test().features());
    }

    @Test
    void theRowsASiteGaveLeaveItsOwnRowsAndEverySiteAddsItsAlphaShareOfTheSubset() {
        TwoStage.Shared shared = TwoStage.share(sites(), 0.2, 0.5, 1, new Greedy());
        Set<Float> subset = ids(shared.subset());

        // α 0.5: round(1.5) = 2 rows of each of the subset's classes
        int[] own = {15 - 3, 15 - 6, 14};
        for (int i = 0; i < 3; i++) {
            TabularDataset stage2 = shared.stage2().trains().get(i);
            Set<Float> before = ids(sites().trains().get(i));
            long kept = ids(stage2).stream()
                    .filter(id -> before.contains(id) && !subset.contains(id))
                    .count();
            long added = ids(stage2).stream().filter(subset::contains).count();
            assertThat(kept).as("site %s keeps its rows it did not give", i).isEqualTo(own[i]);
            assertThat(added).isEqualTo(6);
            assertThat(stage2.rowCount()).isEqualTo(own[i] + 6);
        }
    }

    @Test
    void aSiteLeftWithoutRowsIsRefused() {
        SimData tiny =
                new SimData(List.of("p1", "p2"), List.of(site(0, 1, 1, 1), site(10, 1, 1, 1)), site(900, 1, 1, 1));

        // β 1: round(6 / 3) = 2 per class, so p1 gives all its rows; α 0.1 of 2 rows per class rounds to none
        assertThatThrownBy(() -> TwoStage.share(tiny, 1, 0.1, 1, new Greedy()))
                .hasMessageContaining("site p1 gave all its rows to the shared subset");
    }
}
