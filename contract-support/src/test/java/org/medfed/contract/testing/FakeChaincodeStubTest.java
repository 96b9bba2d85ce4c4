package org.medfed.contract.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;
import org.junit.jupiter.api.Test;

class FakeChaincodeStubTest {
    private final FakeChaincodeStub stub = new FakeChaincodeStub();

    @Test
    void scansPartialCompositeKeysInLedgerOrder() {
        for (String client : List.of("\uFB01", "b", "\uD83D\uDE00", "a")) {
            stub.putState(stub.createCompositeKey("update", "r1", client).toString(), client.getBytes(UTF_8));
        }
        stub.putState(stub.createCompositeKey("update", "r2", "a").toString(), new byte[] {1});
        stub.putState(stub.createCompositeKey("round", "r1").toString(), new byte[] {2});

        // Code point (UTF-8 byte) order: U+FB01 before U+1F600, unlike String.compareTo.
        assertThat(clients(stub.getStateByPartialCompositeKey("update", "r1")))
                .containsExactly("a", "b", "\uFB01", "\uD83D\uDE00");
        assertThat(clients(stub.getStateByPartialCompositeKey(stub.createCompositeKey("update"))))
                .hasSize(5);
        assertThat(clients(stub.getStateByPartialCompositeKey(
                        stub.createCompositeKey("update", "r2").toString())))
                .containsExactly("a");
    }

    @Test
    void recordsWritesAndDeletesInOrder() {
        stub.putState("k", new byte[] {1});
        stub.putState("k", new byte[] {2});
        stub.delState("k");

        assertThat(stub.writes())
                .containsExactly(
                        new FakeChaincodeStub.Write("k", new byte[] {1}),
                        new FakeChaincodeStub.Write("k", new byte[] {2}),
                        new FakeChaincodeStub.Write("k", null));
        assertThat(stub.getState("k")).isNull();
    }

    @Test
    void keepsEveryEventAndReportsTheLastOne() {
        stub.setEvent("First", new byte[] {1});
        stub.setEvent("Second", new byte[] {2});

        assertThat(stub.events()).hasSize(2);
        assertThat(stub.lastEvent()).contains(new FakeChaincodeStub.Event("Second", new byte[] {2}));
        assertThat(stub.getEvent().getEventName()).isEqualTo("Second");
    }

    @Test
    void splitsTheKeysItCreates() {
        String key = stub.createCompositeKey("ping", "Org1MSP").toString();

        assertThat(stub.splitCompositeKey(key).getAttributes()).containsExactly("Org1MSP");
    }

    @Test
    void pagesThroughAPartialKeyWithBookmarks() {
        for (String client : List.of("d", "a", "c", "b", "e")) {
            stub.putState(stub.createCompositeKey("update", "r1", client).toString(), client.getBytes(UTF_8));
        }
        CompositeKey partial = stub.createCompositeKey("update", "r1");

        QueryResultsIteratorWithMetadata<KeyValue> first =
                stub.getStateByPartialCompositeKeyWithPagination(partial, 2, "");
        String bookmark = first.getMetadata().getBookmark();
        QueryResultsIteratorWithMetadata<KeyValue> second =
                stub.getStateByPartialCompositeKeyWithPagination(partial, 2, bookmark);
        QueryResultsIteratorWithMetadata<KeyValue> last = stub.getStateByPartialCompositeKeyWithPagination(
                partial, 2, second.getMetadata().getBookmark());

        assertThat(values(first)).containsExactly("a", "b");
        assertThat(bookmark)
                .isEqualTo(stub.createCompositeKey("update", "r1", "c").toString());
        assertThat(values(second)).containsExactly("c", "d");
        assertThat(values(last)).containsExactly("e");
        assertThat(last.getMetadata().getBookmark()).isEmpty();
        assertThat(last.getMetadata().getFetchedRecordsCount()).isEqualTo(1);
    }

    @Test
    void scansSimpleKeyRangesWithoutCompositeKeys() {
        stub.putState("apple", new byte[] {1});
        stub.putState("banana", new byte[] {2});
        stub.putState("cherry", new byte[] {3});
        stub.putState(stub.createCompositeKey("apple", "x").toString(), new byte[] {4});

        assertThat(keys(stub.getStateByRange("", ""))).containsExactly("apple", "banana", "cherry");
        assertThat(keys(stub.getStateByRange("banana", "cherry"))).containsExactly("banana");
        QueryResultsIteratorWithMetadata<KeyValue> page = stub.getStateByRangeWithPagination("", "", 2, "");
        assertThat(keys(page)).containsExactly("apple", "banana");
        assertThat(page.getMetadata().getBookmark()).isEqualTo("cherry");
        assertThatThrownBy(() -> stub.getStateByRange("\u0000apple\u0000", ""))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("not allowed");
    }

