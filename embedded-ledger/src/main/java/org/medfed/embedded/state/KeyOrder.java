package org.medfed.embedded.state;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * Fabric orders keys as unsigned UTF-8 bytes (LevelDB). Java's {@code String.compareTo} compares UTF-16 units and
 * puts U+10FFFF (a surrogate pair) before U+E000..U+FFFF, so every ordered structure of the ledger uses this.
 */
public final class KeyOrder {

    public static final Comparator<String> UNSIGNED_UTF8 = KeyOrder::compare;
    public static final Comparator<byte[]> UNSIGNED_BYTES = KeyOrder::compare;

    private KeyOrder() {}

    public static int compare(String a, String b) {
        return compare(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    public static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }
}
