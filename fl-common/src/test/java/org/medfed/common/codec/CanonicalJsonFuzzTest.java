package org.medfed.common.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fuzzes {@link CanonicalJson} (docs/testing.md, "Fuzzing"). Surefire replays the committed inputs under
 * {@code CanonicalJsonFuzzTestInputs/}; {@code bench/fuzz.sh canonical-json MINUTES} fuzzes.
 */
class CanonicalJsonFuzzTest {

    /**
     * Any bytes are refused as invalid JSON (its one documented refusal: an IllegalArgumentException whose message
     * says so), or parse to a value whose encoding parses back to the same value and is a fixed point.
     */
    @FuzzTest
    void parsedTextPrintsToAStableCanonicalForm(byte[] input) {
        Object value;
        try {
            value = CanonicalJson.parseUtf8(input);
        } catch (IllegalArgumentException refused) {
            assertThat(refused).isExactlyInstanceOf(IllegalArgumentException.class);
            assertThat(refused.getMessage()).startsWith("invalid JSON");
            return;
        }
        String canonical = CanonicalJson.encode(value);
        Object reparsed = CanonicalJson.parseUtf8(canonical.getBytes(UTF_8));

        assertThat(sameValue(reparsed, value))
                .as("%s parsed back from %s", reparsed, canonical)
                .isTrue();
        assertThat(CanonicalJson.encode(reparsed)).isEqualTo(canonical);
    }

    /**
     * Any value of the encodable types is refused with an IllegalArgumentException (an unpaired surrogate, a number
     * out of range, nesting too deep), or encodes to text that parses back to the same value, canonically.
     */
    @FuzzTest
    void printedValuesParseBackToThemselves(FuzzedDataProvider data) {
        Object value = value(data, 0);
        String canonical;
        try {
            canonical = CanonicalJson.encode(value);
        } catch (IllegalArgumentException refused) {
            return;
        }
        Object parsed = CanonicalJson.parse(canonical);

        assertThat(sameValue(parsed, value))
                .as("%s parsed back from %s", parsed, canonical)
                .isTrue();
        assertThat(CanonicalJson.encode(parsed)).isEqualTo(canonical);
    }

    /** A value tree a little deeper than {@link CanonicalJson#MAX_DEPTH} at most, so that refusal is reached too. */
    private static Object value(FuzzedDataProvider data, int depth) {
        int kinds = depth > CanonicalJson.MAX_DEPTH + 1 ? 7 : 9;
        return switch (data.consumeInt(0, kinds)) {
            case 0 -> null;
            case 1 -> data.consumeBoolean();
            case 2 -> data.consumeLong();
            case 3 -> data.consumeInt();
            case 4 -> integer(data.consumeBytes(40));
            case 5 -> data.consumeBoolean() ? (Object) data.consumeShort() : (Object) data.consumeByte();
            case 6 -> new BigDecimal(integer(data.consumeBytes(data.consumeInt(1, 600))), data.consumeInt(-1200, 1200));
            case 7 -> data.consumeString(24);
            case 8 -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (int i = data.consumeInt(0, 4); i > 0; i--) {
                    object.put(data.consumeString(8), value(data, depth + 1));
                }
                yield object;
            }
            default -> {
                List<Object> array = new ArrayList<>();
                for (int i = data.consumeInt(0, 4); i > 0; i--) {
                    array.add(value(data, depth + 1));
                }
                yield array;
            }
        };
    }

    private static BigInteger integer(byte[] twosComplement) {
        return twosComplement.length == 0 ? BigInteger.ZERO : new BigInteger(twosComplement);
    }

    /** Numbers compare by value (1.50, 1.5 and 1 + 0.5 are one number); objects ignore key order. */
    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return asDecimal(x).compareTo(asDecimal(y)) == 0;
        } else if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            return x.keySet().equals(y.keySet())
                    && x.keySet().stream().allMatch(key -> sameValue(x.get(key), y.get(key)));
        } else if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!sameValue(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static BigDecimal asDecimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        } else if (number instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        return BigDecimal.valueOf(number.longValue());
    }
}
