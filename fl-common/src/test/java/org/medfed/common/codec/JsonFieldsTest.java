package org.medfed.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
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
    void readsDecimalsExactlyFromAnyJsonNumber() {
        assertThat(JsonFields.decimal(record, "n")).isEqualTo(BigDecimal.valueOf(7));
        assertThat(JsonFields.decimal(record, "frac")).isEqualTo(new BigDecimal("1.5"));
        assertThat(JsonFields.optionalDecimal(record, "none")).isNull();
        assertThatThrownBy(() -> JsonFields.decimal(record, "s")).hasMessage("field \"s\" must be a number");
    }

    @Test
    void readsNestedValues() {
        Map<String, Object> json = JsonFields.object(CanonicalJson.parse("{\"a\":[\"x\",\"y\"],\"b\":[1,2],"
                + "\"c\":{\"z\":1.5,\"y\":2},\"d\":[{\"k\":1}],\"t\":\"2026-01-01T00:00:00Z\",\"f\":true}"));

        assertThat(JsonFields.strings(json, "a")).containsExactly("x", "y");
        assertThat(JsonFields.integers(json, "b")).containsExactly(1L, 2L);
        assertThat(JsonFields.decimals(json, "c"))
                .containsExactly(Map.entry("y", BigDecimal.valueOf(2)), Map.entry("z", new BigDecimal("1.5")));
        assertThat(JsonFields.objects(json, "d")).containsExactly(Map.of("k", 1L));
        assertThat(JsonFields.instant(json, "t")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(JsonFields.bool(json, "f")).isTrue();
        assertThatThrownBy(() -> JsonFields.strings(json, "b")).hasMessageContaining("array of strings");
        assertThatThrownBy(() -> JsonFields.instant(json, "a")).hasMessageContaining("\"a\"");
        assertThatThrownBy(() -> JsonFields.instant(Map.of("t", "noon"), "t")).hasMessageContaining("RFC 3339");
    }

    @Test
    void refusesFieldsOutsideTheAllowedSet() {
        JsonFields.requireOnly(record, "n", "big", "frac", "s", "none", "extra");

        assertThatThrownBy(() -> JsonFields.requireOnly(record, "n", "s"))
                .hasMessage("unknown fields \"big\", \"frac\", \"none\"");
    }

    @Test
    void requiresAnObject() {
        assertThatThrownBy(() -> JsonFields.object(CanonicalJson.parse("[]")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
