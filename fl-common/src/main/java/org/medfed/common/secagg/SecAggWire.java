package org.medfed.common.secagg;

import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Field checks of the secure-aggregation records: base64 keys and ciphertexts, hex shares and commitments. */
final class SecAggWire {
    static final int MAX_CIPHERTEXT_CHARS = 1024;
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    private SecAggWire() {}

    /**
     * {@code items} sorted by {@code key}, at least {@code min} and at most the task's participant limit, each key
     * once: the lists of shares a post carries.
     */
    static <T> java.util.List<T> sortedUnique(
            java.util.List<T> items, java.util.function.Function<T, String> key, int min, String duplicate) {
        org.medfed.common.model.Checks.range(
                "shares size", items.size(), min, org.medfed.common.model.TaskSpec.MAX_PARTICIPANTS);
        java.util.List<T> sorted =
                items.stream().sorted(java.util.Comparator.comparing(key)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (key.apply(sorted.get(i)).equals(key.apply(sorted.get(i - 1)))) {
                throw new IllegalArgumentException(duplicate + key.apply(sorted.get(i)));
            }
        }
        return sorted;
    }

    static byte[] base64(String field, String value) {
        if (value == null
                || value.length() > MAX_CIPHERTEXT_CHARS
                || !BASE64.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + " must be base64 of at most " + MAX_CIPHERTEXT_CHARS + " characters");
        }
        try {
            return Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not valid base64: " + e.getMessage(), e);
        }
    }

    static String key32(String field, String value) {
        int length = base64(field, value).length;
        if (length != 32) {
            throw new IllegalArgumentException(
                    field + " must be a 32-byte X25519 public key, got " + length + " bytes");
        }
        return value;
    }

    static String hex(String field, String value, int bytes) {
        if (value == null || value.length() != 2 * bytes || !HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be " + 2 * bytes + " lowercase hex digits");
        }
        return value;
    }

    static byte[] hexBytes(String value) {
        return HexFormat.of().parseHex(value);
    }
}
