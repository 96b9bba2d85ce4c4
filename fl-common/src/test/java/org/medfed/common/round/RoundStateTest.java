package org.medfed.common.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Samples;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/** The round state machine as a table: from each state, every transition, legal or not. */
class RoundStateTest {
    private static final Instant T0 = Samples.T0;
    private static final Instant LATER = T0.plusSeconds(700);
    private static final RoundState OPEN = RoundState.open("sepsis", 1, Samples.ref("initial"), T0, 600);
    private static final RoundState CLOSED =
            OPEN.closed(T0.plusSeconds(60), CloseReason.ALL_SUBMITTED, List.of(Samples.ALICE), List.of());
    private static final RoundState AGGREGATED = CLOSED.aggregated(T0.plusSeconds(120), Samples.ref("g1"));
    private static final RoundState ABORTED = OPEN.aborted(LATER, List.of(), List.of(Samples.ALICE));

    static Stream<Arguments> table() {
        UnaryOperator<RoundState> close =
                round -> round.closed(LATER, CloseReason.DEADLINE_WITH_QUORUM, List.of(), List.of());
        UnaryOperator<RoundState> abort = round -> round.aborted(LATER, List.of(), List.of());
        UnaryOperator<RoundState> retry = round -> round.retry(LATER, 600);
        UnaryOperator<RoundState> aggregate = round -> round.aggregated(LATER, Samples.ref("g"));
        UnaryOperator<RoundState> next = round -> round.next(LATER, 600);
        return Stream.of(
                row("open → closed", OPEN, close, RoundStatus.CLOSED, null),
                row("open → aborted", OPEN, abort, RoundStatus.ABORTED, null),
                row("open retry", OPEN, retry, null, ErrorCode.ILLEGAL_TRANSITION),
                row("open aggregate", OPEN, aggregate, null, ErrorCode.ROUND_NOT_CLOSED),
                row("open next", OPEN, next, null, ErrorCode.ILLEGAL_TRANSITION),
                row("closed close", CLOSED, close, null, ErrorCode.ROUND_NOT_OPEN),
                row("closed abort", CLOSED, abort, null, ErrorCode.ROUND_NOT_OPEN),
                row("closed retry", CLOSED, retry, null, ErrorCode.ILLEGAL_TRANSITION),
                row("closed → aggregated", CLOSED, aggregate, RoundStatus.AGGREGATED, null),
                row("closed next", CLOSED, next, null, ErrorCode.ILLEGAL_TRANSITION),
                row("aggregated close", AGGREGATED, close, null, ErrorCode.ROUND_NOT_OPEN),
                row("aggregated abort", AGGREGATED, abort, null, ErrorCode.ROUND_NOT_OPEN),
                row("aggregated retry", AGGREGATED, retry, null, ErrorCode.ILLEGAL_TRANSITION),
                row("aggregated aggregate", AGGREGATED, aggregate, null, ErrorCode.ROUND_NOT_CLOSED),
                row("aggregated → next open", AGGREGATED, next, RoundStatus.OPEN, null),
                row("aborted close", ABORTED, close, null, ErrorCode.ROUND_NOT_OPEN),
                row("aborted abort", ABORTED, abort, null, ErrorCode.ROUND_NOT_OPEN),
                row("aborted → open (retry)", ABORTED, retry, RoundStatus.OPEN, null),
                row("aborted aggregate", ABORTED, aggregate, null, ErrorCode.ROUND_NOT_CLOSED),
                row("aborted next", ABORTED, next, null, ErrorCode.ILLEGAL_TRANSITION));
    }

    private static Arguments row(
            String name, RoundState from, UnaryOperator<RoundState> transition, RoundStatus to, ErrorCode refusal) {
        return Arguments.of(name, from, transition, to, refusal);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void followsTheTransitionTable(
            String name, RoundState from, UnaryOperator<RoundState> transition, RoundStatus to, ErrorCode refusal) {
        if (refusal == null) {
            assertThat(transition.apply(from).status()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> transition.apply(from))
                    .isInstanceOfSatisfying(
                            RuleViolation.class, e -> assertThat(e.code()).isEqualTo(refusal));
        }
    }

    @Test
    void acceptsSubmissionsOnlyWhileOpenAndStrictlyBeforeTheDeadline() {
        OPEN.requireAccepting(T0);
        OPEN.requireAccepting(T0.plusSeconds(599));
        assertRefused(ErrorCode.DEADLINE_PASSED, () -> OPEN.requireAccepting(T0.plusSeconds(600)));
        assertRefused(ErrorCode.ROUND_NOT_OPEN, () -> CLOSED.requireAccepting(T0));
        assertRefused(ErrorCode.ROUND_NOT_OPEN, () -> ABORTED.requireAccepting(T0));
    }

    @Test
    void retriesAnAbortedRoundAsANewAttemptWithAFreshDeadline() {
        RoundState retried = ABORTED.retry(LATER, 600);

        assertThat(retried.attempt()).isEqualTo(2);
        assertThat(retried.openedAt()).isEqualTo(LATER);
        assertThat(retried.deadline()).isEqualTo(LATER.plusSeconds(600));
        assertThat(retried.consecutiveAborts()).isEqualTo(1);
        assertThat(retried.abortedAttempts())
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.missing()).containsExactly(Samples.ALICE));
    }

    @Test
    void opensTheNextRoundFromTheAggregate() {
        RoundState next = AGGREGATED.next(LATER, 600);

        assertThat(next.round()).isEqualTo(2);
        assertThat(next.attempt()).isEqualTo(1);
        assertThat(next.baseModel()).isEqualTo(Samples.ref("g1"));
    }

    @Test
    void resumingGivesAnOpenRoundAFullDurationAndReopensAnAbortedOne() {
        assertThat(OPEN.resumed(LATER, 600).deadline()).isEqualTo(LATER.plusSeconds(600));
        RoundState reopened = ABORTED.resumed(LATER, 600);
        assertThat(reopened.status()).isEqualTo(RoundStatus.OPEN);
        assertThat(reopened.consecutiveAborts()).isZero();
        assertThat(CLOSED.resumed(LATER, 600)).isEqualTo(CLOSED);
        assertThat(AGGREGATED.resumed(LATER, 600)).isEqualTo(AGGREGATED);
    }

    @Test
    void survivesCanonicalJsonRoundTripsInEveryState() {
        for (RoundState state : List.of(OPEN, CLOSED, AGGREGATED, ABORTED, ABORTED.retry(LATER, 600))) {
            String json = CanonicalJson.encode(state.toJson());
            assertThat(RoundState.fromJson(JsonFields.object(CanonicalJson.parse(json))))
                    .isEqualTo(state);
        }
    }

    private static void assertRefused(ErrorCode code, Runnable call) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
