package org.medfed.client.ledger;

import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.protocol.TxNames;

/** The {@code dataset} contract: descriptions of off-chain datasets, never the data. */
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
}
