package org.medfed.embedded.state;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;

/**
 * Committed world state of one chaincode namespace as a simulation sees it. Implementations are consistent for the
 * life of one simulation (the committer does not change state under a running simulation).
 */
public interface StateReader {

    /** The committed value of {@code key}, or null when absent. */
    VersionedValue get(String namespace, String key);

    /**
     * Committed keys in [{@code startKey}, {@code endKey}) in unsigned UTF-8 byte order; an empty {@code endKey}
     * means no upper bound. The iterator is lazy and must be closed if not exhausted.
     */
    CloseableIterator<Map.Entry<String, VersionedValue>> range(String namespace, String startKey, String endKey);

    /** Every committed modification of {@code key}, newest first (Fabric's GetHistoryForKey order). */
    List<KeyModification> history(String namespace, String key);

    interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
        @Override
        void close();
    }
}
