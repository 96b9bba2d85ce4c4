package org.medfed.common.aggregation.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.Samples;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.protocol.ErrorCode;

/**
 * SCAFFOLD through {@link RoundRecomputation}: the model is FedAvg's, the global control c⁺ = c + Σ Δc_i / N with N
 * the task's four eligible sites, two of which take part, on the smallest model a task allows (1 input, 2 classes,
 * P = 4).
 *
 * <p>Round 1 starts from c = 0: Δc_A = [1, 2, −3, 0.5], Δc_B = [3, −2, 0, 0.25], so c⁺ = [4, 0, −3, 0.75] / 4 =
 * [1, 0, −0.75, 0.1875]. Round 2 reads that c back: Δc_A = [0.5, 0.5, 0.5, 0.5], Δc_B = [−1, 0, 1, 2], so c⁺ = c +
 * [−0.5, 0.5, 1.5, 2.5] / 4 = [0.875, 0.125, −0.375, 0.8125]. The models: global 0.25, A's delta 1 on 1000
 * examples, B's 3 on 3000, so 0.25 + (1·1000 + 3·3000) / 4000 = 2.75.
 */
class ScaffoldRoundTest {
    private static final int P = 4;
    private static final List<String> SITES =
            IntStream.range(0, 4).mapToObj(TestRound::participant).sorted().toList();

    private final MemoryBlobs node = new MemoryBlobs();

    @Test
    void twoRoundsGiveTheHandComputedControlsAndFedAvgsModel() {
        RoundOutcome first =
                recompute(input("scaffold", 1, null, delta(1, 1000, 1, 2, -3, 0.5f), delta(3, 3000, 3, -2, 0, 0.25f)));

        assertThat(first.model()).containsExactly(2.75f, 2.75f, 2.75f, 2.75f);
        assertThat(first.controlVariate().values()).containsExactly(1f, 0f, -0.75f, 0.1875f);
        assertThat(first.controlVariate().blob())
                .isEqualTo(FloatVectorCodec.encode(first.controlVariate().values()));
        assertThat(first.optimizerState()).isNull();

        ContentRef c = store(first.controlVariate().blob());
        RoundOutcome second =
                recompute(input("scaffold", 2, c, delta(1, 1000, 0.5f, 0.5f, 0.5f, 0.5f), delta(3, 3000, -1, 0, 1, 2)));

        assertThat(second.controlVariate().values()).containsExactly(0.875f, 0.125f, -0.375f, 0.8125f);
    }

    @Test
    void aBadControlDeltaExcludesItsUpdateAndTheRoundGoesOnWithoutIt() {
        AcceptedUpdate good = delta(1, 1000, 4, 4, 4, 4);
        AcceptedUpdate bad = delta(3, 3000, 8, 8, 8, 8);
        node.blobs.put(bad.controlDelta().cid(), FloatVectorCodec.encode(new float[] {8, 8, 8, 9}));

        RoundOutcome outcome = recompute(input("scaffold", 1, null, good, bad));

        assertThat(outcome.excluded()).singleElement().satisfies(x -> {
            assertThat(x.participantId()).isEqualTo(bad.participantId());
            assertThat(x.reason()).isEqualTo(ExclusionReason.CONTENT_INVALID);
            assertThat(x.detail()).startsWith("HASH_MISMATCH: its control delta");
        });
        assertThat(outcome.model()).containsExactly(1.25f, 1.25f, 1.25f, 1.25f);
        // 4 / 4 eligible sites
        assertThat(outcome.controlVariate().values()).containsExactly(1f, 1f, 1f, 1f);
    }

    @Test
    void aControlDeltaTheNodeCannotServeIsNoExclusionButBlobUnavailable() {
        AcceptedUpdate update = delta(1, 1000, 1, 1, 1, 1);
        node.blobs.remove(update.controlDelta().cid());

        assertFails(() -> recompute(input("scaffold", 1, null, update)), ErrorCode.BLOB_UNAVAILABLE, "control delta");
    }

    @Test
    void theControlVariateIsNamedExactlyAfterRoundOneOfAScaffoldTask() {
        ContentRef c = store(FloatVectorCodec.encode(new float[P]));
        AcceptedUpdate withDelta = delta(1, 1000, 1, 1, 1, 1);
        AcceptedUpdate withoutDelta = new AcceptedUpdate(
                withDelta.participantId(), withDelta.blob(), P, 1000, UpdateKind.DELTA, withDelta.reputation());

        assertFails(
                () -> recompute(input("scaffold", 2, null, withDelta)),
                ErrorCode.AGGREGATION_FAILED,
                "has no control variate from round 1");
        assertFails(
                () -> recompute(input("scaffold", 1, c, withDelta)),
                ErrorCode.AGGREGATION_FAILED,
                "round 1 starts from zero");
        assertFails(
                () -> recompute(input("fedavg", 2, c, withoutDelta)),
                ErrorCode.AGGREGATION_FAILED,
                "keeps no control variate");
        assertFails(
                () -> recompute(input("fedavg", 1, null, withDelta)),
                ErrorCode.AGGREGATION_FAILED,
                "carries a control delta");
        assertFails(
                () -> recompute(input("scaffold", 1, null, withoutDelta)),
                ErrorCode.AGGREGATION_FAILED,
                "without a control delta");
    }

