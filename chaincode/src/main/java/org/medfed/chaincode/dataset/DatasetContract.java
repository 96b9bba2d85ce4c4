package org.medfed.chaincode.dataset;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Transaction;
import org.medfed.chaincode.ledger.Keys;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.chaincode.support.LedgerContext;
import org.medfed.chaincode.support.LedgerContract;
import org.medfed.chaincode.support.Records;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DatasetUseStatus;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;

/** Descriptions of the off-chain datasets participants train on; the data itself never reaches the ledger. */
@Contract(name = ContractNames.DATASET)
public final class DatasetContract implements LedgerContract {
    private final DatasetUses uses = new DatasetUses();

    /**
     * Registers a dataset owned by the caller, a data-holding participant. The argument is
     * {@code {"id", "schemaSha256", "rowCount", "contentSha256", "purpose", "consentBasis", "licence"}}.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String registerDataset(LedgerContext ctx, String dataset) {
        String owner = ctx.caller().participantId();
        DatasetDescription description =
                Args.json("dataset", dataset, json -> DatasetDescription.fromRequest(json, owner, ctx.txTimestamp()));
        ctx.access().requireDataHolder();
        LedgerStore ledger = ctx.ledger();
        String key = ledger.keys().dataset(description.id());
        if (ledger.exists(key)) {
            throw new FlChaincodeException(
                    ErrorCode.ALREADY_EXISTS, "dataset " + description.id() + " is already registered");
        }
        byte[] json = ledger.put(key, description);
        ledger.emit(EventNames.DATASET_REGISTERED, json);
        return new String(json, UTF_8);
    }

    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getDataset(LedgerContext ctx, String datasetId) {
        Args.id("datasetId", datasetId);
        ctx.access().requireReader();
        return CanonicalJson.encode(Records.dataset(ctx.ledger(), datasetId).toJson());
    }

    /** {@code {"items", "bookmark", "count"}}, ordered by dataset id; pass the bookmark for the next page. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listDatasets(LedgerContext ctx, String pageSize, String bookmark) {
        return ctx.listing(Keys::allDatasets, pageSize, bookmark, DatasetDescription::fromJson);
    }

    /**
     * The dataset's holder approves the task's use of it for the purpose the task declares ({@code reason} may be
     * empty). From pending, declined or revoked; the task then trains on the dataset from its next submission on.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String approveDatasetUse(LedgerContext ctx, String taskId, String datasetId, String reason) {
        return uses.decide(ctx, taskId, datasetId, reason, DatasetUseStatus.APPROVED);
    }

    /** The holder declines a pending use, with a reason. */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String declineDatasetUse(LedgerContext ctx, String taskId, String datasetId, String reason) {
        return uses.decide(ctx, taskId, datasetId, reason, DatasetUseStatus.DECLINED);
    }

    /**
     * The holder revokes its approval, with a reason: the dataset's next submission is refused, but updates the
     * ledger accepted before stay, and so do the rounds that aggregated them.
     */
    @Transaction(intent = Transaction.TYPE.SUBMIT)
    public String revokeDatasetUse(LedgerContext ctx, String taskId, String datasetId, String reason) {
        return uses.decide(ctx, taskId, datasetId, reason, DatasetUseStatus.REVOKED);
    }

    /** {@code {"datasetId", "holderId", "status" (or "pending"), "decision"}} for a dataset the task admits. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String getDatasetUse(LedgerContext ctx, String taskId, String datasetId) {
        return CanonicalJson.encode(uses.use(ctx, taskId, datasetId));
    }

    /** {@code {"taskId", "purpose", "approvalRequired", "items"}}: every dataset the task admits, decided or pending. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listDatasetUses(LedgerContext ctx, String taskId) {
        return CanonicalJson.encode(uses.uses(ctx, taskId));
    }

    /** The usage receipts of a dataset, one per aggregated round that used it, by task and round. */
    @Transaction(intent = Transaction.TYPE.EVALUATE)
    public String listUsageReceipts(LedgerContext ctx, String datasetId, String pageSize, String bookmark) {
        Args.id("datasetId", datasetId);
        return ctx.listing(keys -> keys.usageReceiptsOf(datasetId), pageSize, bookmark, UsageReceipt::fromJson);
    }
}
