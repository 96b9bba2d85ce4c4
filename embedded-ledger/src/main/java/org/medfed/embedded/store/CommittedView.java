package org.medfed.embedded.store;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.h2.mvstore.Cursor;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.medfed.embedded.state.KeyOrder;
import org.medfed.embedded.state.StateReader;
import org.medfed.embedded.state.VersionedValue;

/** Every read of the ledger, against read-only maps pinned to one committed version: all of a block or none. */
final class CommittedView implements StateReader {

    private static final byte[] NO_HASH = new byte[0];

    private final LedgerMaps maps;

    CommittedView(LedgerMaps readOnlyMaps) {
        this.maps = readOnlyMaps;
    }

    @Override
    public VersionedValue get(String namespace, String key) {
        byte[] encoded = maps.state().get(StoreKeys.state(namespace, key));
        return encoded == null ? null : StoreValues.versionedValue(encoded);
    }

    @Override
    public CloseableIterator<Map.Entry<String, VersionedValue>> range(
            String namespace, String startKey, String endKey) {
        byte[] end = endKey.isEmpty() ? StoreKeys.afterNamespace(namespace) : StoreKeys.state(namespace, endKey);
        return new StateRange(namespace, maps.state().cursor(StoreKeys.state(namespace, startKey)), end);
    }

    @Override
    public List<KeyModification> history(String namespace, String key) {
        byte[] prefix = StoreKeys.historyPrefix(namespace, key);
        List<KeyModification> modifications = new ArrayList<>();
        Cursor<byte[], byte[]> cursor = maps.history().cursor(prefix);
        while (cursor.hasNext() && StoreKeys.startsWith(cursor.next(), prefix)) {
            modifications.add(parse(cursor.getValue()));
        }
        return modifications;
    }

    long height() {
        return maps.blocks().sizeAsLong();
    }

    Block block(long number) {
        byte[] bytes = maps.blocks().get(number);
        try {
            return bytes == null ? null : Block.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored block " + number + " is corrupt", e);
        }
    }

    byte[] lastHeaderHash() {
        byte[] hash = maps.meta().get(LedgerMaps.LAST_HEADER_HASH);
        return hash == null ? NO_HASH : hash.clone();
    }

    long nextPendingSequence() {
        byte[] next = maps.meta().get(LedgerMaps.NEXT_PENDING_SEQUENCE);
        return next == null ? 0 : StoreValues.toLong(next);
    }

    TxStatus txStatus(String txId) {
        byte[] encoded = maps.txIndex().get(txId);
        return encoded == null ? null : StoreValues.txStatus(encoded);
    }

    List<LedgerStore.Pending> pending() {
        List<LedgerStore.Pending> all = new ArrayList<>();
        maps.pending().forEach((sequence, encoded) -> all.add(StoreValues.pending(sequence, encoded)));
        return all;
    }

    boolean isPending(String txId) {
        return maps.pendingTxIds().containsKey(txId);
    }

    private static KeyModification parse(byte[] bytes) {
        try {
            return KeyModification.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored history entry is corrupt", e);
        }
    }

    /** Lazy: reads one entry ahead of the caller, never the whole range. */
    private static final class StateRange implements CloseableIterator<Map.Entry<String, VersionedValue>> {

        private final String namespace;
        private final Cursor<byte[], byte[]> cursor;
        private final byte[] end;
        private Map.Entry<String, VersionedValue> next;

        StateRange(String namespace, Cursor<byte[], byte[]> cursor, byte[] end) {
            this.namespace = namespace;
            this.cursor = cursor;
            this.end = end;
            advance();
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Map.Entry<String, VersionedValue> next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Map.Entry<String, VersionedValue> current = next;
            advance();
            return current;
        }

        @Override
        public void close() {
            next = null;
        }

        private void advance() {
            next = null;
            if (cursor.hasNext()) {
                byte[] key = cursor.next();
                if (KeyOrder.compare(key, end) < 0) {
                    next = new AbstractMap.SimpleImmutableEntry<>(
                            StoreKeys.keyOf(namespace, key), StoreValues.versionedValue(cursor.getValue()));
                }
            }
        }
    }
}
