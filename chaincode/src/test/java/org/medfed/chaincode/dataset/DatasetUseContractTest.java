package org.medfed.chaincode.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;
import static org.medfed.chaincode.testing.Consortium.TASK_WITH_PURPOSE;
import static org.medfed.common.model.DatasetUseStatus.APPROVED;
import static org.medfed.common.model.DatasetUseStatus.DECLINED;
import static org.medfed.common.model.DatasetUseStatus.REVOKED;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.PurposeOfUse;
import org.medfed.common.model.Role;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.testing.TestIdentity;

/** The holders' decisions on a task's use of their datasets: who may decide what, when, and what is read back. */
class DatasetUseContractTest {
    private static final String HOSPITAL_DATA = Consortium.datasetOf(HOSPITAL);
    private final LedgerHarness ledger = new LedgerHarness();
    private final DatasetContract contract = ledger.datasets;

    @BeforeEach
    void createTasks() {
        Consortium.withTask(ledger);
        Consortium.createTaskWithPurpose(ledger);
        ledger.advance(Duration.ofMinutes(5));
    }

    private DatasetUseApproval decide(TestIdentity holder, String task, String status, String reason) {
        return DatasetUseApproval.fromJson(Consortium.decide(
                ledger, holder, task, org.medfed.common.model.DatasetUseStatus.fromWire(status), reason));
    }

    @Nested
    class Approve {

        @Test
        void recordsTheHoldersApprovalOfTheDeclaredPurposeUnderOneKeyWithOneEvent() {
            DatasetUseApproval approval = decide(HOSPITAL, TASK_WITH_PURPOSE, "approved", "");

            assertThat(approval)
                    .isEqualTo(new DatasetUseApproval(
                            TASK_WITH_PURPOSE,
                            HOSPITAL_DATA,
                            HOSPITAL.participantId(),
                            PurposeOfUse.HRESCH,
                            APPROVED,
                            null,
                            ledger.now()));
            assertThat(ledger.lastWriteSet())
                    .extracting(write -> write.key())
                    .containsExactly(ledger.stub()
                            .createCompositeKey("dsuse", TASK_WITH_PURPOSE, HOSPITAL_DATA)
                            .toString());
            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.DATASET_USE_APPROVED);
        }

