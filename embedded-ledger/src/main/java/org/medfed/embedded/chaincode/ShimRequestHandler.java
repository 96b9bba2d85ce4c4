package org.medfed.embedded.chaincode;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.hyperledger.fabric.protos.ledger.queryresult.KeyModification;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.DelState;
import org.hyperledger.fabric.protos.peer.GetHistoryForKey;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.GetStateMetadata;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryStateClose;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.hyperledger.fabric.protos.peer.StateMetadataResult;

/**
 * Answers the ledger requests the shim sends during one transaction, like the peer's chaincode Handler: each
 * request gets a RESPONSE with Fabric's payload or an ERROR whose text is Fabric's
 * ("&lt;TYPE&gt; failed: transaction ID: &lt;txid&gt;: &lt;reason&gt;"). Used by one thread at a time.
 */
final class ShimRequestHandler implements AutoCloseable {

    private final TxSimulator simulator;
    private final String channel;
    private final String namespace;
    private final String txId;
    private final Map<String, OpenQuery> openQueries = new HashMap<>();

    ShimRequestHandler(TxSimulator simulator, String channel, String namespace, String txId) {
        this.simulator = simulator;
        this.channel = channel;
        this.namespace = namespace;
        this.txId = txId;
    }

    ChaincodeMessage handle(ChaincodeMessage request) {
        try {
            return reply(ChaincodeMessage.Type.RESPONSE, answer(request));
        } catch (SimulationException | InvalidProtocolBufferException e) {
            String reason = e instanceof InvalidProtocolBufferException
                    ? "unmarshal failed: " + e.getMessage()
                    : e.getMessage();
            return reply(
                    ChaincodeMessage.Type.ERROR,
                    ByteString.copyFromUtf8(request.getType() + " failed: transaction ID: " + txId + ": " + reason));
        }
    }

    /** Fabric closes a transaction's iterators when it completes. */
    @Override
    public void close() {
        openQueries.values().forEach(OpenQuery::close);
        openQueries.clear();
    }

    private ByteString answer(ChaincodeMessage request) throws SimulationException, InvalidProtocolBufferException {
        ByteString payload = request.getPayload();
        switch (request.getType()) {
            case GET_STATE: {
                GetState get = GetState.parseFrom(payload);
                refusePrivateData(get.getCollection());
                byte[] value = simulator.getState(get.getKey());
                return value == null ? ByteString.EMPTY : ByteString.copyFrom(value);
            }
            case PUT_STATE: {
                PutState put = PutState.parseFrom(payload);
                refusePrivateData(put.getCollection());
                simulator.setState(put.getKey(), put.getValue().toByteArray());
                return ByteString.EMPTY;
            }
            case DEL_STATE: {
                DelState delete = DelState.parseFrom(payload);
                refusePrivateData(delete.getCollection());
                simulator.deleteState(delete.getKey());
                return ByteString.EMPTY;
            }
            case GET_STATE_METADATA: {
                GetStateMetadata get = GetStateMetadata.parseFrom(payload);
                refusePrivateData(get.getCollection());
                // The state keeps no metadata (no key-level endorsement policies): Fabric's answer for such a key,
                // including the read it records.
                simulator.getState(get.getKey());
                return StateMetadataResult.getDefaultInstance().toByteString();
            }
            case GET_STATE_BY_RANGE:
                return rangeQuery(GetStateByRange.parseFrom(payload)).toByteString();
            case QUERY_STATE_NEXT:
                return queryStateNext(QueryStateNext.parseFrom(payload).getId()).toByteString();
            case QUERY_STATE_CLOSE:
                return queryStateClose(QueryStateClose.parseFrom(payload).getId())
                        .toByteString();
            case GET_HISTORY_FOR_KEY:
                return historyQuery(GetHistoryForKey.parseFrom(payload).getKey())
                        .toByteString();
            case GET_QUERY_RESULT: {
                GetQueryResult query = GetQueryResult.parseFrom(payload);
                refusePrivateData(query.getCollection());
                throw new SimulationException(
                        isPaginated(QueryMetadata.parseFrom(query.getMetadata()))
                                ? "ExecuteQueryWithMetadata not supported for leveldb"
                                : "ExecuteQuery not supported for leveldb");
            }
            default:
                throw new SimulationException(
                        "message type " + request.getType() + " is not supported by the embedded ledger");
        }
    }

    private QueryResponse rangeQuery(GetStateByRange range) throws SimulationException, InvalidProtocolBufferException {
        refusePrivateData(range.getCollection());
        QueryMetadata metadata = QueryMetadata.parseFrom(range.getMetadata());
        boolean paginated = isPaginated(metadata);
        RangeScan scan;
        if (paginated) {
            String start = metadata.getBookmark().isEmpty() ? range.getStartKey() : metadata.getBookmark();
            scan = simulator.paginatedRangeScan(start, range.getEndKey());
        } else {
            scan = simulator.rangeScan(range.getStartKey(), range.getEndKey());
        }
        return open(
                new OpenQuery.Results() {
                    @Override
                    public MessageLite next() {
                        return scan.next();
                    }

                    @Override
                    public String bookmarkAndClose() {
                        return scan.bookmarkAndClose();
                    }

                    @Override
                    public void close() {
                        scan.close();
                    }
                },
                paginated,
                OpenQuery.returnLimit(paginated ? metadata.getPageSize() : 0));
    }

    private QueryResponse historyQuery(String key) {
        Iterator<KeyModification> modifications = simulator.history(key).iterator();
        return open(
                new OpenQuery.Results() {
                    @Override
                    public MessageLite next() {
                        return modifications.hasNext() ? modifications.next() : null;
                    }

                    @Override
                    public void close() {
                        // a list: nothing to release
                    }
                },
                false,
                OpenQuery.TOTAL_QUERY_LIMIT);
    }

    private QueryResponse open(OpenQuery.Results results, boolean paginated, int returnLimit) {
        String id = UUID.randomUUID().toString();
        OpenQuery query = new OpenQuery(id, results, paginated);
        QueryResponse first = query.nextResponse(returnLimit);
        if (!query.finished()) {
            openQueries.put(id, query);
        }
        return first;
    }

    private QueryResponse queryStateNext(String id) throws SimulationException {
        OpenQuery query = openQueries.get(id);
        if (query == null) {
            throw new SimulationException("query iterator not found");
        }
        QueryResponse next = query.nextResponse(OpenQuery.TOTAL_QUERY_LIMIT);
        if (query.finished()) {
            openQueries.remove(id);
        }
        return next;
    }

    private QueryResponse queryStateClose(String id) {
        OpenQuery query = openQueries.remove(id);
        if (query != null) {
            query.close();
        }
        return QueryResponse.newBuilder().setHasMore(false).setId(id).build();
    }

    /** Fabric's isMetadataSetForPagination: a page size or a bookmark. */
    private static boolean isPaginated(QueryMetadata metadata) {
        return metadata.getPageSize() != 0 || !metadata.getBookmark().isEmpty();
    }

    /** medfed defines no collections; Fabric's answer for an undefined one. */
    private void refusePrivateData(String collection) throws SimulationException {
        if (!collection.isEmpty()) {
            throw new SimulationException(
                    "collection " + channel + "/" + namespace + "/" + collection + " could not be found");
        }
    }

    private ChaincodeMessage reply(ChaincodeMessage.Type type, ByteString payload) {
        return ChaincodeMessage.newBuilder()
                .setType(type)
                .setPayload(payload)
                .setTxid(txId)
                .setChannelId(channel)
                .build();
    }
}
