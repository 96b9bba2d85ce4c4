package org.medfed.embedded.chaincode;

import com.google.protobuf.ByteString;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.medfed.embedded.state.StateReader.CloseableIterator;
import org.medfed.embedded.state.VersionedValue;

/**
 * A range query inside a simulation that records what it returned, like Fabric's txmgr resultsItr: the end key
 * follows the last key handed out until the iterator is exhausted, then becomes the query's end key, because the
 * caller may stop early and only the part it saw must be re-checked for phantoms.
 */
public final class RangeScan implements AutoCloseable {

    private final String namespace;
    private final String startKey;
    private final String endKey;
    private final CloseableIterator<Map.Entry<String, VersionedValue>> committed;
    private final RangeReads reads = new RangeReads();
    private String recordedEndKey = "";
    private boolean exhausted;

    RangeScan(
            String namespace,
            String startKey,
            String endKey,
            CloseableIterator<Map.Entry<String, VersionedValue>> committed) {
        this.namespace = namespace;
        this.startKey = startKey;
        this.endKey = endKey;
        this.committed = committed;
    }

    /** The next committed entry, or null at the end of the range. */
    public KV next() {
        if (!committed.hasNext()) {
            exhausted = true;
            recordedEndKey = endKey;
            return null;
        }
        Map.Entry<String, VersionedValue> entry = committed.next();
        reads.add(TxSimulator.kvRead(entry.getKey(), entry.getValue()));
        recordedEndKey = entry.getKey();
        return KV.newBuilder()
                .setNamespace(namespace)
                .setKey(entry.getKey())
                .setValue(ByteString.copyFrom(entry.getValue().value()))
                .build();
    }

    /**
     * The key a next page would start at ("" when none), without recording it as read, and closes the scan
     * (LevelDB's GetBookmarkAndClose).
     */
    public String bookmarkAndClose() {
        String bookmark = !exhausted && committed.hasNext() ? committed.next().getKey() : "";
        close();
        return bookmark;
    }

    @Override
    public void close() {
        committed.close();
    }

    RangeQueryInfo rangeQueryInfo() {
        return reads.writeTo(RangeQueryInfo.newBuilder()
                        .setStartKey(startKey)
                        .setEndKey(recordedEndKey)
                        .setItrExhausted(exhausted))
                .build();
    }

    /** Fabric keeps one record per distinct (start, end, exhausted): a repeated identical scan adds nothing. */
    record Identity(String startKey, String endKey, boolean exhausted) {}

    Identity identity() {
        return new Identity(startKey, recordedEndKey, exhausted);
    }
}
