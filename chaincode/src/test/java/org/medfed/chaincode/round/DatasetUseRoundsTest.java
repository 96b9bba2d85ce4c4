package org.medfed.chaincode.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK_WITH_PURPOSE;
import static org.medfed.common.model.DatasetUseStatus.APPROVED;
import static org.medfed.common.model.DatasetUseStatus.DECLINED;
import static org.medfed.common.model.DatasetUseStatus.REVOKED;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.testing.FakeChaincodeStub.Write;
import org.medfed.contract.testing.TestIdentity;

/**
 * Rounds of a task that declares a purpose: only approved datasets train, a revocation stops the dataset's next
 * update and never the one accepted, and each aggregated round leaves one usage receipt per dataset it used.
 */
class DatasetUseRoundsTest {
    private static final String TASK = TASK_WITH_PURPOSE;
    private static final String INITIAL = Fixtures.sha("initial-" + TASK);
    private final LedgerHarness ledger = new LedgerHarness();

    @BeforeEach
    void createTasks() {
        Consortium.withTask(ledger);
        Consortium.createTaskWithPurpose(ledger);
        ledger.advance(Duration.ofSeconds(10));
    }

    private Instant decide(TestIdentity holder, org.medfed.common.model.DatasetUseStatus status) {
        Consortium.decide(ledger, holder, TASK, status, status == APPROVED ? "" : "a reason");
        return ledger.now();
    }

    private static String label(TestIdentity holder, long round) {
        return holder.name() + "-" + round;
    }

    private String submit(String task, TestIdentity holder, long round, String base) {
        return ledger.run(
                holder,
                ctx -> ledger.rounds.submitUpdate(
                        ctx,
                        Fixtures.json(Fixtures.update(
                                task, round, Consortium.datasetOf(holder), base, label(holder, round)))));
    }

    private void refusedSubmission(TestIdentity holder, long round, String base) {
        ledger.refused(
                ErrorCode.DATASET_USE_NOT_APPROVED,
                holder,
                ctx -> ledger.rounds.submitUpdate(
                        ctx,
                        Fixtures.json(Fixtures.update(
                                TASK, round, Consortium.datasetOf(holder), base, label(holder, round)))));
    }

    /** Closes {@code round} after its deadline and records it with these contributors and exclusions. */
    private void aggregate(String task, long round, List<TestIdentity> contributors, List<TestIdentity> rejected) {
        ledger.advance(Duration.ofSeconds(600));
        ledger.run(CLINIC, ctx -> ledger.rounds.closeRound(ctx, task, Long.toString(round)));
        Map<String, BigDecimal> qualities = new TreeMap<>();
        contributors.forEach(holder -> qualities.put(holder.participantId(), BigDecimal.ONE));
        List<Map<String, Object>> excluded = rejected.stream()
                .map(holder ->
                        Map.<String, Object>of("participantId", holder.participantId(), "reason", "quality-rejected"))
                .toList();
        ledger.run(
                CLINIC,
                ctx -> Recorder.record(
                        ctx, Fixtures.json(Fixtures.report(task, round, "global-" + round, qualities, excluded))));
        ledger.advance(Duration.ofSeconds(10));
    }

    private List<UsageReceipt> receipts(TestIdentity holder) {
        Map<String, Object> page = ledger.json(
                ADMIN, ctx -> ledger.datasets.listUsageReceipts(ctx, Consortium.datasetOf(holder), "10", ""));
        return JsonFields.objects(page, "items").stream()
                .map(UsageReceipt::fromJson)
                .toList();
    }

    @Test
    void refusesTheUpdateOfAPendingDeclinedOrRevokedUseAndWritesNothing() {
        refusedSubmission(HOSPITAL, 1, INITIAL);
        decide(HOSPITAL, DECLINED);
        refusedSubmission(HOSPITAL, 1, INITIAL);
        decide(CLINIC, APPROVED);
        decide(CLINIC, REVOKED);
        refusedSubmission(CLINIC, 1, INITIAL);

        decide(HOSPITAL, APPROVED);

        assertThat(submit(TASK, HOSPITAL, 1, INITIAL)).contains(HOSPITAL.participantId());
    }

