package org.medfed.embedded.order;

import java.util.Iterator;
import java.util.Map;
import org.medfed.embedded.state.KeyOrder;
import org.medfed.embedded.state.StateReader;
import org.medfed.embedded.state.Version;
import org.medfed.embedded.state.VersionedValue;

/**
 * A range over committed state plus the block's earlier valid writes, in unsigned key order, deletes hidden
 * (Fabric's combinedIterator): what a range query would return if it ran now, for the phantom-read check.
 */
final class CombinedRange implements AutoCloseable {

    record Entry(String key, Version version) {}

    private final StateReader.CloseableIterator<Map.Entry<String, VersionedValue>> committed;
    private final Iterator<Map.Entry<String, BlockUpdates.Update>> updates;
    private final String end;
    private final boolean includeEnd;
    private Map.Entry<String, VersionedValue> nextCommitted;
    private Map.Entry<String, BlockUpdates.Update> nextUpdate;

    CombinedRange(
            StateReader state, BlockUpdates block, String namespace, String start, String end, boolean includeEnd) {
        this.end = end;
        this.includeEnd = includeEnd;
        // The committed range is half-open; an inclusive end is checked by hand below.
        this.committed = state.range(namespace, start, includeEnd || end.isEmpty() ? "" : end);
        this.updates = block.range(namespace, start, end, includeEnd);
        advanceCommitted();
        nextUpdate = updates.hasNext() ? updates.next() : null;
    }

    private void advanceCommitted() {
        nextCommitted = null;
        if (committed.hasNext()) {
            Map.Entry<String, VersionedValue> e = committed.next();
            if (end.isEmpty()
                    || KeyOrder.compare(e.getKey(), end) < 0
                    || (includeEnd && e.getKey().equals(end))) {
                nextCommitted = e;
            }
        }
    }

    /** The next live key and its version, or null at the end. */
    Entry next() {
        while (nextCommitted != null || nextUpdate != null) {
            int cmp = nextCommitted == null
                    ? 1
                    : nextUpdate == null ? -1 : KeyOrder.compare(nextCommitted.getKey(), nextUpdate.getKey());
            if (cmp < 0) {
                Entry e = new Entry(
                        nextCommitted.getKey(), nextCommitted.getValue().version());
                advanceCommitted();
                return e;
            }
            BlockUpdates.Update u = nextUpdate.getValue();
            String key = nextUpdate.getKey();
            nextUpdate = updates.hasNext() ? updates.next() : null;
            if (cmp == 0) {
                advanceCommitted();
            }
            if (!u.isDelete()) {
                return new Entry(key, u.version());
            }
        }
        return null;
    }

    @Override
    public void close() {
        committed.close();
    }
}
