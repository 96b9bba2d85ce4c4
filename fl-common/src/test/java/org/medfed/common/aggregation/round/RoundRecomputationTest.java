package org.medfed.common.aggregation.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.common.aggregation.round.TestRound.Problem.HASH_MISMATCH;
import static org.medfed.common.aggregation.round.TestRound.Problem.MISSING;
import static org.medfed.common.aggregation.round.TestRound.Problem.NONE;
import static org.medfed.common.aggregation.round.TestRound.Problem.NON_FINITE;
import static org.medfed.common.aggregation.round.TestRound.Problem.TOO_SHORT;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.common.aggregation.round.TestRound.Problem;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.protocol.ErrorCode;

class RoundRecomputationTest {
    private static final List<String> STRATEGIES = List.of(
            "fedavg",
            "median",
            "trimmed-mean:beta=0.2",
            "multi-krum:f=0,m=2",
            "multi-krum:f=1,m=1",
            "fedavg:reputationWeighted=1,maxNorm=3");

    @ParameterizedTest
    @ValueSource(strings = {"fedavg", "median", "trimmed-mean:beta=0.2", "multi-krum:f=0,m=2"})
    void aCleanRoundReadsTheGlobalModelOnceAndEachUpdateTwice(String strategy) {
        TestRound round = TestRound.of(NONE, NONE, NONE, NONE, NONE);

        RoundOutcome outcome = new RoundRecomputation(round.node).aggregate(round.input(strategy, 3));

        assertThat(outcome.excluded()).isEmpty();
        assertThat(outcome.contributions())
                .extracting(Contribution::participantId)
                .containsExactlyElementsOf(round.participants.stream().sorted().toList());
        assertThat(round.node.opens(round.global.cid())).isEqualTo(1);
        for (AcceptedUpdate update : round.updates) {
            assertThat(round.node.opens(update.blob().cid()))
                    .as(update.participantId())
                    .isEqualTo(2);
        }
        assertThat(outcome.sha256()).isEqualTo(Hashing.sha256Hex(outcome.blob()));
        assertThat(FloatVectorCodec.decode(outcome.blob(), TestRound.P)).containsExactly(outcome.model());
    }

