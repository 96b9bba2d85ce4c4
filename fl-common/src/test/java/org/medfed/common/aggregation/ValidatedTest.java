package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.common.aggregation.Fixtures.delta;
import static org.medfed.common.aggregation.Fixtures.full;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.common.aggregation.AggregationException.Reason;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.UpdateKind;

class ValidatedTest {

    static Stream<Arguments> strategies() {
        return Stream.of(
                Arguments.of(new FedAvg()),
                Arguments.of(new CoordinateMedian()),
                Arguments.of(new TrimmedMean(new BigDecimal("0.1"))),
                Arguments.of(new MultiKrum(0, 2)),
                Arguments.of(new FedAdam(AdaptiveParams.defaults(), ServerOptimizerState.initial(2, 1e-3))),
                Arguments.of(new FedYogi(AdaptiveParams.defaults(), ServerOptimizerState.initial(2, 1e-3))));
    }

    private static AggregationException refusal(ThrowingCallable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(AggregationException.class);
        return (AggregationException) thrown;
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void refusesEmptyInput(AggregationStrategy strategy) {
        Validated validated = new Validated(strategy);

        assertThat(refusal(() -> validated.aggregate(new float[2], List.of())).reason())
                .isEqualTo(Reason.EMPTY_INPUT);
        assertThat(refusal(() -> validated.aggregate(new float[0], List.of(delta("a", 1))))
                        .reason())
                .isEqualTo(Reason.EMPTY_INPUT);
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void refusesMismatchedLengthsNamingTheParticipant(AggregationStrategy strategy) {
        AggregationException e = refusal(() ->
                new Validated(strategy).aggregate(new float[2], List.of(delta("a", 1, 1, 2), delta("b", 1, 1, 2, 3))));

        assertThat(e.reason()).isEqualTo(Reason.LENGTH_MISMATCH);
        assertThat(e.participantId()).contains("b");
        assertThat(e.reason().exclusion()).contains(ExclusionReason.CONTENT_INVALID);
        assertThat(e.getMessage()).isEqualTo("LENGTH_MISMATCH (participant b): 3 values, expected 2");
        assertThat(e.detail()).isEqualTo("3 values, expected 2");
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void refusesZeroNegativeAndNonFiniteWeights(AggregationStrategy strategy) {
        for (double weight : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY, -0.0}) {
            WeightedUpdate bad = delta("b", 1, 1, 2).withWeight(weight);
            AggregationException e =
                    refusal(() -> new Validated(strategy).aggregate(new float[2], List.of(delta("a", 1, 1, 2), bad)));
            assertThat(e.reason()).as("weight %s", weight).isEqualTo(Reason.INVALID_WEIGHT);
            assertThat(e.participantId()).contains("b");
            assertThat(e.reason().exclusion()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("strategies")
    void theBaseStrategiesRefuseBadWeightsThemselves(AggregationStrategy strategy) {
        for (double weight : new double[] {0, -3, Double.NaN}) {
            AggregationException e = refusal(() -> strategy.aggregate(
                    new float[2],
                    List.of(delta("a", 1, 1, 2), delta("b", 1, 1, 2).withWeight(weight))));
            assertThat(e.reason()).isEqualTo(Reason.INVALID_WEIGHT);
        }
    }

    @Test
    void refusesZeroExampleCountsAndReputationsOutsideTheUnitInterval() {
        WeightedUpdate noExamples =
                new WeightedUpdate("a", UpdateKind.DELTA, 0, BigDecimal.ONE, 1, VectorSource.of(new float[1]));
        WeightedUpdate tooReputable = Fixtures.withReputation(delta("a", 1, 1), "1.5");
        WeightedUpdate disreputable = Fixtures.withReputation(delta("a", 1, 1), "-0.1");

        for (WeightedUpdate bad : List.of(noExamples, tooReputable, disreputable)) {
            assertThat(refusal(() -> new Validated(new FedAvg()).aggregate(new float[1], List.of(bad)))
                            .reason())
                    .isEqualTo(Reason.INVALID_WEIGHT);
        }
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void refusesNonFiniteValuesWithTheirIndex(float bad) {
        for (var strategy :
                strategies().map(a -> (AggregationStrategy) a.get()[0]).toList()) {
            AggregationException e = refusal(() -> new Validated(strategy)
                    .aggregate(new float[2], List.of(full("a", 1, 1, 2), full("b", 1, 1, bad), full("c", 1, 0, 0))));
            assertThat(e.reason()).isEqualTo(Reason.NON_FINITE_VALUE);
            assertThat(e.participantId()).contains("b");
            assertThat(e.index()).isEqualTo(1);
        }
    }

    @Test
    void refusesANonFiniteGlobalModelWithoutBlamingAParticipant() {
        AggregationException e = refusal(() ->
                new Validated(new FedAvg()).aggregate(new float[] {0, Float.NaN}, List.of(delta("a", 1, 1, 2))));

        assertThat(e.reason()).isEqualTo(Reason.NON_FINITE_VALUE);
        assertThat(e.participantId()).isEmpty();
        assertThat(e.index()).isEqualTo(1);
        assertThat(e.reason().exclusion()).contains(ExclusionReason.CONTENT_INVALID);
    }

    @Test
    void refusesTheSameParticipantTwice() {
        AggregationException e = refusal(() -> new Validated(new FedAvg())
                .aggregate(new float[1], List.of(delta("a", 1, 1), delta("b", 1, 1), delta("a", 2, 3))));

        assertThat(e.reason()).isEqualTo(Reason.DUPLICATE_PARTICIPANT);
        assertThat(e.participantId()).contains("a");
    }

    @Test
    void refusesAResultBeyondTheFloat32Range() {
        AggregationException e = refusal(
                () -> new Validated(new FedAvg()).aggregate(new float[] {3e38f}, List.of(delta("a", 1, 3e38f))));

        assertThat(e.reason()).isEqualTo(Reason.NON_FINITE_RESULT);
        assertThat(e.index()).isZero();
    }

    @Test
    void reportsAnUnreadableSourceAsNotTheParticipantsFault() {
        WeightedUpdate unreachable = WeightedUpdate.of("b", UpdateKind.DELTA, 1, BigDecimal.ONE, target -> {
            throw new IOException("connection refused");
        });

        AggregationException e = refusal(() ->
                new Validated(new FedAvg()).aggregate(new float[1], List.of(delta("a", 1, 1), unreachable)));

        assertThat(e.reason()).isEqualTo(Reason.UNREADABLE);
        assertThat(e.participantId()).contains("b");
        assertThat(e.reason().exclusion()).contains(ExclusionReason.UNAVAILABLE);
        assertThat(e.getCause()).hasMessage("connection refused");
    }

    @Test
    void reportsTheFirstBadUpdateInCanonicalOrderWhateverTheInputOrder() {
        List<WeightedUpdate> updates = List.of(
                delta("d", 1, 1).withWeight(0),
                delta("a", 1, 1),
                delta("c", 1, 1).withWeight(-1),
                delta("b", 1, 1));

        for (long seed = 0; seed < 5; seed++) {
            List<WeightedUpdate> shuffled = Fixtures.shuffled(updates, seed);
            AggregationException e = refusal(() -> new Validated(new FedAvg()).aggregate(new float[1], shuffled));
            assertThat(e.participantId()).contains("c");
        }
    }

    @Test
    void passesValidInputsThroughUnchanged() {
        List<WeightedUpdate> updates = List.of(full("a", 1, 1, 2, 3), full("b", 2, 4, 5, 6));

        AggregationResult validated = new Validated(new FedAvg()).aggregate(new float[3], updates);

        assertThat(validated.model())
                .containsExactly(new FedAvg().aggregate(new float[3], updates).model());
        assertThat(new Validated(new FedAvg())).hasToString("validated(fedavg)");
    }

    @Test
    void everyReasonThatNamesContentMapsToAnExclusion() {
        assertThat(Reason.HASH_MISMATCH.exclusion()).contains(ExclusionReason.CONTENT_INVALID);
        assertThat(Reason.TOO_LARGE_FOR_STRATEGY.exclusion()).isEmpty();
        assertThat(Reason.TOO_FEW_UPDATES.exclusion()).isEmpty();
        assertThat(Reason.DUPLICATE_PARTICIPANT.exclusion()).isEmpty();
    }
}
