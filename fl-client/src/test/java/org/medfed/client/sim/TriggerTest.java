package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.client.data.TabularDataset;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;

class TriggerTest {
    private static final Trigger TRIGGER = new Trigger(1, 10, 0);

    @Test
    void poisonedRowsAreTheOwnRowsThenTriggeredCopiesOfOtherClassesRelabelledToTheTarget() {
        TabularDataset own = new TabularDataset(
                new float[][] {{1, 2}, {3, 4}, {5, 6}}, new int[] {0, 1, 1}, List.of("a", "b"), List.of("x", "y"));

        TabularDataset poisoned = TRIGGER.poisoned(own);

        assertThat(poisoned.features()).isDeepEqualTo(new float[][] {{1, 2}, {3, 4}, {5, 6}, {3, 10}, {5, 10}});
        assertThat(poisoned.labels()).containsExactly(0, 1, 1, 0, 0);
        assertThat(Trigger.standard(30)).isEqualTo(new Trigger(29, 10, 0));
    }

    @Test
    void successIsTheShareOfTriggeredRowsOfOtherClassesPutInTheTarget() {
        // logistic regression, weights row-major [input][class] then biases: class 0 scores x1, class 1 scores x0
        ModelSpec shape = new ModelSpec(
                ModelSpec.MLP, 2, List.of(), "relu", 2, new ContentRef("bafkreiplaceholder0000", "0".repeat(64)));
        float[] model = {0, 1, 1, 0, 0, 0};
        TabularDataset test = new TabularDataset(
                new float[][] {{12, 0}, {8, 3}, {1, 1}, {0, 5}},
                new int[] {1, 1, 1, 0},
                List.of("a", "b"),
                List.of("x", "y"));

        // triggered class-1 rows [12, 10], [8, 10], [1, 10]: class 0 wins where 10 > x0, 2 of 3; the class-0 row is
        // not counted
        assertThat(TRIGGER.successRate(shape, model, test)).isEqualTo(2.0 / 3);
        assertThat(new Trigger(1, -10, 0).successRate(shape, model, test)).isZero();
        TabularDataset onlyTarget =
                new TabularDataset(new float[][] {{0, 5}}, new int[] {0}, List.of("a", "b"), List.of("x", "y"));
        assertThat(TRIGGER.successRate(shape, model, onlyTarget)).isNaN();
    }
}
