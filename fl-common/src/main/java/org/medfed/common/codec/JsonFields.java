package org.medfed.common.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Typed reads from parsed JSON; every mismatch is an {@link IllegalArgumentException} naming the field. */
public final class JsonFields {
    private JsonFields() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /** A nested object field. */
    public static Map<String, Object> object(Map<String, ?> object, String field) {
        if (require(object, field) instanceof Map<?, ?> nested) {
            return object(nested);
        }
        throw mismatch(field, "an object");
    }

    /** A nested object field, or null when it is absent or null. */
    public static Map<String, Object> optionalObject(Map<String, ?> object, String field) {
        return object.get(field) == null ? null : object(object, field);
    }

    public static String string(Map<String, ?> object, String field) {
        if (require(object, field) instanceof String string) {
            return string;
        }
        throw mismatch(field, "a string");
    }

    /** A string field, or null when it is absent or null. */
    public static String optionalString(Map<String, ?> object, String field) {
        return object.get(field) == null ? null : string(object, field);
    }

    public static boolean bool(Map<String, ?> object, String field) {
        if (require(object, field) instanceof Boolean bool) {
            return bool;
        }
        throw mismatch(field, "true or false");
    }

    public static long integer(Map<String, ?> object, String field) {
        return toLong(require(object, field), field);
    }

    private static long toLong(Object value, String field) {
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

    /** Any JSON number, exactly; never through a double. */
    public static BigDecimal decimal(Map<String, ?> object, String field) {
        return toDecimal(require(object, field), field);
    }

    /** A decimal field, or null when it is absent or null. */
    public static BigDecimal optionalDecimal(Map<String, ?> object, String field) {
        return object.get(field) == null ? null : decimal(object, field);
    }

    /** An RFC 3339 UTC instant as written by {@link Instant#toString()}. */
    public static Instant instant(Map<String, ?> object, String field) {
        try {
            return Instant.parse(string(object, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field \"" + field + "\" must be an RFC 3339 UTC instant", e);
        }
    }

    /** An instant field, or null when it is absent or null. */
    public static Instant optionalInstant(Map<String, ?> object, String field) {
        return object.get(field) == null ? null : instant(object, field);
    }

    public static List<Object> list(Map<String, ?> object, String field) {
        if (require(object, field) instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        throw mismatch(field, "an array");
    }

    public static List<String> strings(Map<String, ?> object, String field) {
        List<String> strings = new ArrayList<>();
        for (Object item : list(object, field)) {
            if (!(item instanceof String string)) {
                throw mismatch(field, "an array of strings");
            }
            strings.add(string);
        }
        return strings;
    }

    public static List<Long> integers(Map<String, ?> object, String field) {
        List<Long> integers = new ArrayList<>();
        for (Object item : list(object, field)) {
            integers.add(toLong(item, field));
        }
        return integers;
    }

    public static List<Map<String, Object>> objects(Map<String, ?> object, String field) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object item : list(object, field)) {
            if (!(item instanceof Map<?, ?>)) {
                throw mismatch(field, "an array of objects");
            }
            objects.add(object(item));
        }
        return objects;
    }

    /** An object whose values are all numbers, sorted by name. */
    public static SortedMap<String, BigDecimal> decimals(Map<String, ?> object, String field) {
        SortedMap<String, BigDecimal> decimals = new TreeMap<>();
        object(object, field).forEach((name, value) -> decimals.put(name, toDecimal(value, field + "." + name)));
        return decimals;
    }

    /** Refuses fields other than {@code allowed}, so a misspelt optional field is an error rather than ignored. */
    public static void requireOnly(Map<String, ?> object, String... allowed) {
        List<String> known = Arrays.asList(allowed);
        List<String> unknown = object.keySet().stream()
                .filter(key -> !known.contains(key))
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown field" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(
                            ", ",
                            unknown.stream().map(name -> "\"" + name + "\"").toList()));
        }
    }

    private static BigDecimal toDecimal(Object value, String field) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        } else if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        } else if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        throw mismatch(field, "a number");
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
