package org.medfed.client.ledger;

import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DatasetUseApproval;
import org.medfed.common.model.UsageReceipt;
import org.medfed.common.protocol.TxNames;

/**
 * The {@code dataset} contract: descriptions of off-chain datasets, never the data; the holders' decisions on the
 * tasks' use of them and the usage receipts of the rounds that used them.
 */
public final class DatasetLedger {

    private final LedgerCalls calls;

    public DatasetLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    public Reply<DatasetDescription> register(DatasetRegistration dataset) throws MedfedException {
        return calls.submit(
                DatasetDescription::fromJson, TxNames.DATASET_REGISTER, CanonicalJson.encode(dataset.toJson()));
    }

    public Reply<DatasetDescription> get(String datasetId) throws MedfedException {
        return calls.evaluate(DatasetDescription::fromJson, TxNames.DATASET_GET, datasetId);
    }

    public Reply<Page<DatasetDescription>> list(int pageSize, String bookmark) throws MedfedException {
        return calls.page(DatasetDescription::fromJson, TxNames.DATASET_LIST, pageSize, bookmark);
    }

    public Reply<Page<DatasetDescription>> listAll(int pageSize) throws MedfedException {
        return calls.all(DatasetDescription::fromJson, TxNames.DATASET_LIST, pageSize);
    }

    /** {@code dataset:approveDatasetUse}: the holder approves ({@code reason} may be empty). */
    public Reply<DatasetUseApproval> approveUse(String taskId, String datasetId, String reason) throws MedfedException {
        return calls.submit(
                DatasetUseApproval::fromJson,
                TxNames.DATASET_APPROVE_USE,
                taskId,
                datasetId,
                reason == null ? "" : reason);
    }

    /** {@code dataset:declineDatasetUse}: the holder declines a pending use, with a reason. */
    public Reply<DatasetUseApproval> declineUse(String taskId, String datasetId, String reason) throws MedfedException {
        return calls.submit(DatasetUseApproval::fromJson, TxNames.DATASET_DECLINE_USE, taskId, datasetId, reason);
    }

    /** {@code dataset:revokeDatasetUse}: the holder revokes its approval, with a reason. */
    public Reply<DatasetUseApproval> revokeUse(String taskId, String datasetId, String reason) throws MedfedException {
        return calls.submit(DatasetUseApproval::fromJson, TxNames.DATASET_REVOKE_USE, taskId, datasetId, reason);
    }

    public Reply<DatasetUse> use(String taskId, String datasetId) throws MedfedException {
        return calls.evaluate(DatasetUse::fromJson, TxNames.DATASET_GET_USE, taskId, datasetId);
    }

    public Reply<DatasetUses> uses(String taskId) throws MedfedException {
        return calls.evaluate(DatasetUses::fromJson, TxNames.DATASET_LIST_USES, taskId);
    }

    public Reply<Page<UsageReceipt>> usageReceipts(String datasetId, int pageSize, String bookmark)
            throws MedfedException {
        return calls.page(UsageReceipt::fromJson, TxNames.DATASET_LIST_USAGE_RECEIPTS, pageSize, bookmark, datasetId);
    }

    public Reply<Page<UsageReceipt>> allUsageReceipts(String datasetId, int pageSize) throws MedfedException {
        return calls.all(UsageReceipt::fromJson, TxNames.DATASET_LIST_USAGE_RECEIPTS, pageSize, datasetId);
    }
}
