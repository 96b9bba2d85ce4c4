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
import org.medfed.common.protocol.ContractNames;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.contract.support.Args;
import org.medfed.contract.support.FlChaincodeException;

/** Descriptions of the off-chain datasets participants train on; the data itself never reaches the ledger. */
@Contract(name = ContractNames.DATASET)
public final class DatasetContract implements LedgerContract {

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
}
