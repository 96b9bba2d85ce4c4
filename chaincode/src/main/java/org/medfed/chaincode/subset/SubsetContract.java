package org.medfed.chaincode.subset;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.LedgerContract;
import org.medfed.chaincode.support.Records;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.Participant;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.subset.MemberKeyRecord;
import org.medfed.common.subset.SubsetContribution;
import org.medfed.common.subset.SubsetShare;
import org.medfed.common.subset.SubsetShareStatus;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;
import org.medfed.contract.support.Rules;

/**
 * A task's consented shared subset (docs/non-iid.md): organisations register the member key rows are encrypted to,
 * contributing data holders publish their sealed rows or decline, and anyone may read where the subset stands. The
 * warm-up on it is {@code aggregator:warmUp}.
 */
@Contract(name = ContractNames.SUBSET)
public final class SubsetContract implements LedgerContract {

    /** An admin of an organisation sets its member key: a base64 X25519 public key. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String setMemberKey(LedgerContext ctx, String publicKey) {
        Args.text("publicKey", publicKey, 64);
        String admin = ctx.access().requireAdmin();
        String mspId = ctx.caller().mspId();
        MemberKeyRecord record;
        try {
            record = new MemberKeyRecord(mspId, publicKey, admin, ctx.txTimestamp());
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
        byte[] json = ctx.ledger().put(ctx.ledger().keys().memberKey(mspId), record);
        ctx.ledger().emit(EventNames.SUBSET_MEMBER_KEY_SET, json);
        return new String(json, UTF_8);
    }

    /** {@code {"items"}}: every organisation's member key, by MSP id. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listMemberKeys(LedgerContext ctx) {
        ctx.access().requireReader();
        List<Map<String, Object>> items = new ArrayList<>();
        SubsetRecords.memberKeys(ctx.ledger()).values().forEach(k -> items.add(k.toJson()));
        return CanonicalJson.encode(Map.of("items", items));
    }

    /**
     * The dataset's holder publishes its share of the subset ({@link SubsetContribution}). Checks, in this order:
     * argument, caller, task (active), subset, dataset and its holder, contributor, dataset-use approval, open, first answer,
     * consent, class counts, member keys.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String contributeRows(LedgerContext ctx, String contribution) {
        SubsetContribution c = Args.json("contribution", contribution, SubsetContribution::fromJson);
        Answer answer = answer(ctx, c.taskId(), c.datasetId());
        if (!answer.records().spec().consent().equals(c.consent())) {
            throw new FlChaincodeException(
                    ErrorCode.CONSENT_MISMATCH,
                    "the contribution must affirm the task's consent verbatim: \""
                            + answer.records().spec().consent() + "\"");
        }
        long classes = answer.task().spec().model().classes();
        if (c.classCounts().size() != classes) {
            throw new FlChaincodeException(
                    ErrorCode.INVALID_ARGUMENT,
                    "classCounts has " + c.classCounts().size() + " counts, the model has " + classes + " classes");
        }
        long[] totals = answer.records().totals();
        long cap = answer.records().spec().rowsPerClass();
        for (int k = 0; k < totals.length; k++) {
            if (totals[k] + c.classCounts().get(k) > cap) {
                throw new FlChaincodeException(
                        ErrorCode.SUBSET_CLASS_FULL,
                        "class " + k + " has " + totals[k] + " of its " + cap + " rows; this contribution gives "
                                + c.classCounts().get(k));
            }
        }
        requireMemberKeys(ctx.ledger(), answer.records(), c);
        return store(ctx, answer, SubsetShareStatus.CONTRIBUTED, c, null, EventNames.SUBSET_ROWS_CONTRIBUTED);
    }

    /** The dataset's holder declines to share rows; the warm-up then goes on without them. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String declineRows(LedgerContext ctx, String taskId, String datasetId, String reason) {
        Args.id("taskId", taskId);
        Args.id("datasetId", datasetId);
        Args.text("reason", reason, SubsetShare.MAX_REASON);
        Answer answer = answer(ctx, taskId, datasetId);
        return store(ctx, answer, SubsetShareStatus.DECLINED, null, reason, EventNames.SUBSET_ROWS_DECLINED);
    }

    /**
     * {@code {"taskId", "spec", "status" (collecting|ready|warmed), "classTotals", "shares" (one per contributor:
     * datasetId, status pending|contributed|declined, share), "warmUp" (the record or null)}}.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getSubset(LedgerContext ctx, String taskId) {
        Args.id("taskId", taskId);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        SubsetRecords records = SubsetRecords.of(ledger, task);
        List<Map<String, Object>> shares = new ArrayList<>();
        for (String datasetId : records.spec().contributors()) {
            SubsetShare share = records.shares().get(datasetId);
            Map<String, Object> entry = new TreeMap<>();
            entry.put("datasetId", datasetId);
            entry.put("status", share == null ? "pending" : share.status().wire());
            entry.put("share", share == null ? null : share.toJson());
            shares.add(entry);
        }
        List<Long> totals = new ArrayList<>();
        for (long total : records.totals()) {
            totals.add(total);
        }
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("spec", records.spec().toJson());
        json.put("status", records.status());
        json.put("classTotals", totals);
        json.put("shares", shares);
        json.put("warmUp", records.warmUp().map(w -> (Object) w.toJson()).orElse(null));
        return CanonicalJson.encode(json);
    }

    private record Answer(Task task, SubsetRecords records, Participant holder, String datasetId) {}

    private static Answer answer(LedgerContext ctx, String taskId, String datasetId) {
        Participant holder = ctx.access().requireDataHolder();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        Rules.enforce(task::requireActive);
        SubsetRecords records = SubsetRecords.of(ledger, task);
        DatasetDescription dataset = Records.dataset(ledger, datasetId);
        if (!dataset.ownerId().equals(holder.id())) {
            throw new FlChaincodeException(
                    ErrorCode.UNAUTHORIZED,
                    "only the holder that registered dataset " + datasetId + " shares its rows");
        }
        if (!records.spec().contributors().contains(datasetId)) {
            throw new FlChaincodeException(
                    ErrorCode.DATASET_NOT_ADMITTED,
                    "task " + taskId + " does not name dataset " + datasetId + " as a shared-subset contributor");
        }
        Records.requireDatasetUseApproved(ledger, task, datasetId);
        records.requireOpen();
        if (records.shares().containsKey(datasetId)) {
            throw new FlChaincodeException(
                    ErrorCode.ALREADY_EXISTS,
                    "dataset " + datasetId + " has already answered the shared subset of task " + taskId + " ("
                            + records.shares().get(datasetId).status().wire() + ")");
        }
        return new Answer(task, records, holder, datasetId);
    }

    /**
     * Every organisation of the task must have a member key ({@link ErrorCode#MEMBER_KEY_MISSING}), and the content
     * key must be wrapped for exactly the registered members ({@link ErrorCode#WRAPPED_KEYS_MISMATCH}), so every
     * endorser of the warm-up can open the rows and no one else is named.
     */
    private static void requireMemberKeys(LedgerStore ledger, SubsetRecords records, SubsetContribution c) {
        Map<String, MemberKeyRecord> keys = SubsetRecords.memberKeys(ledger);
        TreeSet<String> missing = records.taskOrganisations();
        missing.removeAll(keys.keySet());
        if (!missing.isEmpty()) {
            throw new FlChaincodeException(
                    ErrorCode.MEMBER_KEY_MISSING,
                    "organisations " + missing + " of the task have no subset member key (subset:setMemberKey)");
        }
        if (!c.wrappedKeys().keySet().equals(keys.keySet())) {
            throw new FlChaincodeException(
                    ErrorCode.WRAPPED_KEYS_MISMATCH,
                    "the content key is wrapped for " + c.wrappedKeys().keySet() + ", the registered members are "
                            + keys.keySet());
        }
    }

    private static String store(
            LedgerContext ctx,
            Answer answer,
            SubsetShareStatus status,
            SubsetContribution contribution,
            String reason,
            String event) {
        SubsetShare share;
        try {
            share = new SubsetShare(
                    answer.task().id(),
                    answer.datasetId(),
                    answer.holder().id(),
                    status,
                    contribution,
                    reason,
                    ctx.txTimestamp(),
                    ctx.txId());
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, e.getMessage(), e);
        }
        LedgerStore ledger = ctx.ledger();
        byte[] json = ledger.put(ledger.keys().subsetShare(answer.task().id(), answer.datasetId()), share);
        ledger.emit(event, json);
        return new String(json, UTF_8);
    }
}
