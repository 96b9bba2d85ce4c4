package org.medfed.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonFieldsTest {
    private final Map<String, Object> record =
            JsonFields.object(CanonicalJson.parse("{\"n\":7,\"big\":1E2,\"frac\":1.5,\"s\":\"x\",\"none\":null}"));

    @Test
    void readsTypedFields() {
        assertThat(JsonFields.string(record, "s")).isEqualTo("x");
        assertThat(JsonFields.integer(record, "n")).isEqualTo(7L);
        assertThat(JsonFields.integer(record, "big")).isEqualTo(100L);
        assertThat(JsonFields.integer(Map.of("i", 3), "i")).isEqualTo(3L);
    }

    @Test
    void namesTheFieldThatIsMissingOrMistyped() {
        assertThatThrownBy(() -> JsonFields.string(record, "n")).hasMessage("field \"n\" must be a string");
        assertThatThrownBy(() -> JsonFields.integer(record, "frac")).hasMessageContaining("\"frac\"");
        assertThatThrownBy(() -> JsonFields.integer(Map.of("d", new BigDecimal("1E30")), "d"))
                .hasMessageContaining("\"d\"");
        assertThatThrownBy(() -> JsonFields.string(record, "none")).hasMessage("missing field \"none\"");
        assertThatThrownBy(() -> JsonFields.string(record, "absent")).hasMessage("missing field \"absent\"");
    }

    @Test
    void requiresAnObject() {
        assertThatThrownBy(() -> JsonFields.object(CanonicalJson.parse("[]")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
