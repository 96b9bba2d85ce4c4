package org.medfed.chaincode.reputation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.ErrorCode;

class ReputationContractTest {
    private final LedgerHarness ledger = new LedgerHarness();
    private final ReputationContract contract = ledger.reputation;

    @BeforeEach
    void gatewayMissesTheFirstDeadline() {
        Consortium.withTask(ledger);
        String initial = Fixtures.sha("initial-" + TASK);
        Consortium.submit(ledger, HOSPITAL, 1, initial);
        Consortium.submit(ledger, CLINIC, 1, initial);
        ledger.advance(Duration.ofSeconds(600));
        Consortium.close(ledger, HOSPITAL, 1);
    }

    @Nested
    class GetReputation {

        @Test
        void returnsTheInitialScoreBeforeAnyChange() {
            Map<String, Object> hospital =
                    ledger.json(ADMIN, ctx -> contract.getReputation(ctx, TASK, HOSPITAL.participantId()));

            assertThat(JsonFields.decimal(hospital, "score")).isEqualByComparingTo("0.5");
            assertThat(hospital)
                    .containsEntry("changes", 0L)
                    .containsEntry("updatedAt", null)
                    .containsEntry("excluded", false);
        }

        @Test
        void returnsTheScoreAfterAPenaltyWithTheThreshold() {
            Map<String, Object> gateway =
                    ledger.json(ADMIN, ctx -> contract.getReputation(ctx, TASK, GATEWAY.participantId()));

            assertThat(JsonFields.decimal(gateway, "score")).isEqualByComparingTo("0.3");
            assertThat(JsonFields.decimal(gateway, "threshold")).isEqualByComparingTo("0.3");
            assertThat(gateway).containsEntry("excluded", false).containsEntry("changes", 1L);
        }

        @Test
        void refusesUnknownTasks() {
            ledger.refused(
                    ErrorCode.NOT_FOUND, ADMIN, ctx -> contract.getReputation(ctx, "nope", HOSPITAL.participantId()));
        }
    }

    @Nested
    class GetReputationHistory {

        @Test
        void listsEveryChangeWithItsCauseOldestFirst() {
            Map<String, Object> history =
                    ledger.json(GATEWAY, ctx -> contract.getReputationHistory(ctx, TASK, GATEWAY.participantId()));

            assertThat(JsonFields.objects(history, "changes")).singleElement().satisfies(change -> {
                assertThat(change)
                        .containsEntry("cause", "missed-round")
                        .containsEntry("seq", 1L)
                        .containsEntry("round", 1L);
                assertThat(JsonFields.decimal(change, "before")).isEqualByComparingTo("0.5");
            });
            assertThat(JsonFields.objects(
                            ledger.json(
                                    GATEWAY, ctx -> contract.getReputationHistory(ctx, TASK, HOSPITAL.participantId())),
                            "changes"))
                    .isEmpty();
        }
    }
}
