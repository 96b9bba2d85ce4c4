package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.medfed.common.aggregation.Fixtures.delta;
import static org.medfed.common.aggregation.Fixtures.full;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * One step of FedAdam and FedYogi by hand: global x = [1, 2], one delta Δ = [0.5, -1], previous state
 * m = [0.1, 0.2], v = [0.36, 0.01], t = 0, and η = 0.1, β1 = 0.9, β2 = 0.99, τ = 0.001.
 * Both: m' = 0.9·m + 0.1·Δ = [0.14, 0.08].
 */
class AdaptiveOptimizerTest {
    private static final AdaptiveParams PARAMS = new AdaptiveParams(0.1, 0.9, 0.99, 1e-3, false);
    private static final float[] GLOBAL = {1, 2};
    private static final List<WeightedUpdate> UPDATE = List.of(delta("a", 10, 0.5f, -1f));

    private static ServerOptimizerState previous() {
        return new ServerOptimizerState(new float[] {0.1f, 0.2f}, new float[] {0.36f, 0.01f}, 0);
    }

    @Nested
    class Adam {
        @Test
        void takesOneStepByHand() {
            // v' = 0.99·v + 0.01·Δ² = [0.3564 + 0.0025, 0.0099 + 0.01] = [0.3589, 0.0199]
            // x' = x + 0.1·m' / (√v' + τ) = [1 + 0.014 / 0.6000826, 2 + 0.008 / 0.1420674] = [1.0233301, 2.0563113]
            AggregationResult result = new FedAdam(PARAMS, previous()).aggregate(GLOBAL, UPDATE);

            assertThat(result.model()[0]).isCloseTo(1.0233301f, within(1e-6f));
            assertThat(result.model()[1]).isCloseTo(2.0563113f, within(1e-6f));
            ServerOptimizerState next = result.nextOptimizerState().orElseThrow();
            assertThat(next.m()[0]).isCloseTo(0.14f, within(1e-7f));
            assertThat(next.m()[1]).isCloseTo(0.08f, within(1e-7f));
            assertThat(next.v()[0]).isCloseTo(0.3589f, within(1e-7f));
            assertThat(next.v()[1]).isCloseTo(0.0199f, within(1e-7f));
            assertThat(next.t()).isEqualTo(1);
        }

        @Test
        void fromZeroMomentsStepsByEtaTimesTheNormalisedMomentum() {
            // m' = [0.05, -0.1], v' = [0.0025, 0.01], √v' + τ = [0.051, 0.101]
            // x' = [1 + 0.1·0.05/0.051, 2 - 0.1·0.1/0.101] = [1.0980392, 1.9009901]
            AggregationResult result = new FedAdam(PARAMS, new ServerOptimizerState(new float[2], new float[2], 0))
                    .aggregate(GLOBAL, UPDATE);

            assertThat(result.model()[0]).isCloseTo(1.0980392f, within(1e-6f));
            assertThat(result.model()[1]).isCloseTo(1.9009901f, within(1e-6f));
        }
    }

    @Nested
    class Yogi {
        @Test
        void takesOneStepByHand() {
            // v' = v − 0.01·Δ²·sign(v − Δ²): [0.36 − 0.0025 (v > Δ²), 0.01 + 0.01 (v < Δ²)] = [0.3575, 0.02]
            // x' = [1 + 0.014 / (0.5979130 + τ), 2 + 0.008 / (0.1414214 + τ)] = [1.0233757, 2.0561713]
            AggregationResult result = new FedYogi(PARAMS, previous()).aggregate(GLOBAL, UPDATE);

            assertThat(result.model()[0]).isCloseTo(1.0233757f, within(1e-6f));
            assertThat(result.model()[1]).isCloseTo(2.0561713f, within(1e-6f));
            ServerOptimizerState next = result.nextOptimizerState().orElseThrow();
            assertThat(next.m()[0]).isCloseTo(0.14f, within(1e-7f));
            assertThat(next.v()[0]).isCloseTo(0.3575f, within(1e-7f));
            assertThat(next.v()[1]).isCloseTo(0.02f, within(1e-7f));
            assertThat(next.t()).isEqualTo(1);
        }
    }

