package org.medfed.common.codec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CanonicalJsonTest {

    @Nested
    class Encoding {

        @Test
        void writesNestedValuesWithSortedKeysAndNoWhitespace() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("b", Arrays.asList(1, true, null, "x"));
            value.put("a", Map.of("d", false, "c", 2L));

            assertThat(CanonicalJson.encode(value))
                    .isEqualTo("{\"a\":{\"c\":2,\"d\":false},\"b\":[1,true,null,\"x\"]}");
        }

        @Test
        void sortsKeysByUtf16CodeUnitsNotCodePoints() {
            Map<String, Object> value = new TreeMap<>();
            for (String key : List.of("\uFB01", "\uD83D\uDE00", "b", "aa", "a", "B", "")) {
                value.put(key, 0);
            }

            // U+1F600 is the surrogate pair D83D DE00, which sorts before U+FB01 in UTF-16 although its code point is
            // larger.
            assertThat(CanonicalJson.encode(value))
                    .isEqualTo("{\"\":0,\"B\":0,\"a\":0,\"aa\":0,\"b\":0,\"\uD83D\uDE00\":0,\"\uFB01\":0}");
        }

        @Test
        void escapesOnlyQuoteBackslashAndControlCharacters() {
            String value = "\"\\\b\f\n\r\t\u0000\u001f\u007f/\u00e9\u2028\uD83D\uDE00";

            assertThat(CanonicalJson.encode(value))
                    .isEqualTo("\"\\\"\\\\\\b\\f\\n\\r\\t\\u0000\\u001f\u007f/\u00e9\u2028\uD83D\uDE00\"");
        }

        @Test
        void producesExactUtf8Bytes() {
            byte[] bytes = CanonicalJson.encodeUtf8(Map.of("k\u00e9", List.of("\uD83D\uDE00", "\u0001")));

            assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("7b226bc3a9223a5b22f09f9880222c225c7530303031225d7d");
        }

        @Test
        void writesIntegersInDecimal() {
            List<Object> values = List.of((byte) -1, (short) 300, 42, Long.MIN_VALUE, BigInteger.TEN.pow(30));

            assertThat(CanonicalJson.encode(values))
                    .isEqualTo("[-1,300,42,-9223372036854775808,1000000000000000000000000000000]");
        }

        @Test
        void writesDecimalsPlainWithoutTrailingZeros() {
            List<Object> values = List.of(
                    new BigDecimal("1.50"),
                    new BigDecimal("1E+3"),
                    new BigDecimal("0.000"),
                    new BigDecimal("-0.0010"),
                    new BigDecimal("12345678901234567890.00"),
                    new BigDecimal("1E-7"));

            assertThat(CanonicalJson.encode(values)).isEqualTo("[1.5,1000,0,-0.001,12345678901234567890,0.0000001]");
        }

        @Test
        void refusesFloatingPointValues() {
            assertThatThrownBy(() -> CanonicalJson.encode(List.of(0.5)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CanonicalJson.decimal");
            assertThatThrownBy(() -> CanonicalJson.encode(1.0f)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void convertsDoublesToTheirExactBinaryValue() {
            assertThat(CanonicalJson.encode(CanonicalJson.decimal(0.1)))
                    .isEqualTo("0.1000000000000000055511151231257827021181583404541015625");
            assertThat(CanonicalJson.encode(CanonicalJson.decimal(-0.0))).isEqualTo("0");
            assertThat(CanonicalJson.encode(CanonicalJson.decimal(2.5e10))).isEqualTo("25000000000");
            assertThat(CanonicalJson.encode(CanonicalJson.decimal(Double.MIN_VALUE)))
                    .startsWith("0.000");
            assertThat(CanonicalJson.encode(CanonicalJson.decimal(-Double.MAX_VALUE)))
                    .startsWith("-17976931348623157");
        }

        @Test
        void refusesNonFiniteDoubles() {
            for (double value : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                assertThatThrownBy(() -> CanonicalJson.decimal(value)).isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        void refusesValuesWithoutADefinedEncoding() {
            Map<Object, Object> integerKey = Map.of(1, "x");
            for (Object value : List.of(Set.of("a"), integerKey, new Object(), 'c', Instant.EPOCH)) {
                assertThatThrownBy(() -> CanonicalJson.encode(value)).isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        void refusesUnpairedSurrogates() {
            for (String value : List.of("\uD800", "a\uDC00", "\uDE00\uD83D", "\uD83Dx")) {
                assertThatThrownBy(() -> CanonicalJson.encode(value))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("surrogate");
            }
        }

        @Test
        void refusesNumbersOutsideTheCanonicalRange() {
            for (Object value : List.of(
                    new BigDecimal("1E+1101"),
                    new BigDecimal("1E-1101"),
                    BigInteger.TEN.pow(1100).add(BigInteger.ONE))) {
                assertThatThrownBy(() -> CanonicalJson.encode(value)).isInstanceOf(IllegalArgumentException.class);
            }
        }

        @Test
        void allowsSixtyFourLevelsOfNestingButNotMore() {
            assertThat(CanonicalJson.encode(nestedLists(64))).hasSize(128);
            assertThatThrownBy(() -> CanonicalJson.encode(nestedLists(65)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("nesting");
        }

        @Test
        void refusesSelfReferencingStructuresInsteadOfOverflowingTheStack() {
            List<Object> cycle = new ArrayList<>();
            cycle.add(cycle);

            assertThatThrownBy(() -> CanonicalJson.encode(cycle)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Parsing {

        @Test
        void returnsMutableJavaCollectionsInDocumentOrder() {
            Object value = CanonicalJson.parse("{\"z\":1,\"a\":-2.50,\"s\":\"x\",\"l\":[true,false,null],\"o\":{}}");

            assertThat(value).isInstanceOf(LinkedHashMap.class);
            Map<String, Object> object = JsonFields.object(value);
            assertThat(object.keySet()).containsExactly("z", "a", "s", "l", "o");
            assertThat(object.get("z")).isEqualTo(1L);
            assertThat(object.get("a")).isEqualTo(new BigDecimal("-2.50"));
            assertThat(object.get("s")).isEqualTo("x");
            assertThat(object.get("l")).isInstanceOf(ArrayList.class).isEqualTo(Arrays.asList(true, false, null));
            assertThat(object.get("o")).isEqualTo(Map.of());
        }

        @Test
        void readsIntegersBeyondLongAndNumbersWithExponentsAsBigDecimal() {
            assertThat(CanonicalJson.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
            assertThat(CanonicalJson.parse("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
            assertThat(CanonicalJson.parse("-0")).isEqualTo(0L);
            assertThat(CanonicalJson.parse("1E2")).isEqualTo(new BigDecimal("1E2"));
            assertThat(CanonicalJson.parse("2e-3")).isEqualTo(new BigDecimal("0.002"));
        }

        @Test
        void acceptsInsignificantWhitespace() {
            assertThat(CanonicalJson.parse(" \t\r\n{ \"a\" :\n[ 1 , 2 ] } \n")).isEqualTo(Map.of("a", List.of(1L, 2L)));
        }

        @Test
        void decodesEveryEscape() {
            assertThat(CanonicalJson.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\u0000\\ud83d\\uDE00\""))
                    .isEqualTo("\"\\/\b\f\n\r\t\u00e9\u0000\uD83D\uDE00");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    " ",
                    "{} x",
                    "[1] [2]",
                    "{\"a\":1,\"a\":2}",
                    "[1,]",
                    "{\"a\":1,}",
                    "[,1]",
                    "{,}",
                    "01",
                    "-",
                    "-01",
                    "1.",
                    ".5",
                    "+1",
                    "1e",
                    "1e+",
                    "NaN",
                    "Infinity",
                    "-Infinity",
                    "'a'",
                    "\"\t\"",
                    "\"\\x\"",
                    "\"\\u12\"",
                    "\"\\u12g4\"",
                    "\"\\ud800\"",
                    "\"\\udc00\"",
                    "\"\\ud800\\u0041\"",
                    "\"\\ud800x\"",
                    "// c\n1",
                    "/* c */1",
                    "{a:1}",
                    "[1 2]",
                    "tru",
                    "nul",
                    "True",
                    "\uFEFF{}",
                    "\"abc",
                    "[",
                    "{\"a\"",
                    "{\"a\":",
                    "{\"a\" 1}",
                    "1e99999999999",
                    "1e2000",
                    "[\"\u0001\"]",
                    "\"\\u\uFF10\uFF10\uFF10\uFF10\""
                })
        void rejectsInvalidOrNonStandardInput(String text) {
            assertThatThrownBy(() -> CanonicalJson.parse(text))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("invalid JSON at offset");
        }

        @Test
        void namesTheDuplicateKey() {
            assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":{\"b\":1,\"b\":1}}"))
                    .hasMessageContaining("duplicate key \"b\"");
        }

        @Test
        void rejectsUnpairedSurrogatesInTheInputString() {
            assertThatThrownBy(() -> CanonicalJson.parse("\"\uD800\"")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> CanonicalJson.parse("\"\uDC00\"")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void allowsSixtyFourLevelsOfNestingButNotMore() {
            assertThat(CanonicalJson.parse("[".repeat(64) + "]".repeat(64))).isEqualTo(nestedLists(64));
            assertThatThrownBy(() -> CanonicalJson.parse("[".repeat(65) + "]".repeat(65)))
                    .hasMessageContaining("nesting deeper than 64");
            assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":".repeat(65) + "1" + "}".repeat(65)))
                    .hasMessageContaining("nesting deeper than 64");
        }

        @Test
        void rejectsOverlongNumberTokensBeforeParsingThem() {
            String longNumber = "1." + "0".repeat(CanonicalJson.MAX_NUMBER_TOKEN_LENGTH);

            assertThatThrownBy(() -> CanonicalJson.parse(longNumber)).hasMessageContaining("number longer than");
        }

        @Test
        void rejectsBytesThatAreNotWellFormedUtf8() {
            for (String hex : List.of("22c32822", "22c0af22", "22eda08022", "22ff22")) {
                byte[] bytes = HexFormat.of().parseHex(hex);
                assertThatThrownBy(() -> CanonicalJson.parseUtf8(bytes))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("UTF-8");
            }
        }

        @Test
        void readsWellFormedUtf8() {
            assertThat(CanonicalJson.parseUtf8("\"\u00e9\uD83D\uDE00\"".getBytes(UTF_8)))
                    .isEqualTo("\u00e9\uD83D\uDE00");
        }
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{}",
                    "[]",
                    "null",
                    "true",
                    "0",
                    "-1",
                    "1.5",
                    "0.0000001",
                    "12345678901234567890",
                    "\"\"",
                    "{\"a\":[1,{\"b\":null}],\"c\":\"\\u0000\\u001f\\\"\\\\\\b\\f\\n\\r\\t\u007f\"}",
                    "{\"\":0,\"\u00e9\":\"\u65e5\u672c\",\"\uD83D\uDE00\":\"\uD83D\uDE00\",\"\uFB01\":[true,false]}"
                })
        void canonicalTextIsAFixedPoint(String canonical) {
            String again = CanonicalJson.encode(CanonicalJson.parse(canonical));

            assertThat(again).isEqualTo(canonical);
            assertThat(CanonicalJson.encodeUtf8(CanonicalJson.parseUtf8(canonical.getBytes(UTF_8))))
                    .isEqualTo(canonical.getBytes(UTF_8));
        }

        @Test
        void normalisesEquivalentInputToTheSameBytes() {
            String loose = " { \"b\" : 1.0 , \"a\" : [ 1E2, -0, 0.50, \"\\u00e9\\/\" ] } ";
            String tight = "{\"a\":[100,0,0.5,\"\u00e9/\"],\"b\":1}";

            assertThat(CanonicalJson.encode(CanonicalJson.parse(loose))).isEqualTo(tight);
        }

        @Test
        void parsingEncodedValuesGivesThemBack() {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("count", 3L);
            value.put("ratio", new BigDecimal("0.25"));
            value.put("text", "line\nbreak \u00e9 \uD83D\uDE00");
            value.put("items", Arrays.asList("a", null, false, List.of()));

            assertThat(CanonicalJson.parse(CanonicalJson.encode(value))).isEqualTo(value);
        }
    }

    private static List<Object> nestedLists(int depth) {
        List<Object> value = new ArrayList<>();
        for (int i = 1; i < depth; i++) {
            List<Object> outer = new ArrayList<>();
            outer.add(value);
            value = outer;
        }
        return value;
    }
}
