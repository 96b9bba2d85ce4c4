package org.medfed.contract.testing;

import java.util.Iterator;
import java.util.List;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/** Query results held in a list; with a bookmark when they are one page of a paginated query. */
record FakeQueryResults<T>(List<T> results, String bookmark)
        implements QueryResultsIterator<T>, QueryResultsIteratorWithMetadata<T> {

    @Override
    public Iterator<T> iterator() {
        return results.iterator();
    }

    @Override
    public QueryResponseMetadata getMetadata() {
        return QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(results.size())
                .setBookmark(bookmark == null ? "" : bookmark)
                .build();
    }

    @Override
    public void close() {}
}