    /** Every problem of one update, at every canonical position, under every strategy the chaincode runs. */
    static Stream<Arguments> oneBadUpdate() {
        List<Arguments> cases = new ArrayList<>();
        for (String strategy : STRATEGIES) {
            for (Problem problem : Problem.values()) {
                for (int position = 0; position < 5; position++) {
                    Problem[] problems = new Problem[5];
                    Arrays.fill(problems, NONE);
                    problems[position] = problem;
                    cases.add(Arguments.of(strategy, 3L, problems));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest
    @MethodSource("oneBadUpdate")
    void givesExactlyTheOutcomeOfVerifyingEveryBlobFirstWithFewerReads(
            String strategy, long quorum, Problem[] problems) {
        TestRound round = TestRound.of(problems);
        TestRound reference = TestRound.of(problems);

        String actual = describe(() -> new RoundRecomputation(round.node).aggregate(round.input(strategy, quorum)));
        String expected = describe(() -> PrePassReference.aggregate(reference.input(strategy, quorum), reference.node));

        assertThat(actual).isEqualTo(expected);
        assertThat(round.node.totalOpens()).isLessThanOrEqualTo(reference.node.totalOpens());
        for (int i = 0; i < problems.length; i++) {
            assertThat(round.node.opens(round.updates.get(i).blob().cid())).isLessThanOrEqualTo(3);
        }
    }

    static Stream<Arguments> severalBadUpdates() {
        return Stream.of(
                Arguments.of("fedavg", 3L, new Problem[] {HASH_MISMATCH, NONE, NONE, NON_FINITE, NONE}),
                Arguments.of("fedavg", 3L, new Problem[] {HASH_MISMATCH, TOO_SHORT, NONE, NON_FINITE, NONE}),
                Arguments.of("fedavg", 5L, new Problem[] {NONE, NONE, NONE, NONE, HASH_MISMATCH}),
                Arguments.of("fedavg", 4L, new Problem[] {HASH_MISMATCH, NONE, NONE, NONE, MISSING}),
                Arguments.of("fedavg", 5L, new Problem[] {HASH_MISMATCH, NONE, NONE, NONE, MISSING}),
                Arguments.of("fedavg", 5L, new Problem[] {MISSING, NONE, NONE, NONE, HASH_MISMATCH}),
                Arguments.of("median", 2L, new Problem[] {NON_FINITE, TOO_SHORT, NONE, NONE, HASH_MISMATCH}),
                Arguments.of("multi-krum:f=1,m=2", 3L, new Problem[] {NONE, NONE, NONE, NONE, NONE, NON_FINITE}),
                Arguments.of("multi-krum:f=1,m=2", 3L, new Problem[] {NONE, TOO_SHORT, NONE, NONE, NONE}));
    }

    @ParameterizedTest
    @MethodSource("severalBadUpdates")
    void givesTheSameOutcomeWithSeveralBadUpdatesQuorumAndStrategyRefusals(
            String strategy, long quorum, Problem[] problems) {
        givesExactlyTheOutcomeOfVerifyingEveryBlobFirstWithFewerReads(strategy, quorum, problems);
    }

    @Test
    void excludesEachBadUpdateWithItsReasonAndDetail() {
        TestRound round = TestRound.of(NONE, HASH_MISMATCH, NONE, Problem.WRONG_COUNT, NON_FINITE);

        RoundOutcome outcome = new RoundRecomputation(round.node).aggregate(round.input("fedavg", 2));

        assertThat(outcome.excluded())
                .extracting(Exclusion::participantId)
                .containsExactlyElementsOf(
                        Stream.of(1, 3, 4).map(TestRound::participant).sorted().toList());
        assertThat(outcome.excluded())
                .allSatisfy(x -> assertThat(x.reason()).isEqualTo(ExclusionReason.CONTENT_INVALID));
        assertThat(outcome.excluded())
                .extracting(x -> x.detail().split(":")[0])
                .containsExactlyInAnyOrder("HASH_MISMATCH", "LENGTH_MISMATCH", "NON_FINITE_VALUE");
        assertThat(round.node.opens(round.updates.get(3).blob().cid())).isZero();
    }

    @Test
    void refusesBelowQuorumNamingEveryExclusion() {
        TestRound round = TestRound.of(HASH_MISMATCH, NONE, TOO_SHORT);

        assertThatThrownBy(() -> new RoundRecomputation(round.node).aggregate(round.input("fedavg", 2)))
                .isInstanceOfSatisfying(
                        RoundAggregationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.QUORUM_NOT_MET))
                .hasMessageContaining("1 usable updates")
                .hasMessageContaining("HASH_MISMATCH")
                .hasMessageContaining("LENGTH_MISMATCH");
    }

    @Test
    void aBlobTheNodeCannotServeIsNoExclusionButBlobUnavailable() {
        TestRound round = TestRound.of(NONE, MISSING, NONE);

        assertThatThrownBy(() -> new RoundRecomputation(round.node).aggregate(round.input("fedavg", 2)))
                .isInstanceOfSatisfying(
                        RoundAggregationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UNAVAILABLE))
                .hasMessageContaining("block not found")
                .hasMessageContaining(TestRound.participant(1));
    }

    @Test
    void aBadGlobalModelFailsTheAggregation() {
        TestRound round = TestRound.of(NONE, NONE);
        round.node.blobs.put(round.global.cid(), TestRound.honest(3));

        assertThatThrownBy(() -> new RoundRecomputation(round.node).aggregate(round.input("fedavg", 2)))
                .isInstanceOfSatisfying(
                        RoundAggregationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.AGGREGATION_FAILED))
                .hasMessageContaining("global model")
                .hasMessageContaining("HASH_MISMATCH");
    }

    @Test
    void theSameRoundGivesTheSameBytesWhateverTheOrderOfItsUpdates() {
        TestRound round = TestRound.of(NONE, NONE, HASH_MISMATCH, NONE);
        RoundInput input = round.input("median", 2);
        List<AcceptedUpdate> reversed = new ArrayList<>(input.updates());
        java.util.Collections.reverse(reversed);

        RoundOutcome first = new RoundRecomputation(round.node).aggregate(input);
        RoundOutcome second = new RoundRecomputation(round.node)
                .aggregate(new RoundInput(input.spec(), input.round(), input.globalModel(), reversed));

        assertThat(second.blob()).isEqualTo(first.blob());
        assertThat(second.contributions()).isEqualTo(first.contributions());
        assertThat(second.excluded()).isEqualTo(first.excluded());
    }

    @Test
    void aRoundInputSurvivesItsCanonicalJson() {
        RoundInput input = TestRound.of(NONE, HASH_MISMATCH, NONE).input("trimmed-mean:beta=0.2", 2);

        String json = CanonicalJson.encode(input.toJson());
        RoundInput back = RoundInput.fromJson(JsonFields.object(CanonicalJson.parse(json)));

        assertThat(back).isEqualTo(input);
        assertThat(CanonicalJson.encode(back.toJson())).isEqualTo(json);
    }

    private static String describe(java.util.function.Supplier<RoundOutcome> run) {
        try {
            RoundOutcome outcome = run.get();
            return outcome.sha256() + " " + outcome.contributions() + " " + outcome.excluded();
        } catch (RoundAggregationException e) {
            return e.code() == ErrorCode.BLOB_UNAVAILABLE ? e.code().name() : e.code() + ": " + e.getMessage();
        }
    }
}
