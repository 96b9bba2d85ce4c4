package org.medfed.embedded.conformance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Network;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.embedded.node.InProcessNetworkBuilder;

/**
 * The in-process network as a simulation runs it: the builder's default chaincode (the contracts on the classpath,
 * one router per organisation), BatchTimeout 2 ms.
 */
class InProcessLedgerTest {

    private static final int SUBMITS = 200;
    /**
     * The loggers the contract router sets to INFO (a line or more per invocation); held here, as a logger's level
     * is lost when nothing references it.
     */
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("org.hyperledger.fabric.shim"),
            Logger.getLogger("org.hyperledger.fabric.contract"),
            Logger.getLogger("org.medfed.embedded.testcc"));

    @TempDir
    Path dir;

    @Test
    void aCommittedTransactionsChaincodeEventReachesAListenerFromItsBlock() throws Exception {
        try (TestNetwork net = TestNetwork.allInProcess(dir, fast(true));
                Gateway gateway = net.connect("Alpha", "User1")) {
            Network network = gateway.getNetwork(TestNetwork.CHANNEL);
            Contract cc = network.getContract(TestNetwork.CHAINCODE);
            long block = cc.newProposal("emit")
                    .addArguments("RoundOpened", "{\"round\":1}")
                    .build()
                    .endorse()
                    .submitAsync()
                    .getStatus()
                    .getBlockNumber();
            try (CloseableIterator<ChaincodeEvent> events = network.newChaincodeEventsRequest(TestNetwork.CHAINCODE)
                    .startBlock(block)
                    .build()
                    .getEvents()) {
                ChaincodeEvent event = events.next();
                assertThat(event.getEventName()).isEqualTo("RoundOpened");
                assertThat(new String(event.getPayload(), UTF_8)).isEqualTo("{\"round\":1}");
                assertThat(event.getBlockNumber()).isEqualTo(block);
            }
        }
    }

    /** Measured, not asserted: the figure a simulation's run time follows (printed for the record). */
    @ParameterizedTest(name = "ledger in memory: {0}")
    @ValueSource(booleans = {true, false})
    void sequentialSubmitsEachTakeAFewMilliseconds(boolean inMemory) throws Exception {
        try (TestNetwork net = TestNetwork.allInProcess(dir, fast(inMemory));
                Gateway gateway = net.connect("Alpha", "User1")) {
            Contract cc = gateway.getNetwork(TestNetwork.CHANNEL).getContract(TestNetwork.CHAINCODE);
            QUIET.forEach(logger -> logger.setLevel(Level.WARNING));
            for (int i = 0; i < 20; i++) {
                cc.submitTransaction("put", "warm" + i, "v");
            }
            long start = System.nanoTime();
            for (int i = 0; i < SUBMITS; i++) {
                cc.submitTransaction("put", "k" + i, "v" + i);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf(
                    "in-process, BatchTimeout 2 ms, ledger %s: %d sequential submits in %d ms, %.2f ms " + "each%n",
                    inMemory ? "in memory" : "in a file", SUBMITS, took.toMillis(), took.toNanos() / 1e6 / SUBMITS);
            assertThat(new String(cc.evaluateTransaction("get", "k" + (SUBMITS - 1)), UTF_8))
                    .isEqualTo("v" + (SUBMITS - 1));
        }
    }

    private static java.util.function.UnaryOperator<InProcessNetworkBuilder> fast(boolean inMemory) {
        return network -> {
            network.batchTimeout(Duration.ofMillis(2));
            return inMemory ? network.inMemoryLedger() : network;
        };
    }
}