        @Test
        void refusesAnyoneButTheHolderThatRegisteredTheDataset() {
            ledger.refused(
                    ErrorCode.UNAUTHORIZED,
                    CLINIC,
                    ctx -> contract.approveDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, ""));
            Consortium.register(ledger, TestIdentity.ORG2_RESEARCHER, Role.RESEARCHER);
            ledger.refused(
                    ErrorCode.UNAUTHORIZED,
                    TestIdentity.ORG2_RESEARCHER,
                    ctx -> contract.approveDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, ""));
            ledger.refused(
                    ErrorCode.NOT_REGISTERED,
                    TestIdentity.ORG3_CLIENT,
                    ctx -> contract.approveDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, ""));
            ledger.refused(
                    ErrorCode.NOT_REGISTERED,
                    ADMIN,
                    ctx -> contract.approveDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, ""));
        }

        @Test
        void refusesADatasetTheTaskDoesNotNameATaskWithoutPurposeAndUnknownRecords() {
            ledger.run(HOSPITAL, ctx -> contract.registerDataset(ctx, Fixtures.json(Fixtures.dataset("ds-extra"))));
            ledger.refused(
                    ErrorCode.DATASET_NOT_ADMITTED,
                    HOSPITAL,
                    ctx -> contract.approveDatasetUse(ctx, TASK_WITH_PURPOSE, "ds-extra", ""));
            assertThat(ledger.refused(
                                    ErrorCode.INVALID_ARGUMENT,
                                    HOSPITAL,
                                    ctx -> contract.approveDatasetUse(ctx, TASK, HOSPITAL_DATA, ""))
                            .getMessage())
                    .contains("usePurpose");
            ledger.refused(
                    ErrorCode.NOT_FOUND,
                    HOSPITAL,
                    ctx -> contract.approveDatasetUse(ctx, "unknown", HOSPITAL_DATA, ""));
            ledger.refused(
                    ErrorCode.NOT_FOUND,
                    HOSPITAL,
                    ctx -> contract.approveDatasetUse(ctx, TASK_WITH_PURPOSE, "ds-x", ""));
            ledger.refused(
                    ErrorCode.INVALID_ARGUMENT,
                    HOSPITAL,
                    ctx -> contract.approveDatasetUse(ctx, TASK_WITH_PURPOSE, "bad id!", ""));
        }

        @Test
        void refusesASecondApprovalButApprovesAgainAfterADeclineOrRevocation() {
            decide(HOSPITAL, TASK_WITH_PURPOSE, "approved", "");
            ledger.refused(
                    ErrorCode.ILLEGAL_TRANSITION,
                    HOSPITAL,
                    ctx -> contract.approveDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, "again"));
            decide(HOSPITAL, TASK_WITH_PURPOSE, "revoked", "consent withdrawn");
            assertThat(decide(HOSPITAL, TASK_WITH_PURPOSE, "approved", "consent renewed")
                            .reason())
                    .isEqualTo("consent renewed");

            decide(CLINIC, TASK_WITH_PURPOSE, "declined", "not our patients");
            assertThat(decide(CLINIC, TASK_WITH_PURPOSE, "approved", "").approved())
                    .isTrue();
        }
    }

    @Nested
    class DeclineAndRevoke {

        @Test
        void declineNeedsAReasonAndAnswersOnlyAPendingUse() {
            ledger.refused(
                    ErrorCode.INVALID_ARGUMENT,
                    HOSPITAL,
                    ctx -> contract.declineDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, ""));

            DatasetUseApproval declined = decide(HOSPITAL, TASK_WITH_PURPOSE, "declined", "research ethics pending");

            assertThat(declined.status()).isEqualTo(DECLINED);
            assertThat(declined.reason()).isEqualTo("research ethics pending");
            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.DATASET_USE_DECLINED);
            ledger.refused(
                    ErrorCode.ILLEGAL_TRANSITION,
                    HOSPITAL,
                    ctx -> contract.declineDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, "still no"));
            decide(CLINIC, TASK_WITH_PURPOSE, "approved", "");
            ledger.refused(
                    ErrorCode.ILLEGAL_TRANSITION,
                    CLINIC,
                    ctx -> contract.declineDatasetUse(ctx, TASK_WITH_PURPOSE, Consortium.datasetOf(CLINIC), "no"));
        }

        @Test
        void revokeNeedsAReasonAndRevokesOnlyAnApproval() {
            ledger.refused(
                    ErrorCode.ILLEGAL_TRANSITION,
                    HOSPITAL,
                    ctx -> contract.revokeDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, "never approved"));
            decide(HOSPITAL, TASK_WITH_PURPOSE, "approved", "");
            ledger.advance(Duration.ofHours(1));
            ledger.refused(
                    ErrorCode.INVALID_ARGUMENT,
                    HOSPITAL,
                    ctx -> contract.revokeDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, ""));

            DatasetUseApproval revoked = decide(HOSPITAL, TASK_WITH_PURPOSE, "revoked", "consent withdrawn");

            assertThat(revoked.status()).isEqualTo(REVOKED);
            assertThat(revoked.decidedAt()).isEqualTo(ledger.now());
            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.DATASET_USE_REVOKED);
            ledger.refused(
                    ErrorCode.ILLEGAL_TRANSITION,
                    HOSPITAL,
                    ctx -> contract.revokeDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, "twice"));
            ledger.refused(
                    ErrorCode.UNAUTHORIZED,
                    GATEWAY,
                    ctx -> contract.revokeDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA, "not mine"));
        }
    }

    @Nested
    class Reads {

        @Test
        void listsEveryAdmittedDatasetWithItsLatestDecisionOrPending() {
            decide(GATEWAY, TASK_WITH_PURPOSE, "approved", "");
            decide(HOSPITAL, TASK_WITH_PURPOSE, "approved", "");
            decide(HOSPITAL, TASK_WITH_PURPOSE, "revoked", "consent withdrawn");

            Map<String, Object> uses = ledger.json(ADMIN, ctx -> contract.listDatasetUses(ctx, TASK_WITH_PURPOSE));

            assertThat(uses)
                    .containsEntry("taskId", TASK_WITH_PURPOSE)
                    .containsEntry("purpose", "HRESCH")
                    .containsEntry("approvalRequired", true);
            assertThat(JsonFields.objects(uses, "items"))
                    .extracting(item -> item.get("datasetId") + " " + item.get("status"))
                    .containsExactly(
                            HOSPITAL_DATA + " revoked",
                            Consortium.datasetOf(CLINIC) + " pending",
                            Consortium.datasetOf(GATEWAY) + " approved");
            Map<String, Object> pending = JsonFields.objects(uses, "items").get(1);
            assertThat(pending).containsEntry("decision", null).containsEntry("holderId", CLINIC.participantId());
        }

        @Test
        void getsOneUseAndListsATaskWithoutPurposeAsNeedingNoApproval() {
            decide(HOSPITAL, TASK_WITH_PURPOSE, "approved", "");

            Map<String, Object> use =
                    ledger.json(CLINIC, ctx -> contract.getDatasetUse(ctx, TASK_WITH_PURPOSE, HOSPITAL_DATA));

            assertThat(DatasetUseApproval.fromJson(JsonFields.object(use, "decision"))
                            .approved())
                    .isTrue();
            assertThat(use).containsEntry("status", "approved");
            Map<String, Object> open = ledger.json(ADMIN, ctx -> contract.listDatasetUses(ctx, TASK));
            assertThat(open).containsEntry("approvalRequired", false).containsEntry("purpose", null);
            ledger.refused(
                    ErrorCode.DATASET_NOT_ADMITTED, ADMIN, ctx -> contract.getDatasetUse(ctx, TASK_WITH_PURPOSE, "x"));
            ledger.refused(
                    ErrorCode.NOT_REGISTERED,
                    TestIdentity.ORG3_CLIENT,
                    ctx -> contract.listDatasetUses(ctx, TASK_WITH_PURPOSE));
        }
    }
}
