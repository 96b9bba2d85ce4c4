package org.medfed.chaincode.round;

import java.util.Map;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.LedgerContract;
import org.medfed.chaincode.support.Records;
import org.medfed.common.budget.PrivacyAccounting;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.budget.RdpEpsilonAccountant;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.round.RoundState;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;

/**
 * The rounds of a task: updates (references, sizes, DP accounting; never weights), closing on the transaction
 * time. Aggregations are recorded by {@code aggregator:aggregateRound} only. The round state machine lives in
 * fl-common's {@code round} package.
 */
@Contract(name = ContractNames.ROUND)
public final class RoundContract implements LedgerContract {
    /** The retired transaction that recorded a caller-supplied aggregate (see {@link #unknownTransaction}). */
    static final String RETIRED_RECORD_AGGREGATION = "recordAggregation";

    private final UpdateSubmitter submitter;
    private final RoundCloser closer = new RoundCloser();
    private final Verifications verifications = new Verifications();

    public RoundContract() {
        this(new PrivacyAccounting(new RdpEpsilonAccountant()));
    }

    RoundContract(PrivacyAccounting accounting) {
        this.submitter = new UpdateSubmitter(accounting);
    }

    /** The argument is an update submission (docs/ledger-schema.md); returns the stored update record. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String submitUpdate(LedgerContext ctx, String update) {
        return submitter.submit(ctx, update);
    }

    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String closeRound(LedgerContext ctx, String taskId, String round) {
        return closer.close(ctx, taskId, round);
    }

    /**
     * {@code round:recordAggregation}, which let any active participant record an aggregate of its choosing, is no
     * transaction any more: aggregations are recorded only by {@code aggregator:aggregateRound}, which every endorser
     * recomputes. A call to it is refused with {@link ErrorCode#UNAUTHORIZED}, other unknown names with
     * {@link ErrorCode#INVALID_ARGUMENT}.
     */
    @Override
    public void unknownTransaction(Context ctx) {
        String function = ctx.getStub().getFunction();
        if (RETIRED_RECORD_AGGREGATION.equals(function)
                || (ContractNames.ROUND + ":" + RETIRED_RECORD_AGGREGATION).equals(function)) {
            throw new FlChaincodeException(
                    ErrorCode.UNAUTHORIZED,
                    "round:recordAggregation is retired: nobody may"
                            + " record an aggregate; call aggregator:aggregateRound, which every endorsing organisation"
                            + " recomputes from IPFS");
        }
        LedgerContract.super.unknownTransaction(ctx);
    }

    /** {@code {"round": state, "submitted": [participant ids with an update so far]}}. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getRound(LedgerContext ctx, String taskId, String round) {
        Args.id("taskId", taskId);
        long number = Args.positive("round", round, Long.MAX_VALUE);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        RoundState state = Records.round(ledger, taskId, number);
        return CanonicalJson.encode(Map.of(
                "round",
                state.toJson(),
                "submitted",
                ledger.scan(ledger.keys().updatesOf(taskId, number), UpdateRecord::fromJson).stream()
                        .map(UpdateRecord::participantId)
                        .toList()));
    }

    /** {@code {"items", "bookmark", "count"}}, ordered by participant id; pass the bookmark for the next page. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listUpdates(LedgerContext ctx, String taskId, String round, String pageSize, String bookmark) {
        Args.id("taskId", taskId);
        long number = Args.positive("round", round, Long.MAX_VALUE);
        Args.Paging paging = Args.paging(pageSize, bookmark);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        Records.round(ledger, taskId, number);
        return ledger.listing(ledger.keys().updatesOf(taskId, number), paging, UpdateRecord::fromJson);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getAggregation(LedgerContext ctx, String taskId, String round) {
        Args.id("taskId", taskId);
        long number = Args.positive("round", round, Long.MAX_VALUE);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        return CanonicalJson.encode(ledger.find(ledger.keys().aggregation(taskId, number), AggregationRecord::fromJson)
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.NOT_FOUND, "round " + number + " of task " + taskId + " has no aggregation"))
                .toJson());
    }

    /**
     * The caller's organisation attests that it recomputed the round and got the recorded model, whose SHA-256 it
     * names (an admin of that organisation; once per organisation and round). A task's retention policy may release
     * the round's inputs once enough organisations attested it (docs/ledger-schema.md). Returns the
     * {@code RoundVerification}.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String attestVerification(LedgerContext ctx, String taskId, String round, String modelSha256) {
        return verifications.attest(ctx, taskId, round, modelSha256);
    }

    /** {@code {"taskId", "round", "items"}}: the organisations' attestations of the round, by MSP id. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listVerifications(LedgerContext ctx, String taskId, String round) {
        return verifications.list(ctx, taskId, round);
    }

    /**
     * The participant's spending in the task (nothing spent before its first update) and what remains. A task without
     * DP keeps no budget: refused {@code NO_DP_POLICY} rather than answered with a budget that would suggest a
     * guarantee.
     */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getPrivacyBudget(LedgerContext ctx, String taskId, String participantId) {
        Args.id("taskId", taskId);
        Args.participantId("participantId", participantId);
        ctx.access().requireReader();
        LedgerStore ledger = ctx.ledger();
        Task task = Records.task(ledger, taskId);
        DpPolicy policy = task.spec()
                .dpPolicy()
                .orElseThrow(() -> new FlChaincodeException(
                        ErrorCode.NO_DP_POLICY,
                        "task " + taskId
                                + " has no differential-privacy policy, so it keeps no privacy budget: its updates"
                                + " are not differentially private"));
        PrivacyBudget budget = ledger.find(ledger.keys().budget(taskId, participantId), PrivacyBudget::fromJson)
                .orElseGet(() -> PrivacyBudget.unspent(taskId, participantId, policy));
        Map<String, Object> json = budget.toJson();
        json.put("remaining", budget.remaining());
        return CanonicalJson.encode(json);
    }
}
