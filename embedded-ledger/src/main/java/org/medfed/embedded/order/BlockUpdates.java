package org.medfed.embedded.order;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.medfed.embedded.state.KeyOrder;
import org.medfed.embedded.state.Version;

/**
 * Writes of the valid transactions validated so far in the block being committed, which later transactions of the
 * same block are checked against (Fabric's update batch). A null value is a delete.
 */
final class BlockUpdates {

    record Update(byte[] value, Version version) {
        boolean isDelete() {
            return value == null;
        }
    }

    private final Map<String, NavigableMap<String, Update>> byNamespace = new HashMap<>();

    void put(String namespace, String key, byte[] valueOrNull, Version version) {
        byNamespace
                .computeIfAbsent(namespace, n -> new TreeMap<>(KeyOrder.UNSIGNED_UTF8))
                .put(key, new Update(valueOrNull, version));
    }

    boolean exists(String namespace, String key) {
        NavigableMap<String, Update> m = byNamespace.get(namespace);
        return m != null && m.containsKey(key);
    }

    /** Updates with keys in [start, end) (or [start, end] when {@code includeEnd}); empty end = unbounded. */
    Iterator<Map.Entry<String, Update>> range(String namespace, String start, String end, boolean includeEnd) {
        NavigableMap<String, Update> m = byNamespace.get(namespace);
        if (m == null) {
            return java.util.Collections.emptyIterator();
        }
        NavigableMap<String, Update> tail = m.tailMap(start, true);
        return (end.isEmpty() ? tail : tail.headMap(end, includeEnd)).entrySet().iterator();
    }
}
