package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.common.aggregation.Fixtures.delta;
import static org.medfed.common.aggregation.Fixtures.full;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FedAvgTest {
    private final FedAvg fedAvg = new FedAvg();

    @Test
    void weightsFullUpdatesByExamples() {
        // (1·[1, 2, 3] + 2·[4, 5, 6]) / 3 = [3, 4, 5]
        AggregationResult result =
                fedAvg.aggregate(new float[3], List.of(full("a", 1, 1, 2, 3), full("b", 2, 4, 5, 6)));

        assertThat(result.model()).containsExactly(3f, 4f, 5f);
        assertThat(result.stats().participants()).containsExactly("a", "b");
        assertThat(result.stats().selected()).containsExactly("a", "b");
        assertThat(result.stats().totalWeight()).isEqualTo(3.0);
        assertThat(result.stats().bufferedValues())
                .as("two updates side by side, one 3-value tile each")
                .isEqualTo(6);
        assertThat(result.nextOptimizerState()).isEmpty();
    }

    @Test
    void addsTheMeanDeltaToTheGlobalModel() {
        // global [10, 20]; deltas [1, -2] (3 examples) and [5, 2] (1 example): mean delta [2, -1]
        AggregationResult result =
                fedAvg.aggregate(new float[] {10, 20}, List.of(delta("a", 3, 1, -2), delta("b", 1, 5, 2)));

        assertThat(result.model()).containsExactly(12f, 19f);
    }

    @Test
    void mixesFullAndDeltaUpdatesThroughTheirDeltas() {
        // global [1, 1]; full [3, 1] is delta [2, 0]; delta [0, 2]; equal weights: mean delta [1, 1]
        AggregationResult result =
                fedAvg.aggregate(new float[] {1, 1}, List.of(full("a", 5, 3, 1), delta("b", 5, 0, 2)));

        assertThat(result.model()).containsExactly(2f, 2f);
    }

    @Test
    void aSingleParticipantGetsItsOwnVectorBack() {
        Random random = new Random(1);
        float[] global = Fixtures.random(random, 1000, 3);
        float[] own = Fixtures.random(random, 1000, 3);

        AggregationResult result = fedAvg.aggregate(global, List.of(full("only", 17, own)));

        assertThat(Fixtures.bits(result.model())).containsExactly(Fixtures.bits(own));
    }

    @Test
    void aSingleDeltaIsAddedToTheGlobalModel() {
        AggregationResult result = fedAvg.aggregate(new float[] {1.5f, -2f}, List.of(delta("only", 4, 0.25f, 1f)));

        assertThat(result.model()).containsExactly(1.75f, -1f);
    }

    @Test
    void equalUpdatesAverageToThemselves() {
        float[] same = {0.1f, 0.2f, 0.3f};

        AggregationResult result =
                fedAvg.aggregate(new float[3], List.of(full("a", 3, same), full("b", 7, same), full("c", 11, same)));

        assertThat(result.model()).containsExactly(same);
    }

    @Test
    void neverModifiesItsInputs() {
        float[] global = {1, 2};
        float[] values = {3, 4};

        fedAvg.aggregate(global, List.of(full("a", 1, values)));

        assertThat(global).containsExactly(1, 2);
        assertThat(values).containsExactly(3, 4);
    }
}
