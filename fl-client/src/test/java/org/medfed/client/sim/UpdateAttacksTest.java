package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UpdateAttacksTest {
    private static final float[] GLOBAL = {1, 2};
    private static final float[] TRAINED = {2, 0};

    @Test
    void scalingMultipliesTheTrainedChange() {
        // change [1, -2]; [1 + 3·1, 2 + 3·(-2)] = [4, -4]
        assertThat(UpdateAttacks.scaled(GLOBAL, TRAINED, 3)).containsExactly(4, -4);
    }

    @Test
    void signFlippingReversesTheChangeScaledByLambda() {
        // [1 - 1·1, 2 + 1·2] = [0, 4]; λ 2: [1 - 2, 2 + 4] = [-1, 6]
        assertThat(UpdateAttacks.signFlipped(GLOBAL, TRAINED, 1)).containsExactly(0, 4);
        assertThat(UpdateAttacks.signFlipped(GLOBAL, TRAINED, 2)).containsExactly(-1, 6);
    }

    @Test
    void gaussianNoiseIsTheGlobalModelPlusSigmaTimesTheGeneratorsDraws() {
        SplittableRandom draws = new SplittableRandom(7);
        double z0 = draws.nextGaussian();
        double z1 = draws.nextGaussian();

        float[] noisy = UpdateAttacks.noise(GLOBAL, 0.5, new SplittableRandom(7));

        assertThat(noisy).containsExactly((float) (1 + 0.5 * z0), (float) (2 + 0.5 * z1));
        assertThat(UpdateAttacks.noise(GLOBAL, 0.5, new SplittableRandom(7))).containsExactly(noisy);
        assertThat(UpdateAttacks.noise(GLOBAL, 0.5, new SplittableRandom(8))).isNotEqualTo(noisy);
        assertThat(UpdateAttacks.noise(GLOBAL, 0, new SplittableRandom(8))).containsExactly(GLOBAL);
    }

    @Test
    void aLittleIsEnoughSendsTheMeanChangeLessZSampleStandardDeviations() {
        float[] global = {0, 10};
        // changes [1, 1], [3, 1], [5, 4]: μ = [3, 2]; sample σ = [√((4 + 0 + 4) / 2), √((1 + 1 + 4) / 2)] = [2, √3]
        List<float[]> trained = List.of(new float[] {1, 11}, new float[] {3, 11}, new float[] {5, 14});

        assertThat(UpdateAttacks.alie(global, trained, 1)).containsExactly(1, (float) (12 - Math.sqrt(3)));
        assertThat(UpdateAttacks.alie(global, trained, 0)).containsExactly(3, 12);
        assertThatThrownBy(() -> UpdateAttacks.alie(global, List.of(new float[] {1, 1}), 1))
                .hasMessageContaining("at least 2");
    }

    @Test
    void alieZFollowsThePapersFormula() {
        // s = ⌊4/2 + 1⌋ - 1 = 2: Φ⁻¹(2/4) = 0; s = 6 - 3 = 3: Φ⁻¹(7/10); s = 26 - 24 = 2: Φ⁻¹(48/50)
        assertThat(UpdateAttacks.alieZ(4, 1)).isEqualTo(0);
        assertThat(UpdateAttacks.alieZ(10, 3)).isCloseTo(0.5244005, within(1e-6));
        assertThat(UpdateAttacks.alieZ(50, 24)).isCloseTo(1.7506861, within(1e-6));
        // s = 3 - 3 = 0: no honest participant need be swayed, so no finite z
        assertThatThrownBy(() -> UpdateAttacks.alieZ(4, 3)).hasMessageContaining("f ≤ ⌊n/2⌋");
        assertThatThrownBy(() -> UpdateAttacks.alieZ(4, 0)).hasMessageContaining("f ≤ ⌊n/2⌋");
    }

    @Test
    void theNormalQuantileMatchesTabulatedValues() {
        assertThat(UpdateAttacks.inverseNormal(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(UpdateAttacks.inverseNormal(0.025)).isCloseTo(-1.959964, within(1e-6));
        assertThat(UpdateAttacks.inverseNormal(0.001)).isCloseTo(-3.090232, within(1e-6));
        assertThat(UpdateAttacks.inverseNormal(0.5)).isZero();
        assertThatThrownBy(() -> UpdateAttacks.inverseNormal(1)).hasMessageContaining("(0, 1)");
    }

    @Test
    void modelReplacementBoostsByAllExamplesOverTheAttackersShare() {
        // 400 / (1 · 100) = 4; 200 / (2 · 100) = 1
        assertThat(UpdateAttacks.replacementBoost(List.of(100L, 100L, 100L, 100L), 1, 3))
                .isEqualTo(4);
        assertThat(UpdateAttacks.replacementBoost(List.of(40L, 60L, 100L), 2, 2))
                .isEqualTo(1);
    }

    @Test
    void updatesOfAnotherLengthAreRefused() {
        assertThatThrownBy(() -> UpdateAttacks.scaled(GLOBAL, new float[3], 2))
                .hasMessageContaining("3 values, the global model 2");
    }
}
