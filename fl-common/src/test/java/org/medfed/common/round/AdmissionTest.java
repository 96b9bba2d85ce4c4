package org.medfed.common.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Role;
import org.medfed.common.model.Samples;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;
import org.medfed.common.reputation.ReputationScore;

/** Each refusal of {@link Admission}, provoked by changing one input of an accepted submission. */
class AdmissionTest {
    private static final Instant NOW = Samples.T0.plusSeconds(60);
    private final Task task = Samples.task();
    private final RoundState round = RoundState.open("sepsis", 1, Samples.ref("initial"), Samples.T0, 600);
    private final Participant alice = Samples.registered("alice", Role.HOSPITAL);
    private final ReputationScore reputation =
            ReputationScore.initial("sepsis", alice.id(), Samples.reputationPolicy());
    private final DatasetDescription dataset = Samples.dataset("ds-alice", alice.id());
    private final UpdateSubmission update = Samples.update("ds-alice", 1, Samples.sha("initial"));

    @Test
    void acceptsAnUpdateThatMeetsEveryRule() {
        assertThatCode(() -> Admission.admit(task, round, alice, reputation, dataset, false, update, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesWhenTheTaskIsNotActive() {
        refused(ErrorCode.TASK_NOT_ACTIVE, task.pause("x", NOW), round, alice, reputation, dataset, false, update, NOW);
    }

    @Test
    void refusesAParticipantTheTaskDoesNotList() {
        Participant dave = Samples.registered("dave", Role.CLINIC);
        refused(ErrorCode.NOT_ELIGIBLE, task, round, dave, reputation, dataset, false, update, NOW);
    }

    @Test
    void refusesEarlierAndLaterRounds() {
        Task second = task.advance(Samples.ref("g1"), NOW);
        RoundState secondRound = RoundState.open("sepsis", 2, Samples.ref("g1"), NOW, 600);
        refused(ErrorCode.STALE_ROUND, second, secondRound, alice, reputation, dataset, false, update, NOW);
        refused(
                ErrorCode.ROUND_NOT_OPEN,
                task,
                round,
                alice,
                reputation,
                dataset,
                false,
                Samples.update("ds-alice", 2, Samples.sha("initial")),
                NOW);
    }

    @Test
    void refusesAfterTheDeadlineAndInAClosedRound() {
        refused(
                ErrorCode.DEADLINE_PASSED,
                task,
                round,
                alice,
                reputation,
                dataset,
                false,
                update,
                Samples.T0.plusSeconds(600));
        RoundState closed = round.closed(NOW, CloseReason.ALL_SUBMITTED, List.of(), List.of());
        refused(ErrorCode.ROUND_NOT_OPEN, task, closed, alice, reputation, dataset, false, update, NOW);
    }

    @Test
    void refusesASecondUpdateInTheRound() {
        refused(ErrorCode.DUPLICATE_SUBMISSION, task, round, alice, reputation, dataset, true, update, NOW);
    }

    @Test
    void refusesAnUpdateTrainedFromAnotherModel() {
        refused(
                ErrorCode.BASE_MODEL_MISMATCH,
                task,
                round,
                alice,
                reputation,
                dataset,
                false,
                Samples.update("ds-alice", 1, Samples.sha("other")),
                NOW);
    }

    @Test
    void refusesAnUpdateOfTheWrongSize() {
        UpdateSubmission wrongSize = new UpdateSubmission(
                "sepsis",
                1,
                "ds-alice",
                update.cid(),
                update.sha256(),
                24,
                1000,
                update.baseModelSha256(),
                UpdateKind.FULL,
                new TreeMap<>(),
                update.dp());
        refused(ErrorCode.SHAPE_MISMATCH, task, round, alice, reputation, dataset, false, wrongSize, NOW);
    }

    @Test
    void refusesDatasetsThatAreUnregisteredForeignOrNotAdmitted() {
        refused(ErrorCode.DATASET_NOT_ADMITTED, task, round, alice, reputation, null, false, update, NOW);
        refused(
                ErrorCode.DATASET_NOT_ADMITTED,
                task,
                round,
                alice,
                reputation,
                Samples.dataset("ds-alice", Samples.BOB),
                false,
                update,
                NOW);
        refused(
                ErrorCode.DATASET_NOT_ADMITTED,
                task,
                round,
                alice,
                reputation,
                Samples.dataset("ds-other", alice.id()),
                false,
                Samples.update("ds-other", 1, Samples.sha("initial")),
                NOW);
    }

    @Test
    void refusesAParticipantBelowTheReputationThreshold() {
        ReputationScore low = new ReputationScore("sepsis", alice.id(), new BigDecimal("0.29"), 2, NOW);
        refused(ErrorCode.REPUTATION_TOO_LOW, task, round, alice, low, dataset, false, update, NOW);
    }

    @Test
    void refusesLessNoiseOrALargerClipNormThanThePolicyAllows() {
        refused(
                ErrorCode.DP_POLICY_VIOLATION,
                task,
                round,
                alice,
                reputation,
                dataset,
                false,
                withDp(new DpUsage(new BigDecimal("0.01"), new BigDecimal("0.9"), 100, BigDecimal.ONE)),
                NOW);
        refused(
                ErrorCode.DP_POLICY_VIOLATION,
                task,
                round,
                alice,
                reputation,
                dataset,
                false,
                withDp(new DpUsage(new BigDecimal("0.01"), BigDecimal.ONE, 100, new BigDecimal("1.5"))),
                NOW);
    }

    @Test
    void aTaskWithoutDpAdmitsAnUnnoisedUpdateWhateverItsClipNorm() {
        Task withoutDp = Task.create(Samples.specWithoutDp(), Samples.T0, Samples.ADMIN);
        UpdateSubmission unnoised = withDp(new DpUsage(new BigDecimal("0.01"), BigDecimal.ZERO, 100, BigDecimal.TEN));

        assertThatCode(() -> Admission.admit(withoutDp, round, alice, reputation, dataset, false, unnoised, NOW))
                .doesNotThrowAnyException();
    }

    @Test
    void aTaskWithoutDpRefusesAnUpdateThatClaimsNoise() {
        Task withoutDp = Task.create(Samples.specWithoutDp(), Samples.T0, Samples.ADMIN);

        assertThatThrownBy(() -> Admission.admit(withoutDp, round, alice, reputation, dataset, false, update, NOW))
                .isInstanceOfSatisfying(RuleViolation.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.DP_POLICY_VIOLATION);
                    assertThat(e.getMessage()).contains("no differential-privacy policy", "noise multiplier 0");
                });
    }

    @Test
    void aScaffoldTaskTakesOnlyUpdatesWithAControlDeltaAndAnyOtherTaskOnlyUpdatesWithout() {
        Task scaffold =
                Task.create(Samples.spec(new StrategySpec("scaffold", new TreeMap<>())), Samples.T0, Samples.ADMIN);
        UpdateSubmission withDelta = update.withControlDelta(Samples.ref("delta"));

        assertThatCode(() -> Admission.admit(scaffold, round, alice, reputation, dataset, false, withDelta, NOW))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> Admission.admit(scaffold, round, alice, reputation, dataset, false, update, NOW))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTROL_VARIATE_MISMATCH))
                .hasMessageContaining("must carry its control delta");
        assertThatThrownBy(() -> Admission.admit(task, round, alice, reputation, dataset, false, withDelta, NOW))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONTROL_VARIATE_MISMATCH))
                .hasMessageContaining("keeps no control variate");
    }

    @Test
    void reportsTheFirstRuleBrokenInTheDocumentedOrder() {
        // Stale round, duplicate and wrong base all at once: the round is checked first.
        Task second = task.advance(Samples.ref("g1"), NOW);
        RoundState secondRound = RoundState.open("sepsis", 2, Samples.ref("g1"), NOW, 600);
        refused(ErrorCode.STALE_ROUND, second, secondRound, alice, reputation, null, true, update, NOW);
    }

    private UpdateSubmission withDp(DpUsage dp) {
        return new UpdateSubmission(
                "sepsis",
                1,
                "ds-alice",
                update.cid(),
                update.sha256(),
                23,
                1000,
                update.baseModelSha256(),
                UpdateKind.DELTA,
                new TreeMap<>(Map.of()),
                dp);
    }

    private static void refused(
            ErrorCode code,
            Task task,
            RoundState round,
            Participant participant,
            ReputationScore reputation,
            DatasetDescription dataset,
            boolean duplicate,
            UpdateSubmission update,
            Instant now) {
        assertThatThrownBy(() -> Admission.admit(task, round, participant, reputation, dataset, duplicate, update, now))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
