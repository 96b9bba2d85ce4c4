package org.medfed.client.ledger;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.protocol.TxNames;

/** The {@code provenance} contract: where global models come from, and the history of any record. */
public final class ProvenanceLedger {

    private final LedgerCalls calls;

    public ProvenanceLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    /** One lineage per task and round the model (CID or SHA-256) occurs in, each as the ledger's JSON object. */
    public Reply<List<Map<String, Object>>> lineages(String model) throws MedfedException {
        return calls.evaluate(
                json -> JsonFields.objects(json, "lineages"), TxNames.PROVENANCE_GET_MODEL_LINEAGE, model);
    }

    /** Every committed version of the record under the printable key ({@code task~ID}, …), oldest first. */
    public Reply<List<RecordVersion>> history(String key) throws MedfedException {
        return calls.evaluate(
                json -> {
                    List<RecordVersion> versions = new ArrayList<>(JsonFields.objects(json, "entries").stream()
                            .map(RecordVersion::fromJson)
                            .toList());
                    Collections.reverse(versions);
                    return List.copyOf(versions);
                },
                TxNames.PROVENANCE_GET_HISTORY,
                key);
    }
}
