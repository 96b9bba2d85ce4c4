package org.medfed.chaincode.system;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * One write of the throughput baseline ({@code system:writeProbe}): written once under its own key, never updated.
 * {@code txTime} as in {@link PingRecord}.
 */
public record ProbeRecord(String probeId, String message, String mspId, String txId, Instant txTime)
        implements JsonRecord {

    @Override
    public Map<String, Object> toJson() {
        return Map.of(
                "message", message, "mspId", mspId, "probeId", probeId, "txId", txId, "txTime", txTime.toString());
    }

    public static ProbeRecord fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "message", "mspId", "probeId", "txId", "txTime");
        try {
            return new ProbeRecord(
                    JsonFields.string(json, "probeId"),
                    JsonFields.string(json, "message"),
                    JsonFields.string(json, "mspId"),
                    JsonFields.string(json, "txId"),
                    Instant.parse(JsonFields.string(json, "txTime")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field \"txTime\" must be an RFC 3339 UTC instant", e);
        }
    }
}
