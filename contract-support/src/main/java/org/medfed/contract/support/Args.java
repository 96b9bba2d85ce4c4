package org.medfed.contract.support;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Checks;
import org.medfed.common.protocol.ErrorCode;

/** Validation of transaction arguments; every failure is {@link ErrorCode#INVALID_ARGUMENT}. */
public final class Args {
    /** Large enough for a task spec naming a thousand participants and datasets. */
    public static final int MAX_JSON_LENGTH = 1 << 20;

    public static final int MAX_PAGE_SIZE = 100;
    public static final int MAX_BOOKMARK_LENGTH = 2048;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private Args() {}

    /** A non-empty, well-formed string of at most {@code maxLength} Unicode code points. */
    public static String text(String name, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw invalid(name + " is required");
        }
        if (!isWellFormed(value)) {
            throw invalid(name + " contains an unpaired surrogate");
        }
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            throw invalid(name + " must be at most " + maxLength + " characters, got " + length);
        }
        return value;
    }

    /** A JSON object decoded by {@code decoder}; a decoder's {@link IllegalArgumentException} names the problem. */
    public static <T> T json(String name, String value, Function<Map<String, Object>, T> decoder) {
        text(name, value, MAX_JSON_LENGTH);
        try {
            return decoder.apply(JsonFields.object(CanonicalJson.parse(value)));
        } catch (IllegalArgumentException e) {
            throw invalid(name + ": " + e.getMessage());
        }
    }

    /** A task or dataset id. */
    public static String id(String name, String value) {
        return checked(() -> Checks.id(name, value));
    }

    /** A participant id: 64 lower-case hex digits. */
    public static String participantId(String name, String value) {
        return checked(() -> Checks.sha256(name, value));
    }

    /** A decimal number from 1 to {@code max}, written without sign, fraction or leading zeros. */
    public static long positive(String name, String value, long max) {
        if (value == null || !DIGITS.matcher(value).matches() || value.startsWith("0") || Long.parseLong(value) > max) {
            throw invalid(name + " must be a whole number from 1 to " + max + ", got "
                    + (value == null ? "nothing" : "\"" + value + "\""));
        }
        return Long.parseLong(value);
    }

    public static int pageSize(String value) {
        return (int) positive("pageSize", value, MAX_PAGE_SIZE);
    }

    /** A listing transaction's page size and bookmark, checked. */
    public record Paging(int size, String bookmark) {}

    /** The two arguments every {@code list*} transaction takes, checked in this order (page size first). */
    public static Paging paging(String pageSize, String bookmark) {
        return new Paging(pageSize(pageSize), bookmark(bookmark));
    }

    /** Empty (the first page) or a bookmark returned by a previous page. */
    public static String bookmark(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        if (value.length() > MAX_BOOKMARK_LENGTH || !isWellFormed(value)) {
            throw invalid("bookmark is not one this chaincode returned");
        }
        return value;
    }

    private static String checked(Supplier<String> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static boolean isWellFormed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static FlChaincodeException invalid(String message) {
        return new FlChaincodeException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
