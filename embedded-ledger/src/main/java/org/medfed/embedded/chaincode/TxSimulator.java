package org.medfed.embedded.chaincode;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.medfed.embedded.state.KeyOrder;
import org.medfed.embedded.state.StateReader;
import org.medfed.embedded.state.VersionedValue;

/**
 * Simulates one transaction of one chaincode namespace over committed state and records its read-write set the
 * way Fabric's txmgr does: reads always see committed state (no read-your-writes), the read set keeps each key's
 * committed version (absent key: no version), writes are last-write-wins with an empty value meaning delete,
 * range queries are recorded for the phantom check, history queries are not recorded at all. The result is
 * sorted by key in unsigned byte order so that every organisation produces the same bytes.
 */
public final class TxSimulator {

    private final StateReader state;
    private final String namespace;
    private final String txId;
    private final Map<String, KVRead> reads = new HashMap<>();
    private final Map<String, KVWrite> writes = new HashMap<>();
    private final List<RangeScan> rangeScans = new ArrayList<>();
    private boolean writePerformed;
    private boolean paginatedQueryPerformed;

    public TxSimulator(StateReader state, String namespace, String txId) {
        this.state = state;
        this.namespace = namespace;
        this.txId = txId;
    }

    /** The committed value, or null when the key is absent. */
    public byte[] getState(String key) {
        VersionedValue committed = state.get(namespace, key);
        reads.put(key, kvRead(key, committed));
        return committed == null ? null : committed.value();
    }

    /** An empty value is a delete, as in Fabric (a KVWrite with no value is a delete on commit). */
    public void setState(String key, byte[] value) throws SimulationException {
        if (paginatedQueryPerformed) {
            throw new SimulationException("txid [" + txId + "]: unsuppored transaction. Transaction has already"
                    + " performed a paginated query. Writes are not allowed");
        }
        writePerformed = true;
        writes.put(
                key,
                KVWrite.newBuilder()
                        .setKey(key)
                        .setIsDelete(value.length == 0)
                        .setValue(ByteString.copyFrom(value))
                        .build());
    }

    public void deleteState(String key) throws SimulationException {
        setState(key, new byte[0]);
    }

    /** Keys in [startKey, endKey); an empty end key means no upper bound. */
    public RangeScan rangeScan(String startKey, String endKey) {
        RangeScan scan = new RangeScan(namespace, startKey, endKey, state.range(namespace, startKey, endKey));
        rangeScans.add(scan);
        return scan;
    }

    /** A page is cut by the caller; Fabric allows pagination only in read-only transactions. */
    public RangeScan paginatedRangeScan(String startKey, String endKey) throws SimulationException {
        if (writePerformed) {
            throw new SimulationException("txid [" + txId + "]: unsuppored transaction. Paginated queries are"
                    + " supported only in a read-only transaction");
        }
        paginatedQueryPerformed = true;
        return rangeScan(startKey, endKey);
    }

    /** Newest first; not part of the read set (Fabric does not validate history reads). */
    public List<KeyModification> history(String key) {
        return state.history(namespace, key);
    }

    /** Fabric's TxReadWriteSet; the namespace appears only if something was read, written or scanned. */
    public TxReadWriteSet readWriteSet() {
        TxReadWriteSet.Builder txRwSet = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        if (reads.isEmpty() && writes.isEmpty() && rangeScans.isEmpty()) {
            return txRwSet.build();
        }
        KVRWSet.Builder kvRwSet = KVRWSet.newBuilder()
                .addAllReads(sortedByKey(reads).values())
                .addAllWrites(sortedByKey(writes).values());
        Map<RangeScan.Identity, RangeScan> distinctScans = new LinkedHashMap<>();
        rangeScans.forEach(scan -> distinctScans.putIfAbsent(scan.identity(), scan));
        distinctScans.values().forEach(scan -> kvRwSet.addRangeQueriesInfo(scan.rangeQueryInfo()));
        return txRwSet.addNsRwset(NsReadWriteSet.newBuilder()
                        .setNamespace(namespace)
                        .setRwset(kvRwSet.build().toByteString()))
                .build();
    }

    static KVRead kvRead(String key, VersionedValue committed) {
        KVRead.Builder read = KVRead.newBuilder().setKey(key);
        if (committed != null) {
            read.setVersion(committed.version().toProto());
        }
        return read.build();
    }

    private static <V> Map<String, V> sortedByKey(Map<String, V> entries) {
        Map<String, V> sorted = new TreeMap<>(KeyOrder.UNSIGNED_UTF8);
        sorted.putAll(entries);
        return sorted;
    }
}
