package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.medfed.common.codec.CanonicalJson;

/** Reading the ledger's JSON answers in the real-network ITs: a wrong shape fails the test with what was there. */
final class LedgerJson {

    private LedgerJson() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(byte[] bytes) {
        return (Map<String, Object>) CanonicalJson.parseUtf8(bytes);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static List<?> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<?>) value;
    }

    static List<Map<String, Object>> maps(Object value) {
        return list(value).stream().map(LedgerJson::obj).toList();
    }

    /** A JSON number as the exact decimal the ledger wrote (whole numbers parse as Long). */
    static BigDecimal dec(Object value) {
        if (value instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        assertThat(value).isInstanceOf(BigDecimal.class);
        return (BigDecimal) value;
    }
}
