package org.medfed.contract.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.medfed.contract.testing.FakeChaincodeStub.Write;

/**
 * The world state behind {@link FakeChaincodeStub}: committed values in Fabric's key order (UTF-8 bytes, i.e. code
 * points), the writes of the running transaction when they are deferred to commit, and each key's history.
 */
final class FakeWorldState {
    /** Where Fabric starts a range when the start key is empty: after every composite key. */
    private static final String FIRST_SIMPLE_KEY = "\u0001";
    /** U+10FFFF: a partial composite key's range ends at the prefix followed by it. */
    private static final String MAX_UNICODE_RUNE = "\uDBFF\uDFFF";

    private final NavigableMap<String, byte[]> committed = new TreeMap<>(FakeWorldState::compareAsUtf8);
    /** An empty value deletes the key. */
    private final NavigableMap<String, Optional<byte[]>> pending = new TreeMap<>(FakeWorldState::compareAsUtf8);
    /** Oldest first; looked up by key only, never iterated. */
    private final Map<String, List<Modification>> history = new HashMap<>();

    private final boolean deferred;

    FakeWorldState(boolean deferred) {
        this.deferred = deferred;
    }

    boolean deferred() {
        return deferred;
    }

    /** What a transaction reads: the committed value, never its own pending write (as on a peer). */
    byte[] get(String key) {
        byte[] value = committed.get(key);
        return value == null ? null : value.clone();
    }

    /** Applies the write at once, or keeps it until {@link #commit}; returns whether it was applied. */
    boolean write(String key, byte[] value, String txId, Instant timestamp) {
        if (deferred) {
            pending.put(key, Optional.ofNullable(value == null ? null : value.clone()));
            return false;
        }
        apply(key, value, txId, timestamp);
        return true;
    }

    /** Applies the pending writes in key order, one per key, and returns them: the transaction's write set. */
    List<Write> commit(String txId, Instant timestamp) {
        List<Write> writeSet = new ArrayList<>();
        pending.forEach((key, value) -> {
            apply(key, value.orElse(null), txId, timestamp);
            writeSet.add(new Write(key, value.orElse(null)));
        });
        pending.clear();
        return writeSet;
    }

    void rollback() {
        pending.clear();
    }

    boolean hasPendingWrites() {
        return !pending.isEmpty();
    }

    /** Committed entries with {@code startInclusive <= key < endExclusive}; a null end means no upper bound. */
    List<KeyValue> range(String startInclusive, String endExclusive) {
        NavigableMap<String, byte[]> view = endExclusive == null
                ? committed.tailMap(startInclusive, true)
                : committed.subMap(startInclusive, true, endExclusive, false);
        List<KeyValue> results = new ArrayList<>();
        view.forEach((key, value) -> results.add(new StoredKeyValue(key, value.clone())));
        return results;
    }

    /** Like a LevelDB peer: the bookmark is the next key to read, empty when nothing is left. */
    FakeQueryResults<KeyValue> page(String start, String end, int pageSize, String bookmark) {
        if (pageSize <= 0) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        List<KeyValue> all = range(bookmark == null || bookmark.isEmpty() ? start : bookmark, end);
        List<KeyValue> page = all.subList(0, Math.min(pageSize, all.size()));
        return new FakeQueryResults<>(
                List.copyOf(page), all.size() > pageSize ? all.get(pageSize).getKey() : "");
    }

    /** Newest first, as Fabric 2.x returns history. */
    List<KeyModification> history(String key) {
        List<KeyModification> newestFirst = new ArrayList<>(history.getOrDefault(key, List.of()));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    NavigableMap<String, byte[]> snapshot() {
        NavigableMap<String, byte[]> copy = new TreeMap<>(committed.comparator());
        committed.forEach((key, value) -> copy.put(key, value.clone()));
        return copy;
    }

    private void apply(String key, byte[] value, String txId, Instant timestamp) {
        if (value == null) {
            committed.remove(key);
        } else {
            committed.put(key, value.clone());
        }
        List<Modification> entries = history.computeIfAbsent(key, k -> new ArrayList<>());
        Modification modification =
                new Modification(txId, value == null ? new byte[0] : value.clone(), timestamp, value == null);
        // A peer records one modification per key and transaction: the last write.
        if (!entries.isEmpty() && entries.get(entries.size() - 1).getTxId().equals(txId)) {
            entries.set(entries.size() - 1, modification);
        } else {
            entries.add(modification);
        }
    }

    static String endOfPrefix(String prefix) {
        return prefix + MAX_UNICODE_RUNE;
    }

    static String simpleStart(String startKey) {
        return startKey == null || startKey.isEmpty() ? FIRST_SIMPLE_KEY : startKey;
    }

    /** An empty end key means no upper bound (null for {@link #range}). */
    static String simpleEnd(String endKey) {
        return endKey == null || endKey.isEmpty() ? null : endKey;
    }

    /** Fabric orders keys by their UTF-8 bytes, i.e. by code point, not by {@link String#compareTo}. */
    static int compareAsUtf8(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    record StoredKeyValue(String getKey, byte[] getValue) implements KeyValue {
        @Override
        public String getStringValue() {
            return new String(getValue, UTF_8);
        }
    }

    record Modification(String getTxId, byte[] getValue, Instant getTimestamp, boolean isDeleted)
            implements KeyModification {
        @Override
        public String getStringValue() {
            return new String(getValue, UTF_8);
        }
    }
}
