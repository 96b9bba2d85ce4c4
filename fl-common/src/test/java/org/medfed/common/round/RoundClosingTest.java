package org.medfed.common.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.common.model.Samples.ALICE;
import static org.medfed.common.model.Samples.BOB;
import static org.medfed.common.model.Samples.CAROL;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.Samples;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/** Alice, Bob and Carol are eligible, quorum 2, the deadline is T0 + 600 s, the task pauses after 2 aborts. */
class RoundClosingTest {
    private static final Instant EARLY = Samples.T0.plusSeconds(100);
    private static final Instant DEADLINE = Samples.T0.plusSeconds(600);
    private final Task task = Samples.task();
    private final RoundState round = RoundState.open("sepsis", 1, Samples.ref("initial"), Samples.T0, 600);
    private final Map<String, Standing> allGood =
            new TreeMap<>(Map.of(ALICE, Standing.GOOD, BOB, Standing.GOOD, CAROL, Standing.GOOD));

    @Test
    void closesEarlyWhenEveryExpectedParticipantHasSubmitted() {
        RoundClosing.Result result = RoundClosing.close(task, round, EARLY, List.of(CAROL, ALICE, BOB), allGood);

        assertThat(result.outcome()).isEqualTo(RoundClosing.Outcome.CLOSED);
        assertThat(result.round().closeReason()).isEqualTo(CloseReason.ALL_SUBMITTED);
        assertThat(result.round().accepted()).containsExactly(sorted(ALICE, BOB, CAROL));
        assertThat(result.missed()).isEmpty();
    }

    @Test
    void waitsBeforeTheDeadlineWhileAnExpectedParticipantIsMissing() {
        assertThatThrownBy(() -> RoundClosing.close(task, round, EARLY, List.of(ALICE, BOB), allGood))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ROUND_STILL_OPEN));
    }

    @Test
    void doesNotWaitForSuspendedOrExcludedParticipants() {
        Map<String, Standing> standings = new TreeMap<>(allGood);
        standings.put(CAROL, Standing.SUSPENDED);

        RoundClosing.Result result = RoundClosing.close(task, round, EARLY, List.of(ALICE, BOB), standings);

        assertThat(result.round().closeReason()).isEqualTo(CloseReason.ALL_SUBMITTED);
        assertThat(result.round().excluded()).containsExactly(new Exclusion(CAROL, ExclusionReason.SUSPENDED, null));
    }

    @Test
    void closesAtTheDeadlineWithQuorumAndReportsWhoMissedIt() {
        RoundClosing.Result result = RoundClosing.close(task, round, DEADLINE, List.of(BOB, ALICE), allGood);

        assertThat(result.round().status()).isEqualTo(RoundStatus.CLOSED);
        assertThat(result.round().closeReason()).isEqualTo(CloseReason.DEADLINE_WITH_QUORUM);
        assertThat(result.missed()).containsExactly(CAROL);
        assertThat(result.round().excluded())
                .containsExactly(new Exclusion(CAROL, ExclusionReason.MISSED_DEADLINE, null));
    }

    @Test
    void abortsAtTheDeadlineWithoutQuorumAndRetries() {
        RoundClosing.Result result = RoundClosing.close(task, round, DEADLINE, List.of(ALICE), allGood);

        assertThat(result.outcome()).isEqualTo(RoundClosing.Outcome.RETRIED);
        assertThat(result.round().status()).isEqualTo(RoundStatus.OPEN);
        assertThat(result.round().attempt()).isEqualTo(2);
        assertThat(result.round().deadline()).isEqualTo(DEADLINE.plusSeconds(600));
        assertThat(result.missed()).containsExactly(sorted(BOB, CAROL));
        assertThat(result.task()).isSameAs(task);
    }

    @Test
    void pausesTheTaskAfterTheConfiguredNumberOfConsecutiveAborts() {
        RoundState retried =
                RoundClosing.close(task, round, DEADLINE, List.of(), allGood).round();
        Instant secondDeadline = retried.deadline();

        RoundClosing.Result result = RoundClosing.close(task, retried, secondDeadline, List.of(ALICE), allGood);

        assertThat(result.outcome()).isEqualTo(RoundClosing.Outcome.PAUSED);
        assertThat(result.round().status()).isEqualTo(RoundStatus.ABORTED);
        assertThat(result.round().abortedAttempts()).hasSize(2);
        assertThat(result.task().status()).isEqualTo(TaskStatus.PAUSED);
        assertThat(result.task().statusReason()).contains("aborted 2 times");
    }

    @Test
    void doesNotCountUpdatesOfSuspendedParticipantsTowardsQuorum() {
        Map<String, Standing> standings = new TreeMap<>(allGood);
        standings.put(BOB, Standing.SUSPENDED);

        RoundClosing.Result result = RoundClosing.close(task, round, DEADLINE, List.of(ALICE, BOB), standings);

        assertThat(result.outcome()).isEqualTo(RoundClosing.Outcome.RETRIED);
    }

    @Test
    void givesTheSameResultWhateverTheOrderOfSubmissions() {
        RoundClosing.Result one = RoundClosing.close(task, round, DEADLINE, List.of(ALICE, CAROL), allGood);
        RoundClosing.Result other = RoundClosing.close(task, round, DEADLINE, List.of(CAROL, ALICE), allGood);

        assertThat(other).isEqualTo(one);
    }

    @Test
    void refusesToCloseARoundOfAnInactiveTaskOrANonCurrentRound() {
        Task paused = task.pause("x", EARLY);
        assertThatThrownBy(() -> RoundClosing.close(paused, round, DEADLINE, List.of(), allGood))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_NOT_ACTIVE));
        Task later = task.advance(Samples.ref("g1"), EARLY);
        assertThatThrownBy(() -> RoundClosing.close(later, round, DEADLINE, List.of(), allGood))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STALE_ROUND));
    }

    private static String[] sorted(String... ids) {
        return Arrays.stream(ids).sorted().toArray(String[]::new);
    }
}
