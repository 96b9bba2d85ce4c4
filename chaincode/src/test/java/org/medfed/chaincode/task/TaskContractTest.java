package org.medfed.chaincode.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Role;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.contract.testing.TestIdentity;

class TaskContractTest {
    private final LedgerHarness ledger = new LedgerHarness();
    private final TaskContract contract = ledger.tasks;

    private Map<String, Object> create(Map<String, Object> spec) {
        return ledger.json(ADMIN, ctx -> contract.createTask(ctx, Fixtures.json(spec)));
    }

    @Nested
    class CreateTask {

        @Test
        void storesTheTaskAndOpensRoundOneFromTheInitialModel() {
            Consortium.registered(ledger);

            Map<String, Object> created = create(Consortium.spec());

            Task task = Task.fromJson(JsonFields.object(created, "task"));
            RoundState round = RoundState.fromJson(JsonFields.object(created, "round"));
            assertThat(task.status()).isEqualTo(TaskStatus.ACTIVE);
            assertThat(task.createdBy()).isEqualTo(ADMIN.participantId());
            assertThat(round.status()).isEqualTo(RoundStatus.OPEN);
            assertThat(round.deadline()).isEqualTo(LedgerHarness.T0.plusSeconds(600));
            assertThat(round.baseModel().sha256()).isEqualTo(Fixtures.sha("initial-" + TASK));
            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.TASK_CREATED);
        }

        @Test
        void refusesNonAdmins() {
            Consortium.registered(ledger);

            ledger.refused(
                    ErrorCode.UNAUTHORIZED,
                    HOSPITAL,
                    ctx -> contract.createTask(ctx, Fixtures.json(Consortium.spec())));
        }

        @Test
        void refusesATakenIdAndUnknownParticipantsOrDatasets() {
            Consortium.withTask(ledger);
            ledger.refused(
                    ErrorCode.ALREADY_EXISTS, ADMIN, ctx -> contract.createTask(ctx, Fixtures.json(Consortium.spec())));

            Map<String, Object> unknownParticipant = Fixtures.taskSpec(
                    "t2",
                    List.of(HOSPITAL.participantId(), TestIdentity.ORG3_CLIENT.participantId()),
                    List.of("ds-org1-client"));
            ledger.refused(
                    ErrorCode.NOT_FOUND, ADMIN, ctx -> contract.createTask(ctx, Fixtures.json(unknownParticipant)));
            Map<String, Object> unknownDataset = Fixtures.taskSpec(
                    "t3", List.of(HOSPITAL.participantId(), Consortium.CLINIC.participantId()), List.of("nowhere"));
            ledger.refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> contract.createTask(ctx, Fixtures.json(unknownDataset)));
        }

        @Test
        void refusesParticipantsWhoseRoleHoldsNoData() {
            Consortium.registered(ledger);
            Consortium.register(ledger, TestIdentity.ORG2_RESEARCHER, Role.RESEARCHER);
            Map<String, Object> spec = Fixtures.taskSpec(
                    "t2",
                    List.of(HOSPITAL.participantId(), TestIdentity.ORG2_RESEARCHER.participantId()),
                    List.of("ds-org1-client"));

            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.createTask(ctx, Fixtures.json(spec)));
        }

        @Test
        void refusesMalformedSpecs() {
            Consortium.registered(ledger);
            Map<String, Object> spec = new TreeMap<>(Consortium.spec());
            spec.put("quorum", 4L);
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.createTask(ctx, Fixtures.json(spec)));
            spec.put("quorum", 2L);
            spec.put("rounds", 0L);
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.createTask(ctx, Fixtures.json(spec)));
        }
    }

    @Nested
    class PauseResumeCancel {

        @Test
        void pausesWithAReasonAndResumesWithAFreshRoundDeadline() {
            Consortium.withTask(ledger);
            ledger.advance(Duration.ofSeconds(100));
            Task paused = Task.fromJson(JsonFields.object(
                    ledger.json(ADMIN, ctx -> contract.pauseTask(ctx, TASK, "hospital IT maintenance")), "task"));
            assertThat(paused.status()).isEqualTo(TaskStatus.PAUSED);
            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.TASK_PAUSED);

            ledger.advance(Duration.ofSeconds(1000));
            Map<String, Object> resumed = ledger.json(ADMIN, ctx -> contract.resumeTask(ctx, TASK));

            assertThat(JsonFields.object(resumed, "task")).containsEntry("status", "active");
            assertThat(RoundState.fromJson(JsonFields.object(resumed, "round")).deadline())
                    .isEqualTo(ledger.now().plusSeconds(600));
            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.TASK_RESUMED);
        }

        @Test
        void cancelsForGoodAndRefusesFurtherChanges() {
            Consortium.withTask(ledger);

            ledger.run(ADMIN, ctx -> contract.cancelTask(ctx, TASK, "study closed"));

            assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.TASK_CANCELLED);
            ledger.refused(ErrorCode.TASK_NOT_ACTIVE, ADMIN, ctx -> contract.pauseTask(ctx, TASK, "x"));
            ledger.refused(ErrorCode.ILLEGAL_TRANSITION, ADMIN, ctx -> contract.resumeTask(ctx, TASK));
            ledger.refused(ErrorCode.ILLEGAL_TRANSITION, ADMIN, ctx -> contract.cancelTask(ctx, TASK, "again"));
        }

        @Test
        void refusesNonAdminsAndUnknownTasks() {
            Consortium.withTask(ledger);

            ledger.refused(ErrorCode.UNAUTHORIZED, HOSPITAL, ctx -> contract.pauseTask(ctx, TASK, "x"));
            ledger.refused(ErrorCode.NOT_FOUND, ADMIN, ctx -> contract.pauseTask(ctx, "nope", "x"));
            ledger.refused(ErrorCode.INVALID_ARGUMENT, ADMIN, ctx -> contract.pauseTask(ctx, TASK, ""));
        }
    }

    @Nested
    class GetAndListTasks {

        @Test
        void returnsTheTaskWithItsSpecAndListsTasksInIdOrder() {
            Consortium.withTask(ledger);
            Map<String, Object> second = Fixtures.taskSpec(
                    "alpha",
                    List.of(HOSPITAL.participantId(), Consortium.CLINIC.participantId()),
                    List.of("ds-org1-client"));
            create(second);

            assertThat(Task.fromJson(ledger.json(HOSPITAL, ctx -> contract.getTask(ctx, TASK)))
                            .spec()
                            .quorum())
                    .isEqualTo(2);
            Map<String, Object> page = ledger.json(HOSPITAL, ctx -> contract.listTasks(ctx, "1", ""));
            assertThat(JsonFields.objects(page, "items"))
                    .extracting(t -> JsonFields.object(t, "spec").get("id"))
                    .containsExactly("alpha");
            String bookmark = JsonFields.string(page, "bookmark");
            Map<String, Object> next = ledger.json(HOSPITAL, ctx -> contract.listTasks(ctx, "1", bookmark));
            assertThat(JsonFields.objects(next, "items"))
                    .extracting(t -> JsonFields.object(t, "spec").get("id"))
                    .containsExactly(TASK);
            assertThat(next).containsEntry("bookmark", "");
        }
    }
}
