package org.medfed.client.ledger;

import java.time.Instant;
import java.util.Map;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

/** One committed version of a ledger record ({@code provenance:getHistory}); {@code value} is null when deleted. */
public record RecordVersion(String txId, Instant timestamp, boolean deleted, String value) {

    static RecordVersion fromJson(Map<String, Object> json) {
        Object value = json.get("value");
        return new RecordVersion(
                JsonFields.string(json, "txId"),
                JsonFields.optionalInstant(json, "timestamp"),
                JsonFields.bool(json, "deleted"),
                value == null ? null : CanonicalJson.encode(value));
    }
}
