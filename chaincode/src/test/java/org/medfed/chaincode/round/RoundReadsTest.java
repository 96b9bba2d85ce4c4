package org.medfed.chaincode.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.testing.TestIdentity;

class RoundReadsTest {
    private static final String INITIAL = Fixtures.sha("initial-" + TASK);
    private final LedgerHarness ledger = new LedgerHarness();

    @BeforeEach
    void submitTwoUpdates() {
        Consortium.withTask(ledger);
        Consortium.submit(ledger, CLINIC, 1, INITIAL);
        Consortium.submit(ledger, HOSPITAL, 1, INITIAL);
    }

    @Nested
    class GetRound {

        @Test
        void showsTheStateAndWhoHasSubmittedSoFar() {
            Map<String, Object> round = ledger.json(ADMIN, ctx -> ledger.rounds.getRound(ctx, TASK, "1"));

            assertThat(JsonFields.object(round, "round")).containsEntry("status", "open");
            assertThat(JsonFields.strings(round, "submitted"))
                    .containsExactlyElementsOf(List.of(CLINIC.participantId(), HOSPITAL.participantId()).stream()
                            .sorted()
                            .toList());
            ledger.refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> ledger.rounds.getRound(ctx, TASK, "2"));
        }
    }

    @Nested
    class ListUpdates {

        @Test
        void pagesThroughTheRoundsUpdatesInParticipantOrder() {
            List<String> participants = new ArrayList<>();
            Map<String, Object> first = ledger.json(ADMIN, ctx -> ledger.rounds.listUpdates(ctx, TASK, "1", "1", ""));
            JsonFields.objects(first, "items").forEach(item -> participants.add((String) item.get("participantId")));
            String bookmark = JsonFields.string(first, "bookmark");
            Map<String, Object> second =
                    ledger.json(ADMIN, ctx -> ledger.rounds.listUpdates(ctx, TASK, "1", "1", bookmark));
            JsonFields.objects(second, "items").forEach(item -> participants.add((String) item.get("participantId")));

            assertThat(participants).hasSize(2).isSorted();
            assertThat(second).containsEntry("bookmark", "");
        }
    }

    @Nested
    class GetAggregation {

        @Test
        void reportsNotFoundBeforeTheRoundIsAggregated() {
            ledger.refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> ledger.rounds.getAggregation(ctx, TASK, "1"));
        }
    }

    @Nested
    class GetPrivacyBudget {

        @Test
        void showsWhatRemainsOfTheCap() {
            Map<String, Object> budget = ledger.json(
                    TestIdentity.ORG1_CLIENT,
                    ctx -> ledger.rounds.getPrivacyBudget(ctx, TASK, HOSPITAL.participantId()));

            assertThat(JsonFields.decimal(budget, "remaining"))
                    .isEqualByComparingTo(
                            JsonFields.decimal(budget, "maxEpsilon").subtract(JsonFields.decimal(budget, "epsilon")));
            ledger.refused(
                    ErrorCode.NOT_FOUND,
                    ADMIN,
                    ctx -> ledger.rounds.getPrivacyBudget(ctx, "nope", HOSPITAL.participantId()));
        }

        @Test
        void isRefusedForATaskWithoutDpWhichKeepsNoBudget() {
            Consortium.createTaskWithoutDp(ledger);

            assertThat(ledger.refused(
                                    ErrorCode.NO_DP_POLICY,
                                    HOSPITAL,
                                    ctx -> ledger.rounds.getPrivacyBudget(
                                            ctx, Consortium.TASK_WITHOUT_DP, HOSPITAL.participantId()))
                            .getMessage())
                    .contains("no differential-privacy policy");
        }
    }
}