    @Test
    void usesTheFedAvgDeltaAsPseudoGradient() {
        // full [2, 2] (1 example) and delta [-1, 3] (3 examples) around [1, 2]: Δ = ([1, 0] + 3·[-1, 3]) / 4
        float[] global = {1, 2};
        List<WeightedUpdate> two = List.of(full("a", 1, 2, 2), delta("b", 3, -1, 3));
        List<WeightedUpdate> one = List.of(delta("c", 1, -0.5f, 2.25f));

        ServerOptimizerState state = previous();
        assertThat(new FedAdam(PARAMS, state).aggregate(global, two).model())
                .containsExactly(
                        new FedAdam(PARAMS, state).aggregate(global, one).model());
    }

    @Test
    void biasCorrectionScalesTheStepByRootOneMinusBeta2PowTOverOneMinusBeta1PowT() {
        // at t = 2: η·√(1 − 0.99²) / (1 − 0.9²) = η·√0.0199 / 0.19 = 0.7424596·η
        ServerOptimizerState state = new ServerOptimizerState(new float[] {0.1f, 0.2f}, new float[] {0.36f, 0.01f}, 1);
        AdaptiveParams corrected = new AdaptiveParams(0.1, 0.9, 0.99, 1e-3, true);

        float[] plain = new FedAdam(PARAMS, state).aggregate(GLOBAL, UPDATE).model();
        float[] scaled = new FedAdam(corrected, state).aggregate(GLOBAL, UPDATE).model();

        for (int j = 0; j < 2; j++) {
            assertThat(scaled[j] - GLOBAL[j]).isCloseTo(0.7424596f * (plain[j] - GLOBAL[j]), within(1e-6f));
        }
    }

    @Test
    void startsFromThePapersInitialState() {
        ServerOptimizerState initial = ServerOptimizerState.initial(3, 1e-3);

        assertThat(initial.m()).containsExactly(0f, 0f, 0f);
        assertThat(initial.v()).containsExactly(1e-6f, 1e-6f, 1e-6f);
        assertThat(initial.t()).isZero();
        assertThat(AdaptiveParams.defaults()).isEqualTo(new AdaptiveParams(1e-2, 0.9, 0.99, 1e-3, false));
    }

    @Test
    void carriesItsStateAcrossRoundsDeterministically() {
        Random random = new Random(6);
        float[] global = Fixtures.random(random, 64, 1);
        ServerOptimizerState state = ServerOptimizerState.initial(64, 1e-3);
        for (int round = 0; round < 3; round++) {
            List<WeightedUpdate> updates = Fixtures.mixed(random, global, 4);
            AggregationResult first = new FedYogi(AdaptiveParams.defaults(), state).aggregate(global, updates);
            AggregationResult again =
                    new FedYogi(AdaptiveParams.defaults(), state).aggregate(global, Fixtures.shuffled(updates, round));
            assertThat(Fixtures.bits(again.model())).containsExactly(Fixtures.bits(first.model()));
            assertThat(again.optimizerState()).isEqualTo(first.optimizerState());
            global = first.model();
            state = first.optimizerState();
        }
        assertThat(state.t()).isEqualTo(3);
    }

    @Test
    void refusesAStateOfTheWrongLength() {
        assertThatThrownBy(() -> new FedAdam(PARAMS, ServerOptimizerState.initial(3, 1e-3)).aggregate(GLOBAL, UPDATE))
                .isInstanceOfSatisfying(
                        AggregationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AggregationException.Reason.INVALID_STATE));
    }

    @Test
    void refusesANegativeSecondMoment() {
        ServerOptimizerState broken = new ServerOptimizerState(new float[2], new float[] {0, -1}, 0);

        assertThatThrownBy(() -> new FedAdam(PARAMS, broken).aggregate(GLOBAL, UPDATE))
                .isInstanceOfSatisfying(AggregationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AggregationException.Reason.INVALID_STATE);
                    assertThat(e.index()).isEqualTo(1);
                });
    }

    @Test
    void refusesInvalidHyperparametersAndStates() {
        assertThatThrownBy(() -> new AdaptiveParams(0, 0.9, 0.99, 1e-3, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eta");
        assertThatThrownBy(() -> new AdaptiveParams(0.1, 1, 0.99, 1e-3, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta1");
        assertThatThrownBy(() -> new AdaptiveParams(0.1, 0.9, Double.NaN, 1e-3, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("beta2");
        assertThatThrownBy(() -> new AdaptiveParams(0.1, 0.9, 0.99, -1, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tau");
        assertThatThrownBy(() -> new ServerOptimizerState(new float[2], new float[3], 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ServerOptimizerState(new float[2], new float[2], -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
