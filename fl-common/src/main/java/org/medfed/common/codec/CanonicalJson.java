package org.medfed.common.codec;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one JSON encoding for everything the chaincode writes, so that every endorsing peer produces the same bytes.
 *
 * <p>Encoding rules:
 * <ul>
 *   <li>Objects: {@code Map} with {@code String} keys, sorted by UTF-16 code units ({@link String#compareTo}) as in
 *       RFC 8785 (JCS). This differs from code point order only between a character above U+FFFF and one in
 *       U+E000..U+FFFF at the same position; implementations in other languages must sort the same way.</li>
 *   <li>Arrays: {@code List}, in its own order. Sets and other collections are refused: their order is undefined.</li>
 *   <li>No whitespace anywhere.</li>
 *   <li>Strings: {@code \" \\ \b \f \n \r \t} escaped by name, other characters below U+0020 as <code>&#92;u00xx</code> with
 *       lower-case hex, everything else literal; the bytes are UTF-8. Unpaired surrogates are refused.</li>
 *   <li>Numbers: Byte, Short, Integer, Long and BigInteger in decimal; BigDecimal as
 *       {@code stripTrailingZeros().toPlainString()}, never with an exponent ({@code 1.50} is written {@code 1.5}).
 *       Float and Double are refused: convert them with an explicit policy such as {@link #decimal(double)}.
 *       A number may have at most {@value #MAX_NUMBER_DIGITS} significant digits and a scale within
 *       &plusmn;{@value #MAX_NUMBER_DIGITS}, which every finite double's exact value satisfies.</li>
 *   <li>{@code true}, {@code false} and {@code null}; nesting at most {@value #MAX_DEPTH} containers deep.</li>
 * </ul>
 * For strings, integers below 2^53, objects and arrays the output equals RFC 8785's.
 *
 * <p>{@link #parse(String)} reads standard JSON (RFC 8259; whitespace between tokens allowed) strictly: it rejects
 * trailing characters, duplicate keys, comments, leading zeros, bad escapes, unpaired surrogates, number tokens longer
 * than {@value #MAX_NUMBER_TOKEN_LENGTH} characters and nesting deeper than {@value #MAX_DEPTH}. It returns
 * LinkedHashMap, ArrayList, String, Long (integers without fraction or exponent that fit), BigDecimal (every other
 * number), Boolean or null. Canonical text is a fixed point: {@code encode(parse(c)).equals(c)}.
 */
public final class CanonicalJson {
    public static final int MAX_DEPTH = 64;
    public static final int MAX_NUMBER_DIGITS = 1100;
    public static final int MAX_NUMBER_TOKEN_LENGTH = 4096;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private CanonicalJson() {}

    /** @throws IllegalArgumentException if the value, or anything inside it, breaks the rules above */
    public static String encode(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    public static byte[] encodeUtf8(Object value) {
        return encode(value).getBytes(UTF_8);
    }

    /**
     * The exact value of a finite double. Not {@code BigDecimal.valueOf}, whose result follows
     * {@code Double.toString} and is therefore not a stable contract; 0.1 becomes
     * 0.1000000000000000055511151231257827021181583404541015625.
     */
    public static BigDecimal decimal(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        return new BigDecimal(value);
    }

    /** @throws IllegalArgumentException if the text is not a single valid JSON value within the limits */
    public static Object parse(String text) {
        Objects.requireNonNull(text, "text");
        Parser parser = new Parser(text);
        parser.skipWhitespace();
        Object value = parser.readValue(0);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected characters after the value");
        }
        return value;
    }

    /** Like {@link #parse(String)}, but also rejects bytes that are not well-formed UTF-8. */
    public static Object parseUtf8(byte[] bytes) {
        try {
            return parse(UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("invalid JSON: not well-formed UTF-8", e);
        }
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String string) {
            writeString(string, out);
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof Byte) {
            out.append(value);
        } else if (value instanceof BigInteger integer) {
            out.append(plain(new BigDecimal(integer)));
        } else if (value instanceof BigDecimal decimal) {
            out.append(plain(decimal));
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, out, enter(depth));
        } else if (value instanceof List<?> list) {
            writeArray(list, out, enter(depth));
        } else if (value instanceof Double || value instanceof Float) {
            throw new IllegalArgumentException(
                    "floating-point value " + value + " has no canonical form; convert it with CanonicalJson.decimal");
        } else {
            throw new IllegalArgumentException(
                    "cannot encode a " + value.getClass().getName());
        }
    }

    private static int enter(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("nesting deeper than " + MAX_DEPTH);
        }
        return depth + 1;
    }

    private static void writeObject(Map<?, ?> map, StringBuilder out, int depth) {
        List<String> keys = new ArrayList<>(map.size());
        for (Object key : map.keySet()) {
            if (!(key instanceof String string)) {
                throw new IllegalArgumentException("object keys must be strings, got " + key);
            }
            keys.add(string);
        }
        keys.sort(null);
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(keys.get(i), out);
            out.append(':');
            write(map.get(keys.get(i)), out, depth);
        }
        out.append('}');
    }

    private static void writeArray(List<?> list, StringBuilder out, int depth) {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(list.get(i), out, depth);
        }
        out.append(']');
    }

    private static void writeString(String string, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < string.length(); i++) {
            char c = string.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)
                            && i + 1 < string.length()
                            && Character.isLowSurrogate(string.charAt(i + 1))) {
                        out.append(c).append(string.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("unpaired surrogate at index " + i + " of a string");
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String plain(BigDecimal decimal) {
        BigDecimal stripped = decimal.stripTrailingZeros();
        if (!withinLimits(stripped)) {
            throw new IllegalArgumentException("number outside the canonical range: " + decimal);
        }
        return stripped.toPlainString();
    }

    private static boolean withinLimits(BigDecimal stripped) {
        return stripped.precision() <= MAX_NUMBER_DIGITS && Math.abs(stripped.scale()) <= MAX_NUMBER_DIGITS;
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        Object readValue(int depth) {
            if (pos >= text.length()) {
                throw error("unexpected end of input");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> readObject(depth + 1);
                case '[' -> readArray(depth + 1);
                case '"' -> readString();
                case 't' -> readLiteral("true", Boolean.TRUE);
                case 'f' -> readLiteral("false", Boolean.FALSE);
                case 'n' -> readLiteral("null", null);
                default -> {
                    if (c == '-' || isDigit(c)) {
                        yield readNumber();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Map<String, Object> readObject(int depth) {
            checkDepth(depth);
            pos++;
            Map<String, Object> object = new LinkedHashMap<>();
            skipWhitespace();
            if (consume('}')) {
                return object;
            }
            do {
                skipWhitespace();
                if (pos >= text.length() || text.charAt(pos) != '"') {
                    throw error("expected a string key");
                }
                int keyStart = pos;
                String key = readString();
                if (object.containsKey(key)) {
                    pos = keyStart;
                    throw error("duplicate key \"" + key + "\"");
                }
                skipWhitespace();
                expect(':');
                skipWhitespace();
                object.put(key, readValue(depth));
                skipWhitespace();
            } while (consume(','));
            expect('}');
            return object;
        }

        private List<Object> readArray(int depth) {
            checkDepth(depth);
            pos++;
            List<Object> array = new ArrayList<>();
            skipWhitespace();
            if (consume(']')) {
                return array;
            }
            do {
                skipWhitespace();
                array.add(readValue(depth));
                skipWhitespace();
            } while (consume(','));
            expect(']');
            return array;
        }

        private String readString() {
            pos++;
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos);
                if (c == '"') {
                    pos++;
                    return out.toString();
                } else if (c == '\\') {
                    readEscape(out);
                } else if (c < 0x20) {
                    throw error("control character in a string must be escaped");
                } else if (Character.isHighSurrogate(c)
                        && pos + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(pos + 1))) {
                    out.append(c).append(text.charAt(pos + 1));
                    pos += 2;
                } else if (Character.isSurrogate(c)) {
                    throw error("unpaired surrogate");
                } else {
                    out.append(c);
                    pos++;
                }
            }
        }

        private void readEscape(StringBuilder out) {
            int start = pos;
            pos++;
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            switch (c) {
                case '"', '\\', '/' -> out.append(c);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    char unit = readHex4();
                    if (Character.isHighSurrogate(unit) && text.startsWith("\\u", pos)) {
                        pos += 2;
                        char low = readHex4();
                        if (!Character.isLowSurrogate(low)) {
                            pos = start;
                            throw error("unpaired surrogate escape");
                        }
                        out.append(unit).append(low);
                    } else if (Character.isSurrogate(unit)) {
                        pos = start;
                        throw error("unpaired surrogate escape");
                    } else {
                        out.append(unit);
                    }
                }
                default -> {
                    pos = start;
                    throw error("invalid escape");
                }
            }
        }

        private char readHex4() {
            if (pos + 4 > text.length()) {
                throw error("truncated \\u escape");
            }
            int value = 0;
            for (int i = 0; i < 4; i++) {
                int digit = hexValue(text.charAt(pos + i));
                if (digit < 0) {
                    throw error("invalid \\u escape");
                }
                value = value << 4 | digit;
            }
            pos += 4;
            return (char) value;
        }

        private Object readNumber() {
            int start = pos;
            consume('-');
            if (!consume('0')) {
                if (pos >= text.length() || !isDigit(text.charAt(pos))) {
                    throw error("invalid number");
                }
                skipDigits();
            }
            boolean integral = true;
            if (consume('.')) {
                requireDigits();
                integral = false;
            }
            if (consume('e') || consume('E')) {
                if (!consume('+')) {
                    consume('-');
                }
                requireDigits();
                integral = false;
            }
            String token = text.substring(start, pos);
            if (token.length() > MAX_NUMBER_TOKEN_LENGTH) {
                pos = start;
                throw error("number longer than " + MAX_NUMBER_TOKEN_LENGTH + " characters");
            }
            if (integral && token.length() <= 20) {
                try {
                    return Long.parseLong(token);
                } catch (NumberFormatException tooLarge) {
                    // falls through to BigDecimal
                }
            }
            try {
                BigDecimal decimal = new BigDecimal(token);
                if (withinLimits(decimal.stripTrailingZeros())) {
                    return decimal;
                }
            } catch (NumberFormatException exponentOverflow) {
                // reported below
            }
            pos = start;
            throw error("number outside the canonical range");
        }

        private void requireDigits() {
            if (pos >= text.length() || !isDigit(text.charAt(pos))) {
                throw error("invalid number");
            }
            skipDigits();
        }

        private void skipDigits() {
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
        }

        private Object readLiteral(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("invalid literal");
            }
            pos += word.length();
            return value;
        }

        void skipWhitespace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        private boolean consume(char c) {
            if (pos < text.length() && text.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!consume(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private void checkDepth(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nesting deeper than " + MAX_DEPTH);
            }
        }

        IllegalArgumentException error(String message) {
            return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + message);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static int hexValue(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            } else if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            } else if (c >= 'A' && c <= 'F') {
                return c - 'A' + 10;
            }
            return -1;
        }
    }
}
