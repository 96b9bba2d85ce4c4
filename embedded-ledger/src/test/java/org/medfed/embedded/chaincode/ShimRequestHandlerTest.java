package org.medfed.embedded.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.embedded.chaincode.TestProposals.utf8;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import java.util.List;
import org.hyperledger.fabric.protos.ledger.queryresult.KV;
import org.hyperledger.fabric.protos.peer.ChaincodeMessage;
import org.hyperledger.fabric.protos.peer.GetQueryResult;
import org.hyperledger.fabric.protos.peer.GetState;
import org.hyperledger.fabric.protos.peer.GetStateByRange;
import org.hyperledger.fabric.protos.peer.PutState;
import org.hyperledger.fabric.protos.peer.QueryMetadata;
import org.hyperledger.fabric.protos.peer.QueryResponse;
import org.hyperledger.fabric.protos.peer.QueryStateNext;
import org.junit.jupiter.api.Test;

/** The peer's answers to single shim requests, where the shim would hide the error text. */
class ShimRequestHandlerTest {

    private static final String TX = "tx1";

    private final MapState state = new MapState("cc");
    private final ShimRequestHandler handler = new ShimRequestHandler(new TxSimulator(state, "cc", TX), "ch", "cc", TX);

    @Test
    void aRichQueryIsRefusedWithLevelDbsMessage() {
        ChaincodeMessage reply = handle(
                ChaincodeMessage.Type.GET_QUERY_RESULT,
                GetQueryResult.newBuilder().setQuery("{}").build());

        assertThat(reply.getType()).isEqualTo(ChaincodeMessage.Type.ERROR);
        assertThat(utf8(reply.getPayload()))
                .isEqualTo("GET_QUERY_RESULT failed: transaction ID: tx1: ExecuteQuery not supported for leveldb");
        assertThat(List.of(reply.getTxid(), reply.getChannelId())).containsExactly(TX, "ch");
    }

    @Test
    void aPaginatedQueryAfterAWriteIsRefused() {
        handle(
                ChaincodeMessage.Type.PUT_STATE,
                PutState.newBuilder()
                        .setKey("k")
                        .setValue(ByteString.copyFromUtf8("v"))
                        .build());

        ChaincodeMessage reply = handle(
                ChaincodeMessage.Type.GET_STATE_BY_RANGE,
                GetStateByRange.newBuilder()
                        .setStartKey("a")
                        .setEndKey("z")
                        .setMetadata(QueryMetadata.newBuilder()
                                .setPageSize(2)
                                .build()
                                .toByteString())
                        .build());

        assertThat(utf8(reply.getPayload()))
                .isEqualTo("GET_STATE_BY_RANGE failed: transaction ID: tx1: txid [tx1]:"
                        + " unsuppored transaction. Paginated queries are supported only in a read-only transaction");
    }

    @Test
    void aWriteAfterAPaginatedQueryIsRefused() {
        handle(
                ChaincodeMessage.Type.GET_STATE_BY_RANGE,
                GetStateByRange.newBuilder()
                        .setStartKey("a")
                        .setEndKey("z")
                        .setMetadata(QueryMetadata.newBuilder()
                                .setPageSize(2)
                                .build()
                                .toByteString())
                        .build());

        ChaincodeMessage reply = handle(
                ChaincodeMessage.Type.PUT_STATE,
                PutState.newBuilder()
                        .setKey("k")
                        .setValue(ByteString.copyFromUtf8("v"))
                        .build());

        assertThat(utf8(reply.getPayload()))
                .isEqualTo("PUT_STATE failed: transaction ID: tx1: txid [tx1]:"
                        + " unsuppored transaction. Transaction has already performed a paginated query. Writes are not"
                        + " allowed");
    }

    @Test
    void privateDataIsRefused() {
        ChaincodeMessage reply = handle(
                ChaincodeMessage.Type.GET_STATE,
                GetState.newBuilder().setKey("k").setCollection("secrets").build());

        assertThat(utf8(reply.getPayload()))
                .isEqualTo("GET_STATE failed: transaction ID: tx1: collection ch/cc/secrets could not be found");
    }

    @Test
    void anUnpaginatedRangeComesInBatchesOfAHundred() throws Exception {
        for (int i = 0; i < 250; i++) {
            state.put(String.format("k%03d", i), "v");
        }

        QueryResponse first = QueryResponse.parseFrom(handle(
                        ChaincodeMessage.Type.GET_STATE_BY_RANGE,
                        GetStateByRange.newBuilder()
                                .setStartKey("k")
                                .setEndKey("l")
                                .build())
                .getPayload());
        QueryResponse second = next(first.getId());
        QueryResponse third = next(first.getId());

        assertThat(List.of(first.getResultsCount(), second.getResultsCount(), third.getResultsCount()))
                .containsExactly(100, 100, 50);
        assertThat(List.of(first.getHasMore(), second.getHasMore(), third.getHasMore()))
                .containsExactly(true, true, false);
        assertThat(KV.parseFrom(second.getResults(0).getResultBytes()).getKey()).isEqualTo("k100");
        assertThat(handle(
                                ChaincodeMessage.Type.QUERY_STATE_NEXT,
                                QueryStateNext.newBuilder().setId(first.getId()).build())
                        .getType())
                .isEqualTo(ChaincodeMessage.Type.ERROR); // finished iterators are gone
    }

    private QueryResponse next(String id) throws Exception {
        return QueryResponse.parseFrom(handle(
                        ChaincodeMessage.Type.QUERY_STATE_NEXT,
                        QueryStateNext.newBuilder().setId(id).build())
                .getPayload());
    }

    private ChaincodeMessage handle(ChaincodeMessage.Type type, Message payload) {
        return handler.handle(ChaincodeMessage.newBuilder()
                .setType(type)
                .setTxid(TX)
                .setChannelId("ch")
                .setPayload(payload.toByteString())
                .build());
    }
}