    @Test
    void keepsEachKeysHistoryNewestFirstWithOneEntryPerTransaction() {
        stub.transaction("tx-1", Instant.parse("2026-01-01T00:00:00Z"));
        stub.putState("k", new byte[] {1});
        stub.putState("k", new byte[] {2});
        stub.transaction("tx-2", Instant.parse("2026-01-01T00:01:00Z"));
        stub.delState("k");

        List<KeyModification> history = new ArrayList<>();
        stub.getHistoryForKey("k").forEach(history::add);

        assertThat(history).extracting(KeyModification::getTxId).containsExactly("tx-2", "tx-1");
        assertThat(history.get(0).isDeleted()).isTrue();
        assertThat(history.get(1).getValue()).containsExactly(2);
        assertThat(history.get(1).getTimestamp()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Test
    void appliesWritesOnCommitWhenCommittingPerTransaction() {
        FakeChaincodeStub peer = FakeChaincodeStub.committingPerTransaction().transaction("tx-1", Instant.EPOCH);
        peer.putState("b", new byte[] {2});
        peer.putState("a", new byte[] {1});

        assertThat(peer.getState("a"))
                .as("a transaction does not read its own writes")
                .isNull();
        assertThat(peer.commit())
                .containsExactly(
                        new FakeChaincodeStub.Write("a", new byte[] {1}),
                        new FakeChaincodeStub.Write("b", new byte[] {2}));
        assertThat(peer.getState("a")).containsExactly(1);
    }

    @Test
    void forgetsTheWritesAndEventsOfARolledBackTransaction() {
        FakeChaincodeStub peer = FakeChaincodeStub.committingPerTransaction().transaction("tx-1", Instant.EPOCH);
        peer.putState("a", new byte[] {1});
        peer.setEvent("Done", new byte[0]);
        peer.rollback();

        assertThat(peer.state()).isEmpty();
        assertThat(peer.events()).isEmpty();
        assertThat(peer.writes()).isEmpty();
    }

    @Test
    void refusesToStartATransactionBeforeThePreviousOneEnds() {
        FakeChaincodeStub peer = FakeChaincodeStub.committingPerTransaction().transaction("tx-1", Instant.EPOCH);
        peer.putState("a", new byte[] {1});

        assertThatThrownBy(() -> peer.transaction("tx-2", Instant.EPOCH)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesWritesAfterAPaginatedQueryAsFabricDoes() {
        stub.transaction("tx-1", Instant.EPOCH);
        stub.getStateByPartialCompositeKeyWithPagination(stub.createCompositeKey("x"), 1, "");

        assertThatThrownBy(() -> stub.putState("k", new byte[] {1})).isInstanceOf(IllegalStateException.class);
        stub.transaction("tx-2", Instant.EPOCH);
        stub.putState("k", new byte[] {1});
    }

    @Test
    void passesTransientDataAndTheCallerThrough() {
        stub.transientData(Map.of("secret", new byte[] {7})).caller(TestIdentity.ORG1_ADMIN);

        assertThat(stub.getTransient()).containsKey("secret");
        assertThat(stub.getCreator()).isEqualTo(TestIdentity.ORG1_ADMIN.creator());
    }

    @Test
    void refusesWhatItDoesNotModel() {
        assertThatThrownBy(() -> stub.getQueryResult("{}")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> stub.putState("", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> values(Iterable<KeyValue> results) {
        List<String> values = new ArrayList<>();
        results.forEach(kv -> values.add(kv.getStringValue()));
        return values;
    }

    private static List<String> keys(Iterable<KeyValue> results) {
        List<String> keys = new ArrayList<>();
        results.forEach(kv -> keys.add(kv.getKey()));
        return keys;
    }

    private static List<String> clients(QueryResultsIterator<KeyValue> results) {
        List<String> clients = new ArrayList<>();
        for (KeyValue kv : results) {
            List<String> attributes =
                    new FakeChaincodeStub().splitCompositeKey(kv.getKey()).getAttributes();
            clients.add(attributes.get(attributes.size() - 1));
        }
        return clients;
    }
}