    @Test
    void aRevocationStopsTheNextRoundButTheAcceptedUpdateAndItsReceiptStay() {
        decide(HOSPITAL, APPROVED);
        Instant clinicApproval = decide(CLINIC, APPROVED);
        ledger.advance(Duration.ofSeconds(5));
        submit(TASK, HOSPITAL, 1, INITIAL);
        submit(TASK, CLINIC, 1, INITIAL);
        ledger.advance(Duration.ofSeconds(5));
        decide(HOSPITAL, REVOKED);
        String hospitalUpdate = ledger.stub()
                .createCompositeKey("update", TASK, "0000000001", HOSPITAL.participantId())
                .toString();
        assertThat(ledger.stub().state()).containsKey(hospitalUpdate);

        aggregate(TASK, 1, List.of(HOSPITAL, CLINIC), List.of());

        assertThat(receipts(HOSPITAL)).singleElement().satisfies(receipt -> {
            assertThat(receipt.round()).isEqualTo(1);
            assertThat(receipt.updateSha256()).isEqualTo(Fixtures.sha(label(HOSPITAL, 1)));
            // The holder decided again after the update: the approval it was accepted under is in the key's history.
            assertThat(receipt.approvalDecidedAt()).isNull();
            assertThat(receipt.purpose()).isEqualTo(PurposeOfUse.HRESCH);
        });
        assertThat(receipts(CLINIC))
                .singleElement()
                .extracting(UsageReceipt::approvalDecidedAt)
                .isEqualTo(clinicApproval);
        String global1 = Fixtures.sha("global-1");
        refusedSubmission(HOSPITAL, 2, global1);
        submit(TASK, CLINIC, 2, global1);
    }

    @Test
    void writesOneReceiptPerDatasetTheAggregateUsedInDatasetOrderAndNoneForALeftOutUpdate() {
        for (TestIdentity holder : Consortium.HOLDERS) {
            decide(holder, APPROVED);
        }
        Instant approved = ledger.now();
        ledger.advance(Duration.ofSeconds(5));
        for (TestIdentity holder : List.of(GATEWAY, CLINIC, HOSPITAL)) {
            submit(TASK, holder, 1, INITIAL);
        }

        aggregate(TASK, 1, List.of(GATEWAY, HOSPITAL), List.of(CLINIC));
        Instant aggregatedAt = ledger.now().minusSeconds(10);

        String hospitalData = Consortium.datasetOf(HOSPITAL);
        assertThat(ledger.lastWriteSet())
                .extracting(Write::key)
                .filteredOn(key -> key.startsWith("\u0000usage\u0000"))
                .containsExactly(
                        ledger.stub()
                                .createCompositeKey("usage", hospitalData, TASK, "0000000001")
                                .toString(),
                        ledger.stub()
                                .createCompositeKey("usage", Consortium.datasetOf(GATEWAY), TASK, "0000000001")
                                .toString());
        assertThat(receipts(HOSPITAL))
                .containsExactly(new UsageReceipt(
                        hospitalData,
                        HOSPITAL.participantId(),
                        HOSPITAL.participantId(),
                        TASK,
                        1,
                        1000,
                        Fixtures.sha(label(HOSPITAL, 1)),
                        Fixtures.sha("global-1"),
                        Fixtures.cid("global-1"),
                        PurposeOfUse.HRESCH,
                        approved,
                        aggregatedAt));
        assertThat(receipts(CLINIC)).isEmpty();

        String global1 = Fixtures.sha("global-1");
        submit(TASK, HOSPITAL, 2, global1);
        submit(TASK, GATEWAY, 2, global1);
        aggregate(TASK, 2, List.of(GATEWAY, HOSPITAL), List.of());

        assertThat(receipts(HOSPITAL)).extracting(UsageReceipt::round).containsExactly(1L, 2L);
        assertThat(receipts(GATEWAY))
                .extracting(UsageReceipt::globalModelSha256)
                .containsExactly(Fixtures.sha("global-1"), Fixtures.sha("global-2"));
    }

    @Test
    void aTaskWithoutPurposeNeedsNoApprovalAndItsReceiptsNameNone() {
        String initial = Fixtures.sha("initial-" + Consortium.TASK);
        submit(Consortium.TASK, HOSPITAL, 1, initial);
        submit(Consortium.TASK, CLINIC, 1, initial);

        aggregate(Consortium.TASK, 1, List.of(CLINIC, HOSPITAL), List.of());

        assertThat(receipts(HOSPITAL)).singleElement().satisfies(receipt -> {
            assertThat(receipt.taskId()).isEqualTo(Consortium.TASK);
            assertThat(receipt.purpose()).isNull();
            assertThat(receipt.approvalDecidedAt()).isNull();
        });
    }
}
