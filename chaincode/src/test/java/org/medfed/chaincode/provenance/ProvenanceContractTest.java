package org.medfed.chaincode.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.round.Recorder;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.testing.TestIdentity;

class ProvenanceContractTest {
    private final LedgerHarness ledger = new LedgerHarness();
    private final ProvenanceContract contract = ledger.provenance;

    @BeforeEach
    void aggregateRoundOneWithoutTheGateway() {
        Consortium.withTask(ledger);
        String initial = Fixtures.sha("initial-" + TASK);
        for (TestIdentity holder : Consortium.HOLDERS) {
            Consortium.submit(ledger, holder, 1, initial);
        }
        Consortium.close(ledger, HOSPITAL, 1);
        Map<String, BigDecimal> qualities = new TreeMap<>(
                Map.of(HOSPITAL.participantId(), new BigDecimal("0.9"), CLINIC.participantId(), new BigDecimal("0.8")));
        ledger.run(
                CLINIC,
                ctx -> Recorder.record(
                        ctx,
                        Fixtures.json(Fixtures.report(
                                TASK,
                                1,
                                "global-1",
                                qualities,
                                List.of(Map.of("participantId", GATEWAY.participantId(), "reason", "unavailable"))))));
    }

    @Nested
    class GetModelLineage {

        @Test
        void namesTheRoundParentAggregationAndOnlyTheContributingUpdates() {
            Map<String, Object> lineage = JsonFields.objects(
                            ledger.json(ADMIN, ctx -> contract.getModelLineage(ctx, Fixtures.sha("global-1"))),
                            "lineages")
                    .get(0);

            assertThat(lineage)
                    .containsEntry("taskId", TASK)
                    .containsEntry("round", 1L)
                    .containsEntry("origin", "aggregated");
            assertThat(JsonFields.object(lineage, "parentModel")).isEqualTo(Fixtures.ref("initial-" + TASK));
            assertThat(JsonFields.objects(JsonFields.object(lineage, "aggregation"), "excluded"))
                    .extracting(e -> e.get("reason"))
                    .containsExactly("unavailable");
            assertThat(JsonFields.objects(lineage, "contributions"))
                    .extracting(c -> JsonFields.object(c, "participant").get("id"))
                    .containsExactlyInAnyOrder(HOSPITAL.participantId(), CLINIC.participantId());
            Map<String, Object> first =
                    JsonFields.objects(lineage, "contributions").get(0);
            assertThat(first)
                    .containsKeys("dataset", "dp", "epsilon", "reputationAtSubmission", "qualityScore", "update");
        }

        @Test
        void givesEachContributionItsUsageReceiptAndTheHoldersCurrentDecision() {
            Map<String, Object> lineage = JsonFields.objects(
                            ledger.json(ADMIN, ctx -> contract.getModelLineage(ctx, Fixtures.sha("global-1"))),
                            "lineages")
                    .get(0);

            for (Map<String, Object> contribution : JsonFields.objects(lineage, "contributions")) {
                UsageReceipt receipt = UsageReceipt.fromJson(JsonFields.object(contribution, "usageReceipt"));
                assertThat(receipt.participantId())
                        .isEqualTo(
                                JsonFields.object(contribution, "participant").get("id"));
                assertThat(receipt.datasetId())
                        .isEqualTo(JsonFields.object(contribution, "dataset").get("id"));
                assertThat(receipt.globalModelSha256()).isEqualTo(Fixtures.sha("global-1"));
                // The task declares no purpose, so no holder was asked.
                assertThat(contribution).containsEntry("datasetUse", null);
            }
        }

        @Test
        void findsTheInitialModelOfATask() {
            Map<String, Object> lineage = JsonFields.objects(
                            ledger.json(ADMIN, ctx -> contract.getModelLineage(ctx, Fixtures.cid("initial-" + TASK))),
                            "lineages")
                    .get(0);

            assertThat(lineage)
                    .containsEntry("origin", "initial")
                    .containsEntry("round", 0L)
                    .containsEntry("parentModel", null);
        }

        @Test
        void refusesUnknownModelsAndMalformedReferences() {
            ledger.refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> contract.getModelLineage(ctx, Fixtures.sha("nothing")));
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.getModelLineage(ctx, "not/a/cid"));
        }
    }

    @Nested
    class GetHistory {

        @Test
        void returnsEveryVersionOfAParticipantNewestFirst() {
            String id = GATEWAY.participantId();
            ledger.run(ADMIN, ctx -> ledger.participants.suspendParticipant(ctx, id, "audit"));
            ledger.run(ADMIN, ctx -> ledger.participants.reinstateParticipant(ctx, id));

            Map<String, Object> history = ledger.json(ADMIN, ctx -> contract.getHistory(ctx, "participant~" + id));

            assertThat(JsonFields.objects(history, "entries"))
                    .extracting(entry -> JsonFields.object(entry, "value").get("status"))
                    .containsExactly("active", "suspended", "active");
        }

        @Test
        void acceptsPaddedAndUnpaddedRoundNumbers() {
            Map<String, Object> plain = ledger.json(ADMIN, ctx -> contract.getHistory(ctx, "round~sepsis~1"));
            Map<String, Object> padded = ledger.json(ADMIN, ctx -> contract.getHistory(ctx, "round~sepsis~0000000001"));

            assertThat(JsonFields.objects(padded, "entries"))
                    .isEqualTo(JsonFields.objects(plain, "entries"))
                    .hasSize(3);
        }

        @Test
        void refusesUnknownRecordTypesAndMalformedKeys() {
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.getHistory(ctx, "secret~x"));
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.getHistory(ctx, "round~sepsis"));
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.getHistory(ctx, "round~sepsis~-1"));
        }
    }
}
