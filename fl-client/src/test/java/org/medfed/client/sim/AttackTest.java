package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.client.data.TabularDataset;

class AttackTest {
    /** Four participants, the last one attacking; changes [1, 1] … [4, 4] from a zero global model. */
    private static final Attack.Round ROUND = new Attack.Round(
            new float[] {0, 0},
            List.of(new float[] {1, 1}, new float[] {2, 2}, new float[] {3, 3}, new float[] {4, 4}),
            List.of(10L, 10L, 10L, 10L),
            3);

    @Test
    void parsesEveryAttackWithItsDefaults() {
        assertThat(Attack.parse("label-flip")).isEqualTo(new Attack.LabelFlip());
        assertThat(Attack.parse("scale:10")).isEqualTo(new Attack.Scale(10));
        assertThat(Attack.parse("sign-flip")).isEqualTo(new Attack.SignFlip(1));
        assertThat(Attack.parse("sign-flip:2.5")).isEqualTo(new Attack.SignFlip(2.5));
        assertThat(Attack.parse("gaussian:0.3")).isEqualTo(new Attack.Gaussian(0.3));
        assertThat(Attack.parse("alie")).isEqualTo(new Attack.Alie(null));
        assertThat(Attack.parse("alie:1.5")).isEqualTo(new Attack.Alie(1.5));
        assertThat(Attack.parse("backdoor")).isEqualTo(new Attack.Backdoor(null));
        assertThat(Attack.parse("backdoor:3")).isEqualTo(new Attack.Backdoor(3.0));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "krum",
                "scale",
                "scale:x",
                "scale:NaN",
                "gaussian",
                "gaussian:-1",
                "sign-flip:0",
                "label-flip:2",
                "alie:-1",
                "backdoor:0",
                ""
            })
    void refusesAnythingElseNamingTheAttacks(String text) {
        assertThatThrownBy(() -> Attack.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Attack.USAGE);
    }

    @Test
    void eachAttackSubmitsItsTransformOfTheAttackersTrainedModel() {
        SplittableRandom random = new SplittableRandom(1);
        assertThat(new Attack.LabelFlip().submitted(ROUND, 3, random)).containsExactly(4, 4);
        assertThat(new Attack.Scale(2).submitted(ROUND, 3, random)).containsExactly(8, 8);
        assertThat(new Attack.SignFlip(1).submitted(ROUND, 3, random)).containsExactly(-4, -4);
        // 1 of 4: z = 0, so ALIE sends the mean change (1 + 2 + 3 + 4) / 4
        assertThat(new Attack.Alie(null).submitted(ROUND, 3, random)).containsExactly(2.5f, 2.5f);
        // model replacement: 40 examples / (1 attacker · 10) = 4
        assertThat(new Attack.Backdoor(null).submitted(ROUND, 3, random)).containsExactly(16, 16);
        assertThat(new Attack.Backdoor(2.0).submitted(ROUND, 3, random)).containsExactly(8, 8);
        assertThat(new Attack.Gaussian(1).submitted(ROUND, 3, new SplittableRandom(5)))
                .containsExactly(new Attack.Gaussian(1).submitted(ROUND, 3, new SplittableRandom(5)));
    }

    @Test
    void labelFlippingAndTheBackdoorChangeTheRowsTheAttackerTrainsOn() {
        TabularDataset own = new TabularDataset(
                new float[][] {{1, 2}, {3, 4}, {5, 6}}, new int[] {0, 1, 1}, List.of("a", "b"), List.of("x", "y"));

        assertThat(new Attack.LabelFlip().trainingRows(own).labels()).containsExactly(1, 0, 0);
        assertThat(new Attack.Scale(3).trainingRows(own)).isSameAs(own);
        TabularDataset poisoned = new Attack.Backdoor(null).trainingRows(own);
        assertThat(poisoned.labels()).containsExactly(0, 1, 1, 0, 0);
        assertThat(poisoned.features()[3]).containsExactly(3, 10);
    }
}
