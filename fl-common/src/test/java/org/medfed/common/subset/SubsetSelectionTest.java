package org.medfed.common.subset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubsetSelectionTest {
    /** A skewed site: 90 rows of class 0, 8 of class 1, 2 of class 2. */
    private static final int[] SKEWED =
            IntStream.range(0, 100).map(row -> row < 90 ? 0 : row < 98 ? 1 : 2).toArray();

    @Test
    void takesExactlyThatManyRowsOfEveryClassHoweverSkewedTheSite() {
        int[] chosen = SubsetSelection.perClass(SKEWED, 3, 2, 7);

        assertThat(chosen).hasSize(6).isSorted().doesNotHaveDuplicates();
        for (int c = 0; c < 3; c++) {
            int cls = c;
            assertThat(Arrays.stream(chosen).filter(row -> SKEWED[row] == cls).count())
                    .as("rows of class %d", c)
                    .isEqualTo(2);
        }
    }

    @Test
    void theSameSeedNamesTheSameRowsAndAnotherSeedOthers() {
        assertThat(SubsetSelection.perClass(SKEWED, 3, 2, 7))
                .containsExactly(SubsetSelection.perClass(SKEWED, 3, 2, 7));
        int[][] draws = IntStream.range(0, 20)
                .mapToObj(seed -> SubsetSelection.perClass(SKEWED, 3, 2, seed))
                .toArray(int[][]::new);
        assertThat(Arrays.stream(draws).map(Arrays::toString).distinct().count())
                .isGreaterThan(1);
    }

    @Test
    void drawsUniformlyWithinAClass() {
        // 4000 draws of 1 row of class 0 among its 90: each row expected 44.4 times; a seeded chi-square test at
        // 89 degrees of freedom stays below its 0.999 quantile (about 135).
        int[] counts = new int[90];
        for (int seed = 0; seed < 4000; seed++) {
            int[] chosen = SubsetSelection.perClass(SKEWED, 3, 1, seed);
            counts[chosen[0]]++;
        }
        double expected = 4000.0 / 90;
        double chiSquare = Arrays.stream(counts)
                .mapToDouble(n -> (n - expected) * (n - expected) / expected)
                .sum();
        assertThat(chiSquare).isLessThan(135);
    }

    @Test
    void theSharedRowsLeaveTheSite() {
        int[] chosen = SubsetSelection.perClass(SKEWED, 3, 2, 7);
        int[] rest = SubsetSelection.rest(SKEWED.length, chosen);

        assertThat(rest).hasSize(94).isSorted();
        assertThat(rest).doesNotContain(chosen);
        assertThat(IntStream.concat(Arrays.stream(rest), Arrays.stream(chosen))
                        .sorted()
                        .toArray())
                .containsExactly(IntStream.range(0, 100).toArray());
    }

    @Test
    void refusesAClassTooSmallForABalancedSubsetAndNamesIt() {
        assertThatThrownBy(() -> SubsetSelection.perClass(SKEWED, 3, 3, 7))
                .hasMessage("class 2 has 2 training rows, fewer than the 3 the shared subset asks this site for");
        assertThatThrownBy(() -> SubsetSelection.perClass(new int[] {0, 1, 3}, 3, 1, 7))
                .hasMessage("row 2 has class 3, not one of 0 to 2");
        assertThatThrownBy(() -> SubsetSelection.rest(3, new int[] {1, 1}))
                .hasMessage("row 1 is not a distinct row of 3");
    }

    @Test
    void byQuotaTakesEachClassesQuota() {
        int[] chosen = SubsetSelection.byQuota(SKEWED, new long[] {5, 0, 1}, 3);

        assertThat(chosen).hasSize(6).isSorted().doesNotHaveDuplicates();
        assertThat(Arrays.stream(chosen).map(row -> SKEWED[row]).toArray()).containsExactly(0, 0, 0, 0, 0, 2);
    }

    @Test
    void aQuotaOfAWholeClassTakesAllItsRows() {
        // rows 0..5 of classes 0, 1, 0, 2, 1, 0: quotas of 3, 2 and 1 are every row, whatever the seed
        int[] labels = {0, 1, 0, 2, 1, 0};
        for (long seed = 0; seed < 5; seed++) {
            assertThat(SubsetSelection.byQuota(labels, new long[] {3, 2, 1}, seed))
                    .containsExactly(0, 1, 2, 3, 4, 5);
        }
        assertThat(SubsetSelection.byQuota(labels, new long[] {0, 2, 0}, 9)).containsExactly(1, 4);
        assertThat(SubsetSelection.byQuota(labels, new long[] {0, 0, 0}, 9)).isEmpty();
    }

    @Test
    void byQuotaIsSeededAndPerClassIsAnEqualQuota() {
        long[] quota = {4, 3, 1};
        assertThat(SubsetSelection.byQuota(SKEWED, quota, 21))
                .containsExactly(SubsetSelection.byQuota(SKEWED, quota, 21));
        assertThat(IntStream.range(0, 20)
                        .mapToObj(seed -> Arrays.toString(SubsetSelection.byQuota(SKEWED, quota, seed)))
                        .distinct()
                        .count())
                .isGreaterThan(1);
        assertThat(SubsetSelection.perClass(SKEWED, 3, 2, 7))
                .containsExactly(SubsetSelection.byQuota(SKEWED, new long[] {2, 2, 2}, 7));
    }

    @Test
    void byQuotaRefusesANegativeQuotaATooSmallClassAndLabelsBeyondTheQuotas() {
        assertThatThrownBy(() -> SubsetSelection.byQuota(SKEWED, new long[] {1, -1, 0}, 1))
                .hasMessage("a quota cannot be negative, got -1");
        assertThatThrownBy(() -> SubsetSelection.byQuota(SKEWED, new long[] {1, 9, 0}, 1))
                .hasMessage("class 1 has 8 training rows, fewer than the 9 the shared subset asks this site for");
        assertThatThrownBy(() -> SubsetSelection.byQuota(SKEWED, new long[] {1, 1}, 1))
                .hasMessage("row 98 has class 2, not one of 0 to 1");
    }
}
