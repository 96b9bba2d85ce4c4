package org.medfed.embedded.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.embedded.chaincode.TestProposals.input;
import static org.medfed.embedded.chaincode.TestProposals.proposal;
import static org.medfed.embedded.chaincode.TestProposals.utf8;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medfed.embedded.testcc.TestChaincodeServer;

/** The peer side of the chaincode protocol against the real shim, with the test chaincode in a child JVM. */
class ChaincodeConnectionIT {

    private static final String NAMESPACE = "testcc";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static TestChaincodeServer server;
    private static ChaincodeConnection connection;
    private static int txCounter;

    private final MapState state = new MapState(NAMESPACE);

    @BeforeAll
    static void startServer() {
        server = TestChaincodeServer.start();
        connection = new ChaincodeConnection(server.address(), NAMESPACE, "1");
    }

    @AfterAll
    static void stopServer() {
        connection.close();
        server.close();
    }

    @Test
    void theStreamOutlivesTheGatewayCallThatOpenedIt() throws Exception {
        try (ChaincodeConnection fresh = new ChaincodeConnection(server.address(), NAMESPACE, "1")) {
            io.grpc.Context.CancellableContext gatewayCall =
                    io.grpc.Context.current().withCancellation();
            String txId = nextTxId();
            SimulationResult first = gatewayCall.call(() -> fresh.execute(
                    TestProposals.CHANNEL,
                    txId,
                    proposal(txId, NAMESPACE, input("get", "k")),
                    input("get", "k"),
                    state,
                    TIMEOUT));
            gatewayCall.cancel(null);
            Thread.sleep(300);
            String next = nextTxId();
            SimulationResult second = fresh.execute(
                    TestProposals.CHANNEL,
                    next,
                    proposal(next, NAMESPACE, input("get", "k")),
                    input("get", "k"),
                    state,
                    TIMEOUT);
            assertThat(first.response().getStatus()).isEqualTo(200);
            assertThat(second.response().getStatus()).isEqualTo(200);
            assertThat(fresh.streamsOpened()).isEqualTo(1);
        }
    }

    @Test
    void aPutIsVisibleToTheNextTransactionOnceCommitted() throws Exception {
        SimulationResult put = execute(input("put", "k", "v"));
        assertThat(put.response().getStatus()).isEqualTo(200);
        assertThat(kvRwSet(put).getWritesList())
                .containsExactly(KVWrite.newBuilder()
                        .setKey("k")
                        .setValue(utf8Bytes("v"))
                        .build());
        state.commit(put.rwset(), "tx-put");

        SimulationResult get = execute(input("get", "k"));
        assertThat(utf8(get.response().getPayload())).isEqualTo("v");
        assertThat(kvRwSet(get).getReadsList())
                .containsExactly(KVRead.newBuilder()
                        .setKey("k")
                        .setVersion(state.versionOf("k").toProto())
                        .build());
        assertThat(kvRwSet(get).getWritesList()).isEmpty();
    }

    @Test
    void aReadAfterAWriteSeesTheCommittedValue() throws Exception {
        state.put("k", "committed");

        SimulationResult result = execute(input("readAfterWrite", "k", "written"));

        assertThat(utf8(result.response().getPayload())).isEqualTo("committed");
        KVRWSet rwSet = kvRwSet(result);
        assertThat(rwSet.getReadsList())
                .containsExactly(KVRead.newBuilder()
                        .setKey("k")
                        .setVersion(state.versionOf("k").toProto())
                        .build());
        assertThat(rwSet.getWritesList())
                .containsExactly(KVWrite.newBuilder()
                        .setKey("k")
                        .setValue(utf8Bytes("written"))
                        .build());
    }

    @Test
    void aReadOfAnAbsentKeyHasNoVersionAndADeleteIsAWriteWithoutValue() throws Exception {
        SimulationResult readThenWrite = execute(input("readThenWrite", "absent", "v"));
        assertThat(kvRwSet(readThenWrite).getReadsList())
                .containsExactly(KVRead.newBuilder().setKey("absent").build());

        SimulationResult delete = execute(input("del", "gone"));
        assertThat(kvRwSet(delete).getWritesList())
                .containsExactly(
                        KVWrite.newBuilder().setKey("gone").setIsDelete(true).build());
    }

    @Test
    void rangesComeInUnsignedByteOrderAndAreRecordedForThePhantomCheck() throws Exception {
        // UTF-16 order would put U+10000 (a surrogate pair) before U+E000; UTF-8 bytes put it after.
        String privateUse = "\uE000";
        String supplementary = new String(Character.toChars(0x10000));
        state.put(supplementary, "3").put("b", "1").put(privateUse, "2");

        SimulationResult result = execute(input("range", "", ""));

        assertThat(utf8(result.response().getPayload()))
                .isEqualTo("[\"b\",\"" + privateUse + "\",\"" + supplementary + "\"]");
        KVRWSet rwSet = kvRwSet(result);
        assertThat(rwSet.getReadsList()).isEmpty();
        RangeQueryInfo range = rwSet.getRangeQueriesInfo(0);
        assertThat(range.getStartKey()).isEqualTo("\u0001"); // the shim's stand-in for an open start
        assertThat(range.getEndKey()).isEmpty();
        assertThat(range.getItrExhausted()).isTrue();
        assertThat(range.getRawReads().getKvReadsList())
                .extracting(KVRead::getKey)
                .containsExactly("b", privateUse, supplementary);
        assertThat(range.getRawReads().getKvReads(0).getVersion())
                .isEqualTo(state.versionOf("b").toProto());
    }

