package org.medfed.chaincode.subset;

import java.util.List;
import java.util.TreeSet;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.Records;
import org.medfed.common.model.ModelOccurrence;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.round.RoundState;
import org.medfed.common.subset.SubsetExclusion;
import org.medfed.common.subset.WarmUpInput;
import org.medfed.common.subset.WarmUpRecord;
import org.medfed.common.subset.WarmUpRequest;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.Rules;

/**
 * The ledger side of {@code aggregator:warmUp}: what it reads (a ready subset of an active task in round 1) and what
 * it writes (the warm-up record, the task's global model, round 1 reopened from the warm model for a full duration,
 * the model index), with one {@code SubsetWarmedUp} event.
 */
public final class WarmUps {

    /** For the transaction: the caller active, the task active and in round 1, the subset ready. */
    public WarmUpInput load(LedgerContext ctx, String taskId) {
        ctx.access().requireActive();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        Rules.enforce(task::requireActive);
        SubsetRecords records = SubsetRecords.of(ledger, task);
        records.requireReady();
        return input(ledger, task, records);
    }

    /** For a verifier: the input the warm-up read (or will read), once every contributor has answered. */
    public WarmUpInput input(LedgerContext ctx, String taskId) {
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        SubsetRecords records = SubsetRecords.of(ledger, task);
        records.requireAllAnswered();
        return input(ledger, task, records);
    }

    /** The spec, the initial model, the contributions and the registered member keys' public halves. */
    private static WarmUpInput input(LedgerStore ledger, Task task, SubsetRecords records) {
        java.util.SortedMap<String, String> keys = new java.util.TreeMap<>();
        SubsetRecords.memberKeys(ledger).forEach((mspId, key) -> keys.put(mspId, key.publicKey()));
        return new WarmUpInput(task.spec(), task.spec().model().initialModel(), records.contributions(), keys);
    }

    public String record(LedgerContext ctx, WarmUpRequest request) {
        Participant recorder = ctx.access().requireActive();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, request.taskId());
        SubsetRecords records = SubsetRecords.of(ledger, task);
        records.requireReady();
        requireAccountsForEveryContribution(records, request);
        Task warmed = Rules.enforce(() -> task.warmedUp(request.warmModel(), ctx.txTimestamp()));
        WarmUpRecord record = new WarmUpRecord(
                request, task.spec().model().initialModel(), recorder.id(), ctx.txTimestamp(), ctx.txId());
        RoundState round = RoundState.open(
                task.id(),
                1,
                request.warmModel(),
                ctx.txTimestamp(),
                task.spec().roundDurationSeconds());
        ModelOccurrence model = new ModelOccurrence(task.id(), 0, request.warmModel());
        ledger.put(ledger.keys().warmUp(task.id()), record);
        ledger.put(ledger.keys().task(task.id()), warmed);
        ledger.put(ledger.keys().round(task.id(), 1), round);
        ledger.put(ledger.keys().modelBySha256(model.model().sha256(), task.id(), 0), model);
        ledger.put(ledger.keys().modelByCid(model.model().cid(), task.id(), 0), model);
        java.util.Map<String, Object> payload = new java.util.TreeMap<>();
        payload.put("task", warmed.summary());
        payload.put("round", round.toJson());
        payload.put("warmUp", record.toJson());
        return ledger.emit(EventNames.SUBSET_WARMED_UP, payload);
    }

    private static void requireAccountsForEveryContribution(SubsetRecords records, WarmUpRequest request) {
        TreeSet<String> named = new TreeSet<>(request.used());
        request.excluded().stream().map(SubsetExclusion::datasetId).forEach(named::add);
        List<String> contributed =
                records.contributions().stream().map(c -> c.datasetId()).toList();
        if (!named.equals(new TreeSet<>(contributed))
                || named.size() != request.used().size() + request.excluded().size()) {
            throw new FlChaincodeException(
                    ErrorCode.INTERNAL,
                    "the warm-up used " + request.used() + " and excluded "
                            + request.excluded().size() + " contributions, but the subset holds " + contributed);
        }
    }
}
