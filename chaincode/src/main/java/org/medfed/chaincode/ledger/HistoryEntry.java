package org.medfed.chaincode.ledger;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One committed version of a key: the transaction that wrote it, when, and the value (null when deleted). */
public record HistoryEntry(String txId, Instant timestamp, boolean deleted, Map<String, Object> value) {

    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("txId", txId);
        json.put("timestamp", timestamp == null ? null : timestamp.toString());
        json.put("deleted", deleted);
        json.put("value", value);
        return json;
    }
}