    @Test
    void aRangeLeftEarlyRecordsWhatThePeerFetchedAndHashesItBeyondFiftyReads() throws Exception {
        for (int i = 0; i < 150; i++) {
            state.put(String.format("key%03d", i), "v");
        }

        SimulationResult result = execute(input("rangeFirst", "key", "key999", "2"));

        assertThat(utf8(result.response().getPayload())).isEqualTo("[\"key000\",\"key001\"]");
        RangeQueryInfo range = kvRwSet(result).getRangeQueriesInfo(0);
        // The peer pulled a batch of 100 plus the one that opens the next batch.
        assertThat(range.getEndKey()).isEqualTo("key100");
        assertThat(range.getItrExhausted()).isFalse();
        assertThat(range.hasReadsMerkleHashes()).isTrue();
        assertThat(range.getReadsMerkleHashes().getMaxLevel()).isEqualTo(1);
        // 101 reads: a leaf hash over the first 51, one over the remaining 50
        assertThat(range.getReadsMerkleHashes().getMaxLevelHashesCount()).isEqualTo(2);
    }

    @Test
    void pagesFollowBookmarks() throws Exception {
        for (String key : List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7")) {
            state.put(key, "v");
        }

        SimulationResult first = execute(input("rangePage", "p", "q", "3", ""));
        SimulationResult second = execute(input("rangePage", "p", "q", "3", "p4"));
        SimulationResult third = execute(input("rangePage", "p", "q", "3", "p7"));

        assertThat(utf8(first.response().getPayload()))
                .isEqualTo("{\"keys\":[\"p1\",\"p2\",\"p3\"],\"bookmark\":\"p4\",\"fetched\":3}");
        assertThat(utf8(second.response().getPayload()))
                .isEqualTo("{\"keys\":[\"p4\",\"p5\",\"p6\"],\"bookmark\":\"p7\",\"fetched\":3}");
        assertThat(utf8(third.response().getPayload()))
                .isEqualTo("{\"keys\":[\"p7\"],\"bookmark\":\"\",\"fetched\":1}");
        RangeQueryInfo middle = kvRwSet(second).getRangeQueriesInfo(0);
        assertThat(List.of(middle.getStartKey(), middle.getEndKey())).containsExactly("p4", "p6");
        assertThat(middle.getItrExhausted()).isFalse();
        RangeQueryInfo last = kvRwSet(third).getRangeQueriesInfo(0);
        assertThat(List.of(last.getStartKey(), last.getEndKey())).containsExactly("p7", "q");
        assertThat(last.getItrExhausted()).isTrue();
    }

    @Test
    void aPaginatedQueryAfterAWriteFailsTheTransaction() throws Exception {
        String txId = nextTxId();
        SimulationResult result = execute(txId, input("putThenRangePage", "k", "v", "a", "z", "2"));

        // The shim drops the peer's ERROR text and throws; the contract router reports that as a 500.
        assertThat(result.response().getStatus()).isEqualTo(500);
        assertThat(result.response().getMessage()).isEqualTo(unsuccessfulLedgerCall(txId));
    }

    @Test
    void historyIsNewestFirst() throws Exception {
        state.put("h", "one", "tx-a").put("h", "two", "tx-b").put("h", "", "tx-c");

        SimulationResult result = execute(input("history", "h"));

        assertThat(utf8(result.response().getPayload()))
                .isEqualTo("[{\"txId\":\"tx-c\",\"value\":\"\",\"isDelete\":true},"
                        + "{\"txId\":\"tx-b\",\"value\":\"two\",\"isDelete\":false},"
                        + "{\"txId\":\"tx-a\",\"value\":\"one\",\"isDelete\":false}]");
        assertThat(result.rwset().getNsRwsetList()).isEmpty();
    }

    @Test
    void aChaincodeExceptionIsAFiveHundredWithItsMessageAndPayload() throws Exception {
        SimulationResult result = execute(input("fail", "no such round"));

        assertThat(result.response().getStatus()).isEqualTo(500);
        assertThat(result.response().getMessage()).isEqualTo("no such round");
        assertThat(utf8(result.response().getPayload())).isEqualTo("FAILED");
    }

