package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The same updates in any order give the same model, bit for bit, because every strategy sorts them first. */
class PermutationInvarianceTest {
    private static final int P = 333;

    static Stream<Arguments> strategies() {
        List<IntFunction<AggregationStrategy>> factories = List.of(
                p -> new FedAvg(),
                p -> new CoordinateMedian(),
                p -> new TrimmedMean(new BigDecimal("0.2")),
                p -> new MultiKrum(2, 4),
                p -> new FedAdam(AdaptiveParams.defaults(), ServerOptimizerState.initial(p, 1e-3)),
                p -> new FedYogi(
                        new AdaptiveParams(0.05, 0.9, 0.99, 1e-3, true), ServerOptimizerState.initial(p, 1e-3)),
                p -> new Validated(new ReputationWeighted(new NormClipped(new FedAvg(), 0.3))),
                p -> new Validated(new NormClipped(new MultiKrum(1, 2), 0.5)));
        return factories.stream().map(factory -> Arguments.of(factory.apply(P).toString(), factory));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void shuffledInputsGiveIdenticalBits(String name, IntFunction<AggregationStrategy> factory) {
        Random random = new Random(name.hashCode());
        float[] global = Fixtures.random(random, P, 1);
        List<WeightedUpdate> updates = Fixtures.mixed(random, global, 9);
        AggregationResult reference = factory.apply(P).aggregate(global, updates);

        for (long seed = 0; seed < 6; seed++) {
            AggregationResult shuffled = factory.apply(P).aggregate(global, Fixtures.shuffled(updates, seed));
            assertThat(Fixtures.bits(shuffled.model())).containsExactly(Fixtures.bits(reference.model()));
            assertThat(shuffled.stats()).isEqualTo(reference.stats());
            assertThat(shuffled.optimizerState()).isEqualTo(reference.optimizerState());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("strategies")
    void qualityScoresAreIdenticalForShuffledInputs(String name, IntFunction<AggregationStrategy> factory) {
        Random random = new Random(~name.hashCode());
        float[] global = Fixtures.random(random, P, 1);
        List<WeightedUpdate> updates = Fixtures.mixed(random, global, 8);
        float[] model = factory.apply(P).aggregate(global, updates).model();
        List<UpdateQuality> reference = QualityScores.compute(global, model, updates, QualityThresholds.DEFAULT);

        for (long seed = 0; seed < 4; seed++) {
            assertThat(QualityScores.compute(
                            global, model, Fixtures.shuffled(updates, seed), QualityThresholds.DEFAULT))
                    .isEqualTo(reference);
        }
    }
}
