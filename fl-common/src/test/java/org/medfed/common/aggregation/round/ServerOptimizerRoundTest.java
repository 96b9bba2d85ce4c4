package org.medfed.common.aggregation.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.common.aggregation.AdaptiveParams;
import org.medfed.common.aggregation.AggregationResult;
import org.medfed.common.aggregation.FedYogi;
import org.medfed.common.aggregation.OptimizerStateCodec;
import org.medfed.common.aggregation.ServerOptimizerState;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.model.ContentRef;
import org.medfed.common.protocol.ErrorCode;

/**
 * FedAdam and FedYogi through {@link RoundRecomputation}: round 1 from the initial state, round 2 from the state
 * blob round 1 produced, read back from the node and verified.
 *
 * <p>The hand-computed case: η = 0.25, β1 = 0.5, β2 = 0.8125, τ = 2 (so v starts at 4); two participants with
 * equal weights, so the pseudo-gradient g is the mean of their deltas, ±2 in round 1 and ±4 in round 2 (+ at even
 * indices, − at odd ones). Round 1: m = 0.5·g = ±1, v = 0.8125·4 + 0.1875·4 = 4, step = 0.25·m/(2 + 2) = ±0.0625,
 * so x = 0.25 ± 0.0625. Round 2: m = 0.5·(±1) + 0.5·(±4) = ±2.5, v = 0.8125·4 + 0.1875·16 = 6.25, √v = 2.5,
 * step = 0.25·(±2.5)/(2.5 + 2).
 */
class ServerOptimizerRoundTest {
    private static final String FEDADAM = "fedadam:eta=0.25,beta1=0.5,beta2=0.8125,tau=2";
    private static final int P = TestRound.P;

    @Test
    void twoFedAdamRoundsMatchTheHandComputedMomentsAndModels() {
        TwoRounds rounds = new TwoRounds(FEDADAM);

        RoundOutcome first = rounds.first();
        assertThat(first.optimizerState().state())
                .isEqualTo(new ServerOptimizerState(alternating(1f, -1f), filled(4f), 1));
        assertThat(first.model()).containsExactly(alternating(0.3125f, 0.1875f));

        RoundOutcome second = rounds.second(first);
        assertThat(second.optimizerState().state())
                .isEqualTo(new ServerOptimizerState(alternating(2.5f, -2.5f), filled(6.25f), 2));
        float step = (float) (0.25 * 2.5 / 4.5);
        assertThat(second.model())
                .usingComparatorWithPrecision(1e-7f)
                .containsExactly(alternating(0.3125f + step, 0.1875f - step));
        assertThat(second.model()[0]).isEqualTo((float) (0.3125 + 0.25 * 2.5 / (2.5 + 2)));
    }

