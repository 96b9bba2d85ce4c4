package org.medfed.embedded.chaincode;

import com.google.protobuf.MessageLite;
import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.QueryResultBytes;

/**
 * One query iterator the shim holds open, cut into QueryResponses as Fabric's QueryResponseGenerator does.
 * Unpaginated: batches of {@value #BATCH_SIZE} with has_more, where the result that overflowed a batch has already
 * been pulled (and so recorded as read) and opens the next one. Paginated: one response with up to the page size
 * and the bookmark in its metadata. Either way at most the total query limit over the life of the iterator.
 */
final class OpenQuery {

    /** Fabric's MaxResultLimit between peer and shim. */
    static final int BATCH_SIZE = 100;
    /** core.yaml ledger.state.totalQueryLimit. */
    static final int TOTAL_QUERY_LIMIT = 100_000;

    /** A source of results; null means exhausted. */
    interface Results extends AutoCloseable {
        MessageLite next();

        /** Paginated queries only: the key a next page starts at, "" when none. Closes the source. */
        default String bookmarkAndClose() {
            close();
            return "";
        }

        @Override
        void close();
    }

    private final String id;
    private final Results results;
    private final boolean paginated;
    private final List<QueryResultBytes> pending = new ArrayList<>();
    private int returnedCount;
    private boolean finished;

    OpenQuery(String id, Results results, boolean paginated) {
        this.id = id;
        this.results = results;
        this.paginated = paginated;
    }

    static int returnLimit(int pageSize) {
        return pageSize > 0 && pageSize < TOTAL_QUERY_LIMIT ? pageSize : TOTAL_QUERY_LIMIT;
    }

    /** The next response; after one with has_more false the query is finished and closed. */
    QueryResponse nextResponse(int returnLimit) {
        while (returnedCount < returnLimit) {
            MessageLite result = results.next();
            if (result == null) {
                break;
            }
            QueryResultBytes bytes = QueryResultBytes.newBuilder()
                    .setResultBytes(result.toByteString())
                    .build();
            returnedCount++;
            if (!paginated && pending.size() == BATCH_SIZE) {
                QueryResponse batch = QueryResponse.newBuilder()
                        .addAllResults(pending)
                        .setHasMore(true)
                        .setId(id)
                        .build();
                pending.clear();
                pending.add(bytes);
                return batch;
            }
            pending.add(bytes);
        }
        return lastResponse();
    }

    boolean finished() {
        return finished;
    }

    void close() {
        finished = true;
        results.close();
    }

    private QueryResponse lastResponse() {
        QueryResponse.Builder response = QueryResponse.newBuilder()
                .addAllResults(pending)
                .setHasMore(false)
                .setId(id);
        pending.clear();
        finished = true;
        if (paginated) {
            response.setMetadata(QueryResponseMetadata.newBuilder()
                    .setFetchedRecordsCount(returnedCount)
                    .setBookmark(results.bookmarkAndClose())
                    .build()
                    .toByteString());
        } else {
            results.close();
        }
        return response.build();
    }
}
