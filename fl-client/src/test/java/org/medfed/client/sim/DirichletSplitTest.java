package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirichletSplitTest {

    private static int[] labels() {
        int[] y = new int[300];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3;
        }
        return y;
    }

    @Test
    void everyRowGoesToExactlyOneParticipantAndTheSameSeedDealsTheSame() {
        List<List<Integer>> dealt = DirichletSplit.deal(labels(), 3, 4, 0.5, 11);
        Set<Integer> seen = new HashSet<>();
        dealt.forEach(rows -> rows.forEach(r -> assertThat(seen.add(r)).isTrue()));

        assertThat(seen).hasSize(300);
        assertThat(DirichletSplit.deal(labels(), 3, 4, 0.5, 11)).isEqualTo(dealt);
        assertThat(DirichletSplit.deal(labels(), 3, 4, 0.5, 12)).isNotEqualTo(dealt);
    }

    @Test
    void smallAlphaSkewsClassesWhereLargeAlphaBalancesThem() {
        assertThat(largestClassShare(DirichletSplit.deal(labels(), 3, 4, 0.1, 5)))
                .isGreaterThan(0.8);
        assertThat(largestClassShare(DirichletSplit.deal(labels(), 3, 4, 1000, 5)))
                .isLessThan(0.45);
    }

    /** The mean over participants of the share of its most frequent class. */
    private static double largestClassShare(List<List<Integer>> dealt) {
        double sum = 0;
        for (List<Integer> rows : dealt) {
            int[] counts = new int[3];
            rows.forEach(r -> counts[r % 3]++);
            sum += (double) Math.max(counts[0], Math.max(counts[1], counts[2])) / rows.size();
        }
        return sum / dealt.size();
    }
}
