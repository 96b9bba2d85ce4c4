package org.medfed.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/** What the record parsers' fuzz tests check: a documented refusal, or a value that round-trips canonically. */
final class RecordRoundTrip {
    private RecordRoundTrip() {}

    /**
     * Parses {@code input} as the chaincode parses a transaction argument ({@code Args.json}): any
     * IllegalArgumentException is the documented refusal, which the chaincode reports as INVALID_ARGUMENT; any
     * other exception escapes and fails the fuzz test. A parsed record must survive its own canonical encoding:
     * the same record back, and the same bytes again.
     */
    static <T extends JsonRecord> void assertRefusedOrRoundTrips(
            byte[] input, Function<Map<String, Object>, T> fromJson) {
        T record;
        try {
            record = fromJson.apply(JsonFields.object(CanonicalJson.parseUtf8(input)));
        } catch (IllegalArgumentException refused) {
            return;
        }
        String canonical = CanonicalJson.encode(record.toJson());
        T back = fromJson.apply(JsonFields.object(CanonicalJson.parse(canonical)));

        assertThat(back).isEqualTo(record);
        assertThat(CanonicalJson.encode(back.toJson())).isEqualTo(canonical);
    }
}
