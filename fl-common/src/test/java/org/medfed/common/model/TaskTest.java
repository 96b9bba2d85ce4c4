package org.medfed.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

class TaskTest {
    private static final Instant T1 = Samples.T0.plusSeconds(60);
    private static final Task ACTIVE = Samples.task();
    private static final Task PAUSED = ACTIVE.pause("maintenance", T1);
    private static final Task CANCELLED = ACTIVE.cancel("superseded", T1);

    @Test
    void startsActiveInRoundOneFromTheInitialModel() {
        assertThat(ACTIVE.status()).isEqualTo(TaskStatus.ACTIVE);
        assertThat(ACTIVE.currentRound()).isEqualTo(1);
        assertThat(ACTIVE.globalModel()).isEqualTo(Samples.ref("initial"));
    }

    @Test
    void survivesACanonicalJsonRoundTrip() {
        assertThat(Task.fromJson(JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(PAUSED.toJson())))))
                .isEqualTo(PAUSED);
    }

    static Stream<Arguments> transitions() {
        UnaryOperator<Task> pause = task -> task.pause("why", T1);
        UnaryOperator<Task> resume = task -> task.resume(T1);
        UnaryOperator<Task> cancel = task -> task.cancel("why", T1);
        UnaryOperator<Task> advance = task -> task.advance(Samples.ref("next"), T1);
        return Stream.of(
                Arguments.of("active pause", ACTIVE, pause, TaskStatus.PAUSED, null),
                Arguments.of("active resume", ACTIVE, resume, null, ErrorCode.ILLEGAL_TRANSITION),
                Arguments.of("active cancel", ACTIVE, cancel, TaskStatus.CANCELLED, null),
                Arguments.of("active advance", ACTIVE, advance, TaskStatus.ACTIVE, null),
                Arguments.of("paused pause", PAUSED, pause, null, ErrorCode.TASK_NOT_ACTIVE),
                Arguments.of("paused resume", PAUSED, resume, TaskStatus.ACTIVE, null),
                Arguments.of("paused cancel", PAUSED, cancel, TaskStatus.CANCELLED, null),
                Arguments.of("paused advance", PAUSED, advance, null, ErrorCode.TASK_NOT_ACTIVE),
                Arguments.of("cancelled pause", CANCELLED, pause, null, ErrorCode.TASK_NOT_ACTIVE),
                Arguments.of("cancelled resume", CANCELLED, resume, null, ErrorCode.ILLEGAL_TRANSITION),
                Arguments.of("cancelled cancel", CANCELLED, cancel, null, ErrorCode.ILLEGAL_TRANSITION),
                Arguments.of("cancelled advance", CANCELLED, advance, null, ErrorCode.TASK_NOT_ACTIVE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void followsTheLifecycleTable(String name, Task from, UnaryOperator<Task> change, TaskStatus to, ErrorCode code) {
        if (code == null) {
            assertThat(change.apply(from).status()).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> change.apply(from))
                    .isInstanceOfSatisfying(
                            RuleViolation.class, e -> assertThat(e.code()).isEqualTo(code));
        }
    }

    @Test
    void advancesRoundByRoundAndCompletesAfterTheLast() {
        Task second = ACTIVE.advance(Samples.ref("g1"), T1);
        Task third = second.advance(Samples.ref("g2"), T1);
        Task done = third.advance(Samples.ref("g3"), T1);

        assertThat(second.currentRound()).isEqualTo(2);
        assertThat(third.currentRound()).isEqualTo(3);
        assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(done.currentRound()).isEqualTo(3);
        assertThat(done.globalModel()).isEqualTo(Samples.ref("g3"));
        assertThatThrownBy(() -> done.advance(Samples.ref("g4"), T1)).isInstanceOf(RuleViolation.class);
    }

    @Test
    void countsTheRoundsBeforeTheCurrentOneAsAggregatedAndTheLastOnceCompleted() {
        Task second = ACTIVE.advance(Samples.ref("g1"), T1);
        Task third = second.advance(Samples.ref("g2"), T1);
        Task done = third.advance(Samples.ref("g3"), T1);

        assertThat(ACTIVE.aggregatedRounds()).isZero();
        assertThat(third.aggregatedRounds()).isEqualTo(2);
        assertThat(done.aggregatedRounds()).isEqualTo(3);
    }

    @Test
    void recordsWhyItWasPausedOrCancelled() {
        assertThat(PAUSED.statusReason()).isEqualTo("maintenance");
        assertThat(PAUSED.resume(T1).statusReason()).isNull();
        assertThat(CANCELLED.statusReason()).isEqualTo("superseded");
        assertThat(PAUSED.summary()).containsEntry("status", "paused").doesNotContainKey("spec");
    }
}
