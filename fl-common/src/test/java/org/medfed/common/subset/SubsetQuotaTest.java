package org.medfed.common.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubsetQuotaTest {

    @Test
    void aContributorGivesItsRoundedUpFairShareOrHalfItsRowsOfTheClass() {
        // need 10 per class among 3 contributors: ⌈10/3⌉ = 4; class 0 has only 2 rows here (gives 1), class 2 has 5
        // (gives ⌊5/2⌋ = 2), class 3 one (keeps it)
        assertThat(SubsetQuota.share(new long[] {2, 100, 5, 1}, new long[] {10, 10, 10, 10}, 3))
                .containsExactly(1, 4, 2, 0);
    }

    @Test
    void theLastContributorFillsWhatItCan() {
        assertThat(SubsetQuota.share(new long[] {3, 100, 100}, new long[] {4, 2, 10}, 1))
                .containsExactly(1, 2, 10);
    }

    @Test
    void aClassNoLongerNeededGetsNothing() {
        assertThat(SubsetQuota.share(new long[] {50, 50}, new long[] {0, 5}, 2)).containsExactly(0, 3);
    }

    @Test
    void threeContributorsInTurnFillTheSubsetWhenTheyHaveTheRows() {
        // rowsPerClass 10; site rows per class: a skewed to class 0, b to class 1, c balanced but small
        long[][] have = {{40, 1}, {2, 40}, {10, 10}};
        long[] published = new long[2];
        long[][] given = new long[3][];
        for (int site = 0; site < 3; site++) {
            given[site] = SubsetQuota.share(have[site], SubsetQuota.need(10, published), 3 - site);
            for (int c = 0; c < 2; c++) {
                published[c] += given[site][c];
            }
        }
        // a: ⌈10/3⌉ = 4 of class 0, none of its 1 of class 1; b: ⌈6/2⌉ = 3 → ⌊2/2⌋ = 1 of class 0, ⌈10/2⌉ = 5 of
        // class 1; c, last: the remaining 5 of class 0 and 5 of class 1, half its rows of each
        assertThat(given).isDeepEqualTo(new long[][] {{4, 0}, {1, 5}, {5, 5}});
        assertThat(published).containsExactly(10, 10);
    }

    @Test
    void needIsWhatIsLeftOfRowsPerClassAndNeverNegative() {
        assertThat(SubsetQuota.need(10, new long[] {0, 7, 12})).containsExactly(10, 3, 0);
    }

    @Test
    void refusesMismatchedClassesNoContributorOrNegativeCounts() {
        assertThatThrownBy(() -> SubsetQuota.share(new long[] {1, 2}, new long[] {1}, 1))
                .hasMessage("rows for 2 classes against a need for 1 classes");
        assertThatThrownBy(() -> SubsetQuota.share(new long[] {1}, new long[] {1}, 0))
                .hasMessageContaining("at least this contributor");
        assertThatThrownBy(() -> SubsetQuota.share(new long[] {-1}, new long[] {1}, 1))
                .hasMessageContaining("class 0");
        assertThatThrownBy(() -> SubsetQuota.need(0, new long[] {0})).hasMessageContaining("at least 1 row");
    }

    @Test
    void alphaShareTakesThatShareOfEveryClassRoundedHalfUp() {
        // 0.5 · [10, 3, 0, 7] = [5, 1.5, 0, 3.5]: half up gives [5, 2, 0, 4]
        assertThat(SubsetQuota.alphaShare(new long[] {10, 3, 0, 7}, 0.5)).containsExactly(5, 2, 0, 4);
        // 0.25 · [2, 6, 9] = [0.5, 1.5, 2.25]: [1, 2, 2]
        assertThat(SubsetQuota.alphaShare(new long[] {2, 6, 9}, 0.25)).containsExactly(1, 2, 2);
    }

    @Test
    void alphaShareOfNothingOrAllIsNoRowOrEveryRow() {
        assertThat(SubsetQuota.alphaShare(new long[] {4, 9}, 0)).containsExactly(0, 0);
        assertThat(SubsetQuota.alphaShare(new long[] {4, 9}, 1)).containsExactly(4, 9);
    }

    @Test
    void alphaShareRefusesAShareOutsideTheUnitIntervalAndNegativeCounts() {
        for (double alpha : new double[] {-0.01, 1.01, Double.NaN}) {
            assertThatThrownBy(() -> SubsetQuota.alphaShare(new long[] {4}, alpha))
                    .hasMessageContaining("alpha is a share from 0 to 1");
        }
        assertThatThrownBy(() -> SubsetQuota.alphaShare(new long[] {4, -1}, 0.5))
                .hasMessage("class 1 has -1 rows");
    }
}
