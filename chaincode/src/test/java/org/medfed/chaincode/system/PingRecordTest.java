package org.medfed.chaincode.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

class PingRecordTest {

    @Test
    void survivesACanonicalJsonRoundTrip() {
        PingRecord ping = new PingRecord(7, "hi", "Org1MSP", "tx", Instant.parse("2026-01-02T03:04:05.000000001Z"));

        String json = CanonicalJson.encode(ping.toJson());

        assertThat(json).contains("\"txTime\":\"2026-01-02T03:04:05.000000001Z\"");
        assertThat(PingRecord.fromJson(JsonFields.object(CanonicalJson.parse(json))))
                .isEqualTo(ping);
    }

    @Test
    void rejectsATimeThatIsNotAnRfc3339Instant() {
        Map<String, Object> json = new HashMap<>(new PingRecord(1, "m", "o", "t", Instant.EPOCH).toJson());
        json.put("txTime", "yesterday");

        assertThatThrownBy(() -> PingRecord.fromJson(json)).isInstanceOf(IllegalArgumentException.class);
    }
}