    @Test
    void aPreviousControlServedWithOtherBytesFailsTheAggregation() {
        ContentRef c = store(FloatVectorCodec.encode(new float[P]));
        node.blobs.put(c.cid(), FloatVectorCodec.encode(new float[] {0, 0, 0, 1}));

        assertFails(
                () -> recompute(input("scaffold", 2, c, delta(1, 1000, 1, 1, 1, 1))),
                ErrorCode.AGGREGATION_FAILED,
                "previous control variate");
    }

    @Test
    void permutedUpdatesGiveTheSameControlBytes() {
        List<AcceptedUpdate> updates = new ArrayList<>(List.of(
                delta(1, 1000, 0.1f, 0.2f, 0.3f, 0.4f),
                delta(2, 2000, 1e-3f, 7, -2, 0.3f),
                delta(3, 3000, 5, 1e7f, -1e-7f, 3)));
        RoundOutcome a = recompute(input("scaffold", 1, null, updates.toArray(AcceptedUpdate[]::new)));
        Collections.reverse(updates);
        RoundOutcome b = recompute(input("scaffold", 1, null, updates.toArray(AcceptedUpdate[]::new)));

        assertThat(b.controlVariate().blob()).isEqualTo(a.controlVariate().blob());
    }

    @Test
    void aRoundInputWithControlsSurvivesItsJsonAndOneWithoutNamesNone() {
        ContentRef c = store(FloatVectorCodec.encode(new float[P]));
        RoundInput scaffold = input("scaffold", 2, c, delta(1, 1000, 1, 1, 1, 1));
        RoundInput fedavg = input("fedavg", 1, null, delta(1, 1000, 1, 1, 1, 1));
        RoundInput plain = new RoundInput(
                fedavg.spec(),
                1,
                fedavg.globalModel(),
                fedavg.updates().stream()
                        .map(u -> new AcceptedUpdate(
                                u.participantId(), u.blob(), P, u.numExamples(), u.kind(), u.reputation()))
                        .toList());

        assertThat(RoundInput.fromJson(JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(scaffold.toJson())))))
                .isEqualTo(scaffold);
        assertThat(CanonicalJson.encode(plain.toJson())).doesNotContain("control");
    }

    private RoundOutcome recompute(RoundInput input) {
        return new RoundRecomputation(node).aggregate(input);
    }

    /** Site {@code site}'s delta {@code value} at every index, on {@code examples}, with its control delta. */
    private AcceptedUpdate delta(int site, long examples, float... controlDelta) {
        return delta(site, examples, (float) site, controlDelta);
    }

    private AcceptedUpdate delta(int site, long examples, float value, float[] controlDelta) {
        float[] model = new float[P];
        Arrays.fill(model, value);
        return new AcceptedUpdate(
                TestRound.participant(site),
                store(FloatVectorCodec.encode(model)),
                P,
                examples,
                UpdateKind.DELTA,
                new BigDecimal("0.5"),
                store(FloatVectorCodec.encode(controlDelta)));
    }

    private RoundInput input(String strategy, long round, ContentRef control, AcceptedUpdate... updates) {
        TaskSpec base = Samples.spec(SITES, 1);
        float[] initial = new float[P];
        Arrays.fill(initial, 0.25f);
        ContentRef global = store(FloatVectorCodec.encode(initial));
        TaskSpec spec = new TaskSpec(
                base.id(),
                base.title(),
                new ModelSpec("mlp", 1, List.of(), "relu", 2, global),
                base.training(),
                base.rounds(),
                1,
                base.roundDurationSeconds(),
                base.maxAbortsBeforePause(),
                new StrategySpec(strategy, new TreeMap<>()),
                base.dp(),
                base.reputation(),
                base.eligibleParticipants(),
                base.admittedDatasets());
        return new RoundInput(spec, round, global, List.of(updates), null, null, control);
    }

    private ContentRef store(byte[] blob) {
        node.put(blob, blob);
        return TestRound.ref(blob);
    }

    private static void assertFails(ThrowingCallable call, ErrorCode code, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        RoundAggregationException.class,
                        e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }
}
