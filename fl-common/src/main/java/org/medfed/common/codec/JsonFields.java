package org.medfed.common.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/** Typed reads from parsed JSON; every mismatch is an {@link IllegalArgumentException} naming the field. */
public final class JsonFields {
    private JsonFields() {
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    public static String string(Map<String, ?> object, String field) {
        if (require(object, field) instanceof String string) {
            return string;
        }
        throw mismatch(field, "a string");
    }

    public static long integer(Map<String, ?> object, String field) {
        Object value = require(object, field);
        try {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            } else if (value instanceof BigInteger integer) {
                return integer.longValueExact();
            } else if (value instanceof BigDecimal decimal) {
                return decimal.longValueExact();
            }
        } catch (ArithmeticException notALong) {
            // reported below
        }
        throw mismatch(field, "an integer within the range of a long");
    }

    private static Object require(Map<String, ?> object, String field) {
        Object value = object.get(field);
        if (value == null) {
            throw new IllegalArgumentException("missing field \"" + field + "\"");
        }
        return value;
    }

    private static IllegalArgumentException mismatch(String field, String expected) {
        return new IllegalArgumentException("field \"" + field + "\" must be " + expected);
    }
}
