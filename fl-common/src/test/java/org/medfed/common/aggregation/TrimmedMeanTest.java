package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.common.aggregation.Fixtures.delta;
import static org.medfed.common.aggregation.Fixtures.full;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrimmedMeanTest {

    @Test
    void dropsTheExtremesOfEachCoordinate() {
        // β = 0.2, K = 5: one value off each end. Column 0 (1, 2, 3, 4, 100) → mean(2, 3, 4) = 3;
        // column 1 (-50, 0, 1, 2, 6) → mean(0, 1, 2) = 1
        AggregationResult result = new TrimmedMean(new BigDecimal("0.2"))
                .aggregate(
                        new float[2],
                        List.of(
                                delta("a", 1, 1, 6),
                                delta("b", 1, 100, 0),
                                delta("c", 1, 3, 1),
                                delta("d", 1, 2, 2),
                                delta("e", 1, 4, -50)));

        assertThat(result.model()).containsExactly(3f, 1f);
        assertThat(result.stats().bufferedValues()).isEqualTo(10);
    }

    @Test
    void withBetaZeroIsThePlainUnweightedMean() {
        AggregationResult result = new TrimmedMean(BigDecimal.ZERO)
                .aggregate(new float[] {1}, List.of(full("a", 1000, 2), full("b", 1, 4), full("c", 1, 6)));

        assertThat(result.model()).containsExactly(4f);
    }

    @ParameterizedTest
    @CsvSource({
        "0.2, 5, 1",
        "0.1, 5, 0",
        "0.3, 10, 3",
        "0.25, 4, 1",
        "0.49, 2, 0",
        "0.4, 3, 1",
        "0.1, 10, 1",
        "0.33, 100, 33"
    })
    void trimsExactlyTheFloorOfBetaTimesK(String beta, int k, int perSide) {
        assertThat(new TrimmedMean(new BigDecimal(beta)).trimmedPerSide(k)).isEqualTo(perSide);
    }

    @Test
    void withOneValueLeftIsTheMedian() {
        AggregationResult result = new TrimmedMean(new BigDecimal("0.4"))
                .aggregate(new float[1], List.of(delta("a", 1, 9), delta("b", 1, -3), delta("c", 1, 5)));

        assertThat(result.model()).containsExactly(5f);
    }

    @Test
    void aSingleParticipantGetsItsOwnVectorBack() {
        Random random = new Random(3);
        float[] own = Fixtures.random(random, 300, 1);

        AggregationResult result = new TrimmedMean(new BigDecimal("0.45"))
                .aggregate(Fixtures.random(random, 300, 1), List.of(full("only", 1, own)));

        assertThat(Fixtures.bits(result.model())).containsExactly(Fixtures.bits(own));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0.1", "0.5", "0.7"})
    void refusesBetaOutsideZeroToOneHalf(String beta) {
        assertThatThrownBy(() -> new TrimmedMean(new BigDecimal(beta)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta must be in [0, 0.5)");
    }

    @Test
    void refusesAboveItsMemoryBudget() {
        assertThatThrownBy(() -> new TrimmedMean(new BigDecimal("0.1"), new MemoryBudget(5))
                        .aggregate(new float[3], List.of(delta("a", 1, 1, 2, 3), delta("b", 1, 1, 2, 3))))
                .isInstanceOfSatisfying(
                        AggregationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AggregationException.Reason.TOO_LARGE_FOR_STRATEGY));
    }
}
