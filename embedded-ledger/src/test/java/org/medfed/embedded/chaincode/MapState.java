package org.medfed.embedded.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.medfed.embedded.state.KeyOrder;
import org.medfed.embedded.state.StateReader;
import org.medfed.embedded.state.Version;
import org.medfed.embedded.state.VersionedValue;

/** Committed state of one namespace in memory; each commit is one block with one transaction. */
final class MapState implements StateReader {

    private final String namespace;
    private final NavigableMap<String, VersionedValue> values = new TreeMap<>(KeyOrder.UNSIGNED_UTF8);
    private final Map<String, List<KeyModification>> history = new HashMap<>();
    private long height;

    MapState(String namespace) {
        this.namespace = namespace;
    }

    /** Commits one write (empty value: delete) as transaction {@code txId}. */
    MapState put(String key, String value, String txId) {
        return commit(
                List.of(KVWrite.newBuilder()
                        .setKey(key)
                        .setIsDelete(value.isEmpty())
                        .setValue(ByteString.copyFromUtf8(value))
                        .build()),
                txId);
    }

    MapState put(String key, String value) {
        return put(key, value, "tx-" + (height + 1));
    }

    /** Commits the writes of a simulation's read-write set. */
    MapState commit(TxReadWriteSet rwset, String txId) throws InvalidProtocolBufferException {
        List<KVWrite> writes = new ArrayList<>();
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
            writes.addAll(KVRWSet.parseFrom(ns.getRwset()).getWritesList());
        }
        return commit(writes, txId);
    }

    Version versionOf(String key) {
        return values.get(key).version();
    }

    @Override
    public VersionedValue get(String namespace, String key) {
        checkNamespace(namespace);
        return values.get(key);
    }

    @Override
    public CloseableIterator<Map.Entry<String, VersionedValue>> range(
            String namespace, String startKey, String endKey) {
        checkNamespace(namespace);
        Iterator<Map.Entry<String, VersionedValue>> entries = (endKey.isEmpty()
                        ? values.tailMap(startKey, true)
                        : values.subMap(startKey, true, endKey, false))
                .entrySet()
                .iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Map.Entry<String, VersionedValue> next() {
                return entries.next();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public List<KeyModification> history(String namespace, String key) {
        checkNamespace(namespace);
        return List.copyOf(history.getOrDefault(key, List.of()));
    }

    private MapState commit(List<KVWrite> writes, String txId) {
        height++;
        Version version = new Version(height, 0);
        for (KVWrite write : writes) {
            if (write.getIsDelete()) {
                values.remove(write.getKey());
            } else {
                values.put(write.getKey(), new VersionedValue(write.getValue().toByteArray(), version));
            }
            history.computeIfAbsent(write.getKey(), k -> new ArrayList<>())
                    .add(
                            0,
                            KeyModification.newBuilder()
                                    .setTxId(txId)
                                    .setValue(write.getValue())
                                    .setIsDelete(write.getIsDelete())
                                    .setTimestamp(Timestamp.newBuilder().setSeconds(height))
                                    .build());
        }
        return this;
    }

    private void checkNamespace(String namespace) {
        if (!this.namespace.equals(namespace)) {
            throw new IllegalArgumentException("unexpected namespace " + namespace);
        }
    }
}
