package org.medfed.chaincode.system;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * The last ping from an organisation. {@code txTime} is written with {@link Instant#toString()}: RFC 3339 in UTC,
 * with 0, 3, 6 or 9 fraction digits as the nanoseconds need.
 */
public record PingRecord(long count, String message, String mspId, String txId, Instant txTime) implements JsonRecord {

    @Override
    public Map<String, Object> toJson() {
        return Map.of("count", count, "message", message, "mspId", mspId, "txId", txId, "txTime", txTime.toString());
    }

    public static PingRecord fromJson(Map<String, Object> json) {
        try {
            return new PingRecord(
                    JsonFields.integer(json, "count"),
                    JsonFields.string(json, "message"),
                    JsonFields.string(json, "mspId"),
                    JsonFields.string(json, "txId"),
                    Instant.parse(JsonFields.string(json, "txTime")));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field \"txTime\" must be an RFC 3339 UTC instant", e);
        }
    }
}