    @Test
    void aShimErrorIsAFiveHundredWithFabricsWording() throws Exception {
        String txId = nextTxId();
        // The shim refuses proposals that are neither endorser transactions nor config with an ERROR message.
        SimulationResult result = connection.execute(
                TestProposals.CHANNEL,
                txId,
                proposal(txId, NAMESPACE, input("get", "k"), HeaderType.CONFIG_UPDATE),
                input("get", "k"),
                state,
                TIMEOUT);

        assertThat(result.response().getStatus()).isEqualTo(500);
        assertThat(result.response().getMessage())
                .startsWith("transaction returned with failure: ")
                .contains("Unexpected transaction type");
        assertThat(result.event()).isNull();
    }

    @Test
    void theEventCarriesChaincodeAndTransactionIds() throws Exception {
        String txId = nextTxId();
        ChaincodeInput input = input("emit", "RoundOpened", "{\"round\":1}");

        SimulationResult result = connection.execute(
                TestProposals.CHANNEL, txId, proposal(txId, NAMESPACE, input), input, state, TIMEOUT);

        assertThat(result.event().getChaincodeId()).isEqualTo(NAMESPACE);
        assertThat(result.event().getTxId()).isEqualTo(txId);
        assertThat(result.event().getEventName()).isEqualTo("RoundOpened");
        assertThat(utf8(result.event().getPayload())).isEqualTo("{\"round\":1}");
    }

    @Test
    void concurrentExecutesShareTheStream() throws Exception {
        for (int i = 0; i < 16; i++) {
            state.put("c" + i, "value" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<SimulationResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                ChaincodeInput input = input("readThenWrite", "c" + i, "new" + i);
                results.add(pool.submit(() -> execute(input)));
            }
            for (int i = 0; i < 16; i++) {
                assertThat(utf8(results.get(i).get().response().getPayload())).isEqualTo("value" + i);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theSameProposalGivesByteIdenticalResults() throws Exception {
        state.put("a", "1").put("b", "2");
        String txId = nextTxId();
        ChaincodeInput input = input("readThenWrite", "a", "3");

        SimulationResult first = connection.execute(
                TestProposals.CHANNEL, txId, proposal(txId, NAMESPACE, input), input, state, TIMEOUT);
        SimulationResult second = connection.execute(
                TestProposals.CHANNEL, txId, proposal(txId, NAMESPACE, input), input, state, TIMEOUT);

        assertThat(second.rwset().toByteArray()).isEqualTo(first.rwset().toByteArray());
        assertThat(second.response().toByteArray()).isEqualTo(first.response().toByteArray());
    }

    @Test
    void aRichQueryFailsAsOnLevelDb() throws Exception {
        String txId = nextTxId();
        SimulationResult result = execute(txId, input("query", "{\"selector\":{}}"));

        assertThat(result.response().getStatus()).isEqualTo(500);
        assertThat(result.response().getMessage()).isEqualTo(unsuccessfulLedgerCall(txId));
    }

    @Test
    void theStreamOutlivesTheServersMaximumConnectionAge() throws Exception {
        execute(input("get", "k"));
        Thread.sleep(6_000); // the shim's server sends GOAWAY after 5 s

        assertThat(execute(input("get", "k")).response().getStatus()).isEqualTo(200);
    }

    @Test
    void aTimeoutLeavesTheConnectionUsable() throws Exception {
        execute(input("get", "k"));
        String txId = nextTxId();

        assertThatThrownBy(() -> connection.execute(
                        TestProposals.CHANNEL,
                        txId,
                        proposal(txId, NAMESPACE, input("get", "k")),
                        input("get", "k"),
                        state,
                        Duration.ZERO))
                .isInstanceOf(ChaincodeUnavailableException.class)
                .hasMessage("failed to execute transaction " + txId + ": timeout expired while executing transaction");

        assertThat(execute(input("get", "k")).response().getStatus()).isEqualTo(200);
    }

    private SimulationResult execute(ChaincodeInput input) throws ChaincodeUnavailableException {
        return execute(nextTxId(), input);
    }

    private SimulationResult execute(String txId, ChaincodeInput input) throws ChaincodeUnavailableException {
        return connection.execute(TestProposals.CHANNEL, txId, proposal(txId, NAMESPACE, input), input, state, TIMEOUT);
    }

    private static synchronized String nextTxId() {
        return "tx" + (++txCounter);
    }

    /** What shim 2.5.10 makes of a peer's ERROR answer to a ledger call. */
    private static String unsuccessfulLedgerCall(String txId) {
        return String.format("[%-8.8s]Unsuccessful response received.", txId);
    }

    static KVRWSet kvRwSet(SimulationResult result) throws InvalidProtocolBufferException {
        assertThat(result.rwset().getNsRwsetList()).hasSize(1);
        assertThat(result.rwset().getNsRwset(0).getNamespace()).isEqualTo(NAMESPACE);
        return KVRWSet.parseFrom(result.rwset().getNsRwset(0).getRwset());
    }

    private static ByteString utf8Bytes(String value) {
        return ByteString.copyFromUtf8(value);
    }
}
