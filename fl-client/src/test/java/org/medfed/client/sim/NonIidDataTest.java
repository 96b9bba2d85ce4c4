package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.medfed.client.data.TabularDataset;

class NonIidDataTest {

    /** 300 rows: 150 of class 0, 100 of class 1, 50 of class 2; feature 0 is the row's number, to trace it. */
    static TabularDataset table() {
        float[][] x = new float[300][];
        int[] y = new int[300];
        for (int r = 0; r < 300; r++) {
            x[r] = new float[] {r, r % 7};
            y[r] = r < 150 ? 0 : r < 250 ? 1 : 2;
        }
        return new TabularDataset(x, y, List.of("row", "mod"), List.of("a", "b", "c"));
    }

    @Test
    void theTestSetHasEqualRowsPerClassAndEveryOtherRowGoesToExactlyOneSite() {
        NonIidData data = NonIidData.prepare(table(), new SimData.Dirichlet(4, 0.3), 0.2, 5);

        // ⌊0.2 · 300 / 3⌋ = 20 per class (class c has 50 rows, half of which is 25, so no cap)
        assertThat(data.sites().test().classCounts()).containsExactly(20, 20, 20);
        Set<Float> seen = new HashSet<>();
        List<TabularDataset> parts = new ArrayList<>(data.sites().trains());
        parts.addAll(data.siteTests());
        parts.add(data.sites().test());
        parts.forEach(part -> {
            for (float[] row : part.features()) {
                assertThat(seen.add(row[0])).as("row %s dealt once", row[0]).isTrue();
            }
        });
        assertThat(seen).hasSize(300);
        assertThat(NonIidData.prepare(table(), new SimData.Dirichlet(4, 0.3), 0.2, 5)
                        .siteTests()
                        .get(0)
                        .features())
                .isDeepEqualTo(data.siteTests().get(0).features());
    }

    @Test
    void theTestSetTakesAtMostHalfOfTheSmallestClass() {
        // 0.4 · 300 / 3 = 40 per class, but class c has 50 rows: at most 25
        NonIidData data = NonIidData.prepare(table(), new SimData.Iid(3), 0.4, 5);

        assertThat(data.sites().test().classCounts()).containsExactly(25, 25, 25);
    }

    @Test
    void eachSiteHoldsBackAStratifiedFifthOfItsShare() {
        NonIidData data = NonIidData.prepare(table(), new SimData.Iid(3), 0.2, 5);

        // IID: 240 rows left (130, 80, 30), dealt round robin per class: each site gets about 43, 27 and 10, and holds
        // back round(20 %) of each class
        for (int i = 0; i < 3; i++) {
            int[] train = data.sites().trains().get(i).classCounts();
            int[] held = data.siteTests().get(i).classCounts();
            for (int c = 0; c < 3; c++) {
                assertThat(held[c]).isEqualTo(Math.round((train[c] + held[c]) * 0.2f));
            }
        }
    }

    @Test
    void aSiteWhoseFifthRoundsToNothingStillHoldsBackOneRowOfItsLargestClass() {
        // two rows of class 1, one of class 0: round(0.4) = round(0.2) = 0 → one row of class 1
        boolean[] held = NonIidData.heldBack(new int[] {1, 0, 1}, 2, new SplittableRandom(1));

        int count = 0;
        for (int r = 0; r < held.length; r++) {
            count += held[r] ? 1 : 0;
        }
        assertThat(count).isEqualTo(1);
        assertThat(held[1]).isFalse();
    }
}