    @Test
    void theStateBlobIsStepCountThenFirstThenSecondMomentLittleEndian() {
        RoundOutcome first = new TwoRounds(FEDADAM).first();

        ByteBuffer blob = ByteBuffer.wrap(first.optimizerState().blob()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(blob.capacity()).isEqualTo(8 + 8 * P);
        assertThat(blob.getLong(0)).isEqualTo(1);
        assertThat(blob.getFloat(8)).isEqualTo(1f);
        assertThat(blob.getFloat(8 + 4)).isEqualTo(-1f);
        assertThat(blob.getFloat(8 + 4 * P)).isEqualTo(4f);
        assertThat(first.optimizerState().sha256())
                .isEqualTo(TestRound.ref(first.optimizerState().blob()).sha256());
    }

    @Test
    void fedYogiRoundTwoIsTheStrategyAppliedToRoundOnesStoredState() {
        TwoRounds rounds = new TwoRounds("fedyogi:eta=0.25,beta1=0.5,beta2=0.8125,tau=2");
        RoundOutcome first = rounds.first();
        RoundOutcome second = rounds.second(first);

        List<WeightedUpdate> updates = List.of(
                WeightedUpdate.of(
                        TestRound.participant(0), org.medfed.common.model.UpdateKind.DELTA, 1000, alternating(3f, -3f)),
                WeightedUpdate.of(
                        TestRound.participant(1),
                        org.medfed.common.model.UpdateKind.DELTA,
                        1000,
                        alternating(5f, -5f)));
        AggregationResult expected = new FedYogi(
                        new AdaptiveParams(0.25, 0.5, 0.8125, 2, false),
                        first.optimizerState().state())
                .aggregate(first.model(), updates);
        assertThat(second.model()).isEqualTo(expected.model());
        assertThat(second.optimizerState().state()).isEqualTo(expected.optimizerState());
    }

    @Test
    void permutedUpdatesGiveTheSameModelAndStateBytes() {
        TwoRounds rounds = new TwoRounds(FEDADAM);
        RoundInput input = rounds.round.input(FEDADAM, 2);
        List<AcceptedUpdate> reversed = new ArrayList<>(input.updates());
        Collections.reverse(reversed);

        RoundOutcome a = new RoundRecomputation(rounds.round.node).aggregate(input);
        RoundOutcome b = new RoundRecomputation(rounds.round.node)
                .aggregate(new RoundInput(input.spec(), 1, input.globalModel(), reversed, null));

        assertThat(b.blob()).isEqualTo(a.blob());
        assertThat(b.optimizerState().blob()).isEqualTo(a.optimizerState().blob());
    }

    @Test
    void aStateBlobTheNodeCannotServeIsBlobUnavailable() {
        TwoRounds rounds = new TwoRounds(FEDADAM);
        RoundOutcome first = rounds.first();
        rounds.round.node.blobs.remove(
                TestRound.ref(first.optimizerState().blob()).cid());

        assertFails(() -> rounds.second(first), ErrorCode.BLOB_UNAVAILABLE, "previous optimizer state");
    }

    @Test
    void aStateBlobServedWithOtherBytesFailsTheAggregation() {
        TwoRounds rounds = new TwoRounds(FEDADAM);
        RoundOutcome first = rounds.first();
        byte[] other = first.optimizerState().blob().clone();
        other[9] ^= 1;
        rounds.round.node.blobs.put(TestRound.ref(first.optimizerState().blob()).cid(), other);

        assertFails(() -> rounds.second(first), ErrorCode.AGGREGATION_FAILED, "hashes to");
    }

    @Test
    void aStateThatHasNotTakenRoundMinusOneStepsFailsTheAggregation() {
        TwoRounds rounds = new TwoRounds(FEDADAM);
        RoundOutcome first = rounds.first();
        ServerOptimizerState state = first.optimizerState().state();
        byte[] stale = OptimizerStateCodec.encode(new ServerOptimizerState(state.m(), state.v(), 0));
        ContentRef staleRef = TestRound.ref(stale);
        rounds.round.node.put(stale, stale);

        assertFails(
                () -> new RoundRecomputation(rounds.round.node)
                        .aggregate(rounds.round.input(FEDADAM, 2, 2, rounds.store(first.blob()), staleRef)),
                ErrorCode.AGGREGATION_FAILED,
                "has taken 0 steps");
    }

    @Test
    void aStateOfTheWrongLengthFailsTheAggregation() {
        TwoRounds rounds = new TwoRounds(FEDADAM);
        RoundOutcome first = rounds.first();
        byte[] model = FloatVectorCodec.encode(new float[2 * P + 1]);
        rounds.round.node.put(model, model);

        assertFails(
                () -> new RoundRecomputation(rounds.round.node)
                        .aggregate(rounds.round.input(FEDADAM, 2, 2, rounds.store(first.blob()), TestRound.ref(model))),
                ErrorCode.AGGREGATION_FAILED,
                "INVALID_STATE");
    }

    @Test
    void aStateMustBeNamedExactlyAfterRoundOneOfAServerOptimizerTask() {
        TwoRounds rounds = new TwoRounds(FEDADAM);
        RoundOutcome first = rounds.first();
        ContentRef model = rounds.store(first.blob());
        ContentRef state = rounds.store(first.optimizerState().blob());
        RoundRecomputation recomputation = new RoundRecomputation(rounds.round.node);

        assertFails(
                () -> recomputation.aggregate(rounds.round.input(FEDADAM, 2, 2, model, null)),
                ErrorCode.AGGREGATION_FAILED,
                "has no optimizer state from round 1");
        assertFails(
                () -> recomputation.aggregate(rounds.round.input(FEDADAM, 2, 1, model, state)),
                ErrorCode.AGGREGATION_FAILED,
                "round 1 starts from the initial state");
        assertFails(
                () -> recomputation.aggregate(rounds.round.input("fedavg", 2, 2, model, state)),
                ErrorCode.AGGREGATION_FAILED,
                "keeps no optimizer state");
    }

    @Test
    void aStatelessStrategyHasNoStateInItsOutcome() {
        TestRound round = TestRound.of(TestRound.Problem.NONE, TestRound.Problem.NONE);

        assertThat(new RoundRecomputation(round.node)
                        .aggregate(round.input("fedavg", 2))
                        .optimizerState())
                .isNull();
    }

    private static void assertFails(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        RoundAggregationException.class,
                        e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }

    /** Round 1 deltas ±1 and ±3, round 2 deltas ±3 and ±5, 1000 examples each. */
    private static final class TwoRounds {
        final String strategy;
        final TestRound round =
                new TestRound().withDelta(alternating(1f, -1f), 1000).withDelta(alternating(3f, -3f), 1000);

        TwoRounds(String strategy) {
            this.strategy = strategy;
        }

        /** Round 1, whose model and state blobs are then on the node, as the chaincode adds them. */
        RoundOutcome first() {
            RoundOutcome first = new RoundRecomputation(round.node).aggregate(round.input(strategy, 2));
            store(first.blob());
            if (first.optimizerState() != null) {
                store(first.optimizerState().blob());
            }
            return first;
        }

        /** Round 2 on a node holding whatever round 1's node holds now. */
        RoundOutcome second(RoundOutcome first) {
            TestRound next =
                    new TestRound().withDelta(alternating(3f, -3f), 1000).withDelta(alternating(5f, -5f), 1000);
            next.node.blobs.putAll(round.node.blobs);
            ContentRef state = first.optimizerState() == null
                    ? null
                    : TestRound.ref(first.optimizerState().blob());
            return new RoundRecomputation(next.node)
                    .aggregate(next.input(strategy, 2, 2, TestRound.ref(first.blob()), state));
        }

        ContentRef store(byte[] blob) {
            return store(round, blob);
        }

        private static ContentRef store(TestRound on, byte[] blob) {
            on.node.put(blob, blob);
            return TestRound.ref(blob);
        }
    }

    static float[] alternating(float even, float odd) {
        float[] values = new float[P];
        for (int j = 0; j < P; j++) {
            values[j] = j % 2 == 0 ? even : odd;
        }
        return values;
    }

    private static float[] filled(float value) {
        float[] values = new float[P];
        java.util.Arrays.fill(values, value);
        return values;
    }
}
