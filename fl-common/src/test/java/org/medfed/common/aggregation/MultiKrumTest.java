package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.common.aggregation.Fixtures.delta;
import static org.medfed.common.aggregation.Fixtures.full;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultiKrumTest {
    /*
     * One parameter, global 0, deltas p0..p4 = 0, 1, 2, 3, 100 with f = 1: each score sums the K − f − 2 = 2
     * smallest squared distances to the others:
     *   p0: 1 + 4 = 5    p1: 1 + 1 = 2    p2: 1 + 1 = 2    p3: 1 + 4 = 5    p4: 9409 + 9604 = 19013
     */
    private static final List<WeightedUpdate> FIVE =
            List.of(delta("p0", 2, 0), delta("p1", 1, 1), delta("p2", 1, 2), delta("p3", 1, 3), delta("p4", 1, 100));

    @Test
    void krumKeepsTheLowestScoreBreakingTiesByParticipantId() {
        AggregationResult result = new MultiKrum(1, 1).aggregate(new float[1], FIVE);

        assertThat(result.stats().selected()).containsExactly("p1");
        assertThat(result.model()).containsExactly(1f);
    }

    @Test
    void multiKrumAveragesTheKeptUpdatesByWeight() {
        // p1, p2 (score 2), then p0 before p3 (both 5): (2·0 + 1·1 + 1·2) / 4 = 0.75
        AggregationResult result = new MultiKrum(1, 3).aggregate(new float[1], Fixtures.shuffled(FIVE, 9));

        assertThat(result.stats().selected()).containsExactly("p0", "p1", "p2");
        assertThat(result.stats().participants()).containsExactly("p0", "p1", "p2", "p3", "p4");
        assertThat(result.stats().totalWeight()).isEqualTo(4.0);
        assertThat(result.stats().bufferedValues()).isEqualTo(5);
        assertThat(result.model()).containsExactly(0.75f);
    }

    @Test
    void keepsAtMostKMinusF() {
        // m = 10 is capped at K − f = 4: (2·0 + 1 + 2 + 3) / 5 = 1.2
        AggregationResult result = new MultiKrum(1, 10).aggregate(new float[1], FIVE);

        assertThat(result.stats().selected()).containsExactly("p0", "p1", "p2", "p3");
        assertThat(result.model()).containsExactly(1.2f);
    }

    @Test
    void scoresByDistanceBetweenDeltasWhateverTheirKind() {
        // global 10: full 10, 11, 12, 13, 110 are the deltas 0, 1, 2, 3, 100 as above
        List<WeightedUpdate> updates =
                List.of(full("p0", 2, 10), delta("p1", 1, 1), full("p2", 1, 12), delta("p3", 1, 3), full("p4", 1, 110));

        AggregationResult result = new MultiKrum(1, 3).aggregate(new float[] {10}, updates);

        assertThat(result.stats().selected()).containsExactly("p0", "p1", "p2");
        assertThat(result.model()).containsExactly(10.75f);
    }

    @Test
    void theAverageOfTheKeptIsBitForBitFedAvgOverThem() {
        Random random = new Random(4);
        float[] global = Fixtures.random(random, 257, 1);
        List<WeightedUpdate> updates = Fixtures.mixed(random, global, 7);

        AggregationResult krum = new MultiKrum(2, 3).aggregate(global, updates);
        List<WeightedUpdate> kept = updates.stream()
                .filter(u -> krum.stats().selected().contains(u.participantId()))
                .toList();

        assertThat(kept).hasSize(3);
        assertThat(Fixtures.bits(krum.model()))
                .containsExactly(
                        Fixtures.bits(new FedAvg().aggregate(global, kept).model()));
    }

    @Test
    void belowTwoFPlusThreeUpdatesItToleratesWhatTheRoundsSizeAllows() {
        MultiKrum krum = new MultiKrum(3, 7);

        assertThat(krum.toleratedFaults(9)).isEqualTo(3);
        assertThat(krum.toleratedFaults(8)).isEqualTo(2);
        assertThat(krum.toleratedFaults(7)).isEqualTo(2);
        assertThat(krum.toleratedFaults(5)).isEqualTo(1);
        assertThat(krum.toleratedFaults(4)).isZero();
        assertThat(krum.toleratedFaults(1)).isZero();
    }

    @Test
    void sevenUpdatesWithFThreeLeaveOutTheTwoMostIsolated() {
        /*
         * Deltas 0, 1, 2, 3, 4, 50, 100 (weight 1) with f = 3: 7 < 2f + 3, so f' = ⌊(7 − 3)/2⌋ = 2 and each score
         * sums the K − f' − 2 = 3 smallest squared distances:
         *   0: 1 + 4 + 9 = 14   1, 2, 3: 6 each   4: 14   50: 2116 + 2209 + 2304 = 6629   100: 2500 + 9216 + 9409
         * m = 7 is capped at K − f' = 5: the five lowest, averaged: (0 + 1 + 2 + 3 + 4) / 5 = 2.
         */
        List<WeightedUpdate> seven = List.of(
                delta("p0", 1, 0),
                delta("p1", 1, 1),
                delta("p2", 1, 2),
                delta("p3", 1, 3),
                delta("p4", 1, 4),
                delta("p5", 1, 50),
                delta("p6", 1, 100));

        AggregationResult result = new MultiKrum(3, 7).aggregate(new float[1], Fixtures.shuffled(seven, 3));

        assertThat(result.stats().selected()).containsExactly("p0", "p1", "p2", "p3", "p4");
        assertThat(result.model()).containsExactly(2f);
    }

    @Test
    void fourUpdatesWithFOneTolerateNoFaultAndKeepUpToM() {
        // f' = 0: m = 10 is capped at K = 4: (2·0 + 1 + 2 + 3) / 5 = 1.2
        AggregationResult result = new MultiKrum(1, 10).aggregate(new float[1], FIVE.subList(0, 4));

        assertThat(result.stats().selected()).containsExactly("p0", "p1", "p2", "p3");
        assertThat(result.model()).containsExactly(1.2f);
    }

    @Test
    void aSingleParticipantGetsItsOwnVectorBackWithFZero() {
        Random random = new Random(5);
        float[] own = Fixtures.random(random, 100, 1);

        AggregationResult result =
                new MultiKrum(0, 1).aggregate(Fixtures.random(random, 100, 1), List.of(full("only", 1, own)));

        assertThat(Fixtures.bits(result.model())).containsExactly(Fixtures.bits(own));
    }

    @Test
    void refusesInvalidParameters() {
        assertThatThrownBy(() -> new MultiKrum(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MultiKrum(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAboveItsMemoryBudget() {
        assertThatThrownBy(() -> new MultiKrum(1, 1, new MemoryBudget(4)).aggregate(new float[1], FIVE))
                .isInstanceOfSatisfying(
                        AggregationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AggregationException.Reason.TOO_LARGE_FOR_STRATEGY));
    }
}
