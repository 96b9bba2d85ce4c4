package org.medfed.chaincode.task;

import java.util.Map;
import java.util.Optional;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.chaincode.ledger.Keys;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.LedgerContract;
import org.medfed.chaincode.support.Records;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.ModelOccurrence;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.round.RoundState;
import org.medfed.common.secagg.SecureAggregationRules;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.Rules;

/**
 * Training tasks: created by a consortium admin with their whole spec, which opens round 1 at once; paused,
 * resumed and cancelled by an admin. Every event carries {@code {"task", "round"}}: the task and its current round.
 */
@Contract(name = ContractNames.TASK)
public final class TaskContract implements LedgerContract {

    /** The argument is a task spec (docs/ledger-schema.md); every eligible participant and dataset must exist. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String createTask(LedgerContext ctx, String spec) {
        TaskSpec taskSpec = Args.json("spec", spec, TaskSpec::fromJson);
        String creator = ctx.access().requireAdmin();
        Rules.enforce(() -> SecureAggregationRules.requireCompatible(taskSpec));
        LedgerStore ledger = ctx.ledger();
        if (ledger.exists(ledger.keys().task(taskSpec.id()))) {
            throw new FlChaincodeException(ErrorCode.ALREADY_EXISTS, "task " + taskSpec.id() + " already exists");
        }
        for (String participantId : taskSpec.eligibleParticipants()) {
            Participant participant = Records.participant(ledger, participantId);
            if (!participant.role().holdsData()) {
                throw new FlChaincodeException(
                        ErrorCode.INVALID_ARGUMENT,
                        "participant " + participantId + " has role "
                                + participant.role().wire() + ", which holds no data to train on");
            }
        }
        taskSpec.admittedDatasets().forEach(datasetId -> Records.dataset(ledger, datasetId));

        Task task = Task.create(taskSpec, ctx.txTimestamp(), creator);
        RoundState round =
                RoundState.open(task.id(), 1, task.globalModel(), ctx.txTimestamp(), taskSpec.roundDurationSeconds());
        ModelOccurrence initial = new ModelOccurrence(task.id(), 0, task.globalModel());
        ledger.put(ledger.keys().task(task.id()), task);
        ledger.put(ledger.keys().round(task.id(), 1), round);
        ledger.put(ledger.keys().modelBySha256(initial.model().sha256(), task.id(), 0), initial);
        ledger.put(ledger.keys().modelByCid(initial.model().cid(), task.id(), 0), initial);
        return ledger.emit(EventNames.TASK_CREATED, payload(task, round));
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String pauseTask(LedgerContext ctx, String taskId, String reason) {
        Args.id("taskId", taskId);
        Args.text("reason", reason, Task.MAX_REASON);
        ctx.access().requireAdmin();
        Task task = Records.task(ctx.ledger(), taskId);
        Task paused = Rules.enforce(() -> task.pause(reason, ctx.txTimestamp()));
        return store(ctx.ledger(), paused, Optional.empty(), EventNames.TASK_PAUSED);
    }

    /** An open round gets a full duration from now; an aborted one opens its next attempt. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String resumeTask(LedgerContext ctx, String taskId) {
        Args.id("taskId", taskId);
        ctx.access().requireAdmin();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        RoundState round = Records.round(ledger, taskId, task.currentRound());
        Task resumed = Rules.enforce(() -> task.resume(ctx.txTimestamp()));
        RoundState reopened = round.resumed(ctx.txTimestamp(), task.spec().roundDurationSeconds());
        return store(ledger, resumed, Optional.of(reopened), EventNames.TASK_RESUMED);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String cancelTask(LedgerContext ctx, String taskId, String reason) {
        Args.id("taskId", taskId);
        Args.text("reason", reason, Task.MAX_REASON);
        ctx.access().requireAdmin();
        Task task = Records.task(ctx.ledger(), taskId);
        Task cancelled = Rules.enforce(() -> task.cancel(reason, ctx.txTimestamp()));
        return store(ctx.ledger(), cancelled, Optional.empty(), EventNames.TASK_CANCELLED);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getTask(LedgerContext ctx, String taskId) {
        Args.id("taskId", taskId);
        ctx.access().requireReader();
        return CanonicalJson.encode(Records.task(ctx.ledger(), taskId).toJson());
    }

    /** {@code {"items", "bookmark", "count"}}, ordered by task id; pass the bookmark for the next page. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listTasks(LedgerContext ctx, String pageSize, String bookmark) {
        return ctx.listing(Keys::allTasks, pageSize, bookmark, Task::fromJson);
    }

    /** Stores the task (and the round when it changed) and emits the event with the current round. */
    private static String store(LedgerStore ledger, Task task, Optional<RoundState> changedRound, String event) {
        RoundState round = changedRound.orElseGet(() -> Records.round(ledger, task.id(), task.currentRound()));
        ledger.put(ledger.keys().task(task.id()), task);
        changedRound.ifPresent(changed -> ledger.put(ledger.keys().round(task.id(), changed.round()), changed));
        return ledger.emit(event, payload(task, round));
    }

    private static Map<String, Object> payload(Task task, RoundState round) {
        return Map.of("task", task.toJson(), "round", round.toJson());
    }
}
