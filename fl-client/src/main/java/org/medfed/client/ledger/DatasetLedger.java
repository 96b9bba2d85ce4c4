package org.medfed.client.ledger;

import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.protocol.TxNames;

/** The {@code dataset} contract: descriptions of off-chain datasets, never the data. */
public final class DatasetLedger {

    private final LedgerCalls calls;

    public DatasetLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    /** What {@code dataset:registerDataset} takes; the ledger adds the owner (the caller) and the time. */
    public record Registration(String id, String schemaSha256, long rowCount, String contentSha256, String purpose,
            String consentBasis, String licence) {

        public Map<String, Object> toJson() {
            Map<String, Object> json = new TreeMap<>();
            json.put("id", id);
            json.put("schemaSha256", schemaSha256);
            json.put("rowCount", rowCount);
            json.put("contentSha256", contentSha256);
            json.put("purpose", purpose);
            json.put("consentBasis", consentBasis);
            json.put("licence", licence);
            return json;
        }
    }

    public Reply<DatasetDescription> register(Registration dataset) throws MedfedException {
        return calls.submit(DatasetDescription::fromJson, TxNames.DATASET_REGISTER,
                CanonicalJson.encode(dataset.toJson()));
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
