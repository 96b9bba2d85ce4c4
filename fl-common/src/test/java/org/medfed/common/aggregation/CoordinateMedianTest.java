package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.common.aggregation.Fixtures.delta;
import static org.medfed.common.aggregation.Fixtures.full;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CoordinateMedianTest {
    private final CoordinateMedian median = new CoordinateMedian();

    @Test
    void takesTheMiddleDeltaOfAnOddCount() {
        // columns (1, 2, 10) → 2, (5, 3, 4) → 4, (-1, 0, 7) → 0
        AggregationResult result = median.aggregate(
                new float[3], List.of(delta("a", 1, 1, 5, -1), delta("b", 1, 2, 3, 0), delta("c", 1, 10, 4, 7)));

        assertThat(result.model()).containsExactly(2f, 4f, 0f);
        assertThat(result.stats().bufferedValues()).isEqualTo(9);
    }

    @Test
    void averagesTheTwoMiddleDeltasOfAnEvenCount() {
        // columns (0, 1, 2, 10) → 1.5, (0, 3, 4, 5) → 3.5, (-1, 0, 7, 100) → 3.5; added to global [1, 1, 1]
        AggregationResult result = median.aggregate(
                new float[] {1, 1, 1},
                List.of(full("a", 1, 2, 6, 0), full("b", 1, 3, 4, 1), full("c", 1, 11, 5, 8), full("d", 1, 1, 1, 101)));

        assertThat(result.model()).containsExactly(2.5f, 4.5f, 4.5f);
    }

    @Test
    void ignoresWeights() {
        AggregationResult result =
                median.aggregate(new float[1], List.of(delta("a", 1000, 1), delta("b", 1, 2), delta("c", 1, 3)));

        assertThat(result.model()).containsExactly(2f);
    }

    @Test
    void aSingleParticipantGetsItsOwnVectorBack() {
        Random random = new Random(2);
        float[] own = Fixtures.random(random, 500, 2);

        AggregationResult result = median.aggregate(Fixtures.random(random, 500, 2), List.of(full("only", 3, own)));

        assertThat(Fixtures.bits(result.model())).containsExactly(Fixtures.bits(own));
    }

    @Test
    void refusesAboveItsMemoryBudgetBeforeReadingAnything() {
        Fixtures.Ledger ledger = new Fixtures.Ledger();
        List<WeightedUpdate> updates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            updates.add(WeightedUpdate.of(
                    "p" + i,
                    org.medfed.common.model.UpdateKind.DELTA,
                    1,
                    java.math.BigDecimal.ONE,
                    new Fixtures.CountingSource(ledger, i)));
        }

        assertThatThrownBy(() -> new CoordinateMedian(new MemoryBudget(11)).aggregate(new float[4], updates))
                .isInstanceOfSatisfying(AggregationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AggregationException.Reason.TOO_LARGE_FOR_STRATEGY);
                    assertThat(e.participantId()).isEmpty();
                    assertThat(e.getMessage()).contains("3 updates × 4 parameters = 12 values");
                });
        assertThat(ledger.buffers).isEmpty();
        assertThat(new CoordinateMedian(new MemoryBudget(12))
                        .aggregate(new float[4], updates)
                        .model())
                .hasSize(4);
    }
}
