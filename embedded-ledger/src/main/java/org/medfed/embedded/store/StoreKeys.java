package org.medfed.embedded.store;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte keys of the state and history maps. Namespaces (chaincode names) never contain 0x00, so "namespace 0x00"
 * is an unambiguous prefix and, under unsigned byte order, keys of one namespace sort exactly as Fabric sorts them.
 */
final class StoreKeys {

    private static final byte SEPARATOR = 0x00;
    private static final byte AFTER_SEPARATOR = 0x01;

    private StoreKeys() {}

    /** namespace 0x00 key (UTF-8): Fabric's LevelDB state key. */
    static byte[] state(String namespace, String key) {
        return concat(namespacePrefix(namespace), utf8(key));
    }

    /** Smallest byte string above every state key of {@code namespace}: namespace 0x01. */
    static byte[] afterNamespace(String namespace) {
        byte[] prefix = namespacePrefix(namespace);
        prefix[prefix.length - 1] = AFTER_SEPARATOR;
        return prefix;
    }

    /** The chaincode key of a state key of {@code namespace}. */
    static String keyOf(String namespace, byte[] stateKey) {
        int prefixLength = utf8(namespace).length + 1;
        return new String(stateKey, prefixLength, stateKey.length - prefixLength, StandardCharsets.UTF_8);
    }

    /**
     * namespace 0x00 len(key) key: the prefix of every history entry of one key. Composite keys contain 0x00, so
     * the key's length (not a separator) keeps "k" from being a prefix of the entries of "k\0x".
     */
    static byte[] historyPrefix(String namespace, String key) {
        byte[] keyBytes = utf8(key);
        byte[] length =
                ByteBuffer.allocate(Integer.BYTES).putInt(keyBytes.length).array();
        return concat(namespacePrefix(namespace), length, keyBytes);
    }

    /**
     * historyPrefix ~blockNum ~txNum, big-endian and complemented so that ascending unsigned order is newest first,
     * the order Fabric's GetHistoryForKey returns.
     */
    static byte[] history(String namespace, String key, long blockNum, long txNum) {
        byte[] height = ByteBuffer.allocate(2 * Long.BYTES)
                .putLong(~blockNum)
                .putLong(~txNum)
                .array();
        return concat(historyPrefix(namespace, key), height);
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] namespacePrefix(String namespace) {
        return concat(utf8(namespace), new byte[] {SEPARATOR});
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        ByteBuffer buffer =
                ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            buffer.put(part);
        }
        return buffer.array();
    }
}
