package org.medfed.chaincode.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.CloseReason;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.contract.testing.TestIdentity;

class CloseRoundTest {
    private static final String INITIAL = Fixtures.sha("initial-" + TASK);
    private final LedgerHarness ledger = new LedgerHarness();

    @BeforeEach
    void createTask() {
        Consortium.withTask(ledger);
    }

    private void submit(TestIdentity... holders) {
        for (TestIdentity holder : holders) {
            Consortium.submit(ledger, holder, 1, INITIAL);
        }
    }

    private RoundState round(Map<String, Object> payload) {
        return RoundState.fromJson(JsonFields.object(payload, "round"));
    }

    @Test
    void closesAsSoonAsEveryEligibleParticipantHasSubmitted() {
        submit(GATEWAY, HOSPITAL, CLINIC);

        Map<String, Object> closed = Consortium.close(ledger, HOSPITAL, 1);

        assertThat(round(closed).status()).isEqualTo(RoundStatus.CLOSED);
        assertThat(round(closed).closeReason()).isEqualTo(CloseReason.ALL_SUBMITTED);
        assertThat(round(closed).accepted()).hasSize(3).isSorted();
        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.ROUND_CLOSED);
    }

    @Test
    void refusesToCloseEarlyWhileSomeoneIsMissing() {
        submit(HOSPITAL, CLINIC);

        ledger.refused(ErrorCode.ROUND_STILL_OPEN, HOSPITAL, ctx -> ledger.rounds.closeRound(ctx, TASK, "1"));
    }

    @Test
    void closesAtTheDeadlineWithQuorumAndPenalisesTheParticipantThatMissedIt() {
        submit(HOSPITAL, CLINIC);
        ledger.advance(Duration.ofSeconds(600));

        Map<String, Object> closed = Consortium.close(ledger, CLINIC, 1);

        assertThat(round(closed).closeReason()).isEqualTo(CloseReason.DEADLINE_WITH_QUORUM);
        assertThat(round(closed).excluded())
                .containsExactly(new Exclusion(GATEWAY.participantId(), ExclusionReason.MISSED_DEADLINE, null));
        List<ReputationChange> changes = JsonFields.objects(closed, "reputation").stream()
                .map(ReputationChange::fromJson)
                .toList();
        assertThat(changes).singleElement().satisfies(change -> {
            assertThat(change.participantId()).isEqualTo(GATEWAY.participantId());
            assertThat(change.after()).isEqualByComparingTo("0.3");
        });
    }

    @Test
    void abortsWithoutQuorumAndOpensANewAttemptThatKeepsEarlierUpdates() {
        submit(HOSPITAL);
        ledger.advance(Duration.ofSeconds(600));

        Map<String, Object> aborted = Consortium.close(ledger, HOSPITAL, 1);

        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.ROUND_ABORTED);
        assertThat(round(aborted).status()).isEqualTo(RoundStatus.OPEN);
        assertThat(round(aborted).attempt()).isEqualTo(2);
        assertThat(round(aborted).abortedAttempts().get(0).submitted()).containsExactly(HOSPITAL.participantId());
        ledger.refused(
                ErrorCode.DUPLICATE_SUBMISSION,
                HOSPITAL,
                ctx -> ledger.rounds.submitUpdate(
                        ctx,
                        Fixtures.json(Fixtures.update(TASK, 1, Consortium.datasetOf(HOSPITAL), INITIAL, "again"))));
        submit(CLINIC);
        ledger.advance(Duration.ofSeconds(600));
        assertThat(round(Consortium.close(ledger, CLINIC, 1)).accepted()).hasSize(2);
    }

    @Test
    void pausesTheTaskAfterTwoAbortsInARowAndResumesWithANewAttempt() {
        for (int attempt = 1; attempt <= 2; attempt++) {
            ledger.advance(Duration.ofSeconds(600));
            Consortium.close(ledger, HOSPITAL, 1);
        }

        Map<String, Object> task = ledger.json(ADMIN, ctx -> ledger.tasks.getTask(ctx, TASK));
        assertThat(task).containsEntry("status", "paused");
        Map<String, Object> resumed = ledger.json(ADMIN, ctx -> ledger.tasks.resumeTask(ctx, TASK));
        assertThat(round(resumed).attempt()).isEqualTo(3);
        assertThat(round(resumed).status()).isEqualTo(RoundStatus.OPEN);
    }

    @Test
    void refusesAClosedStaleOrFutureRound() {
        submit(HOSPITAL, CLINIC, GATEWAY);
        Consortium.close(ledger, HOSPITAL, 1);

        ledger.refused(ErrorCode.ROUND_NOT_OPEN, HOSPITAL, ctx -> ledger.rounds.closeRound(ctx, TASK, "1"));
        ledger.refused(ErrorCode.ROUND_NOT_OPEN, HOSPITAL, ctx -> ledger.rounds.closeRound(ctx, TASK, "2"));
        ledger.refused(ErrorCode.INVALID_ARGUMENT, HOSPITAL, ctx -> ledger.rounds.closeRound(ctx, TASK, "one"));
    }

    @Test
    void letsAnyActiveParticipantCloseButNobodyElse() {
        submit(HOSPITAL, CLINIC, GATEWAY);

        ledger.refused(
                ErrorCode.NOT_REGISTERED, TestIdentity.ORG3_CLIENT, ctx -> ledger.rounds.closeRound(ctx, TASK, "1"));
        ledger.refused(ErrorCode.NOT_REGISTERED, ADMIN, ctx -> ledger.rounds.closeRound(ctx, TASK, "1"));
        Consortium.close(ledger, GATEWAY, 1);
    }
}
