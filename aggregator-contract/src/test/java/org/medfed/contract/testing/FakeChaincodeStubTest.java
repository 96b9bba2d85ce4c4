package org.medfed.contract.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
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
        assertThat(clients(stub.getStateByPartialCompositeKey(stub.createCompositeKey("update", "r2").toString())))
                .containsExactly("a");
    }

    @Test
    void recordsWritesAndDeletesInOrder() {
        stub.putState("k", new byte[] {1});
        stub.putState("k", new byte[] {2});
        stub.delState("k");

        assertThat(stub.writes()).containsExactly(
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
    void refusesWhatItDoesNotModel() {
        assertThatThrownBy(() -> stub.getQueryResult("{}")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> stub.putState("", new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> clients(QueryResultsIterator<KeyValue> results) {
        List<String> clients = new ArrayList<>();
        for (KeyValue kv : results) {
            List<String> attributes = new FakeChaincodeStub().splitCompositeKey(kv.getKey()).getAttributes();
            clients.add(attributes.get(attributes.size() - 1));
        }
        return clients;
    }
}
