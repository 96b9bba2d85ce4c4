package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.medfed.common.codec.Hashing;

/**
 * Validation shared by the ledger records; every failure is an {@link IllegalArgumentException} naming the field.
 * Decimals come back with trailing zeros stripped, so {@code 1.0} and {@code 1} make equal records.
 */
public final class Checks {
    /** Task and dataset ids: safe in a ledger key, a URL and a shell argument. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Lower-case words such as activation, optimizer and strategy names. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    /** Metric and strategy parameter names. */
    public static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
    /** IPFS CIDs in base32 (CIDv1, {@code b…}) or base58 (CIDv0, {@code Qm…}). */
    public static final Pattern CID = Pattern.compile("[A-Za-z0-9]{8,128}");

    private Checks() {}

    public static String id(String field, String value) {
        return matching(field, value, ID, "an id (letters, digits, '.', '_', '-'; at most 64)");
    }

    public static String name(String field, String value) {
        return matching(field, value, NAME, "a lower-case name");
    }

    public static String key(String field, String value) {
        return matching(field, value, KEY, "a name of letters, digits, '_', '.', '-'");
    }

    public static String cid(String field, String value) {
        return matching(field, value, CID, "an IPFS CID");
    }

    public static String sha256(String field, String value) {
        if (!Hashing.isSha256Hex(value)) {
            throw new IllegalArgumentException(field + " must be 64 lower-case hex digits (SHA-256)");
        }
        return value;
    }

    /** Non-blank text of at most {@code max} code points without control characters. */
    public static String text(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()
                || value.codePointCount(0, value.length()) > max
                || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(
                    field + " must be 1 to " + max + " characters without control characters");
        }
        return value;
    }

    /** Like {@link #text} but null stays null. */
    public static String optionalText(String field, String value, int max) {
        return value == null ? null : text(field, value, max);
    }

    public static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    /** {@code min <= value <= max}; either bound may be null (unbounded). */
    public static BigDecimal decimal(String field, BigDecimal value, BigDecimal min, BigDecimal max) {
        Objects.requireNonNull(value, field);
        if (min != null && value.compareTo(min) < 0 || max != null && value.compareTo(max) > 0) {
            throw new IllegalArgumentException(
                    field + " must be " + bounds(min, max) + ", got " + value.toPlainString());
        }
        return value.stripTrailingZeros();
    }

    /** Strictly greater than zero. */
    public static BigDecimal positive(String field, BigDecimal value) {
        Objects.requireNonNull(value, field);
        if (value.signum() <= 0) {
            throw new IllegalArgumentException(field + " must be greater than 0, got " + value.toPlainString());
        }
        return value.stripTrailingZeros();
    }

    /** Strictly between zero and one. */
    public static BigDecimal openUnit(String field, BigDecimal value) {
        positive(field, value);
        if (value.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException(field + " must be less than 1, got " + value.toPlainString());
        }
        return value.stripTrailingZeros();
    }

    /** Sorted, without duplicates, each item valid; {@code min..max} items. */
    public static List<String> sortedUnique(
            String field, List<String> values, int min, int max, BiFunction<String, String, String> itemCheck) {
        Objects.requireNonNull(values, field);
        if (values.size() < min || values.size() > max) {
            throw new IllegalArgumentException(field + " must hold " + min + " to " + max + " entries");
        }
        List<String> sorted = values.stream()
                .map(value -> itemCheck.apply(field + " entry", value))
                .sorted()
                .toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).equals(sorted.get(i - 1))) {
                throw new IllegalArgumentException(field + " lists " + sorted.get(i) + " twice");
            }
        }
        return sorted;
    }

    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    private static String matching(String field, String value, Pattern pattern, String expected) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be " + expected + ", got " + quoted(value));
        }
        return value;
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "\"" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "\"";
    }

    private static String bounds(BigDecimal min, BigDecimal max) {
        if (min != null && max != null) {
            return "between " + min.toPlainString() + " and " + max.toPlainString();
        }
        return min != null ? "at least " + min.toPlainString() : "at most " + max.toPlainString();
    }
}
