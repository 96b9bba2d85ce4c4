package org.medfed.chaincode.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

class ProbeRecordTest {
    private static final ProbeRecord PROBE =
            new ProbeRecord("w0-1", "hi", "Org1MSP", "tx", Instant.parse("2026-01-02T03:04:05.000000001Z"));

    @Test
    void survivesACanonicalJsonRoundTripWithSortedFields() {
        String json = CanonicalJson.encode(PROBE.toJson());

        assertThat(json)
                .isEqualTo("{\"message\":\"hi\",\"mspId\":\"Org1MSP\",\"probeId\":\"w0-1\",\"txId\":\"tx\","
                        + "\"txTime\":\"2026-01-02T03:04:05.000000001Z\"}");
        assertThat(ProbeRecord.fromJson(JsonFields.object(CanonicalJson.parse(json))))
                .isEqualTo(PROBE);
    }

    @Test
    void refusesAnUnknownField() {
        Map<String, Object> json = new HashMap<>(PROBE.toJson());
        json.put("count", 1L);

        assertThatThrownBy(() -> ProbeRecord.fromJson(json))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count");
    }

    @Test
    void refusesATimeThatIsNotAnRfc3339Instant() {
        Map<String, Object> json = new HashMap<>(PROBE.toJson());
        json.put("txTime", "yesterday");

        assertThatThrownBy(() -> ProbeRecord.fromJson(json)).isInstanceOf(IllegalArgumentException.class);
    }
}
