package org.medfed.embedded.chaincode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.embedded.chaincode.TestProposals.input;
import static org.medfed.embedded.chaincode.TestProposals.proposal;

import java.time.Duration;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.junit.jupiter.api.Test;
import org.medfed.embedded.testcc.TestChaincodeServer;

/** A chaincode server that goes away and comes back. */
class ChaincodeReconnectIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final MapState state = new MapState("testcc");

    @Test
    void anUnreachableServerIsUnavailableAndARestartedOneIsReconnected() throws Exception {
        TestChaincodeServer server = TestChaincodeServer.start();
        try (ChaincodeConnection connection = new ChaincodeConnection(server.address(), "testcc", "1")) {
            assertThat(execute(connection, "tx1").response().getStatus()).isEqualTo(200);

            server.close();
            assertThatThrownBy(() -> execute(connection, "tx2"))
                    .isInstanceOf(ChaincodeUnavailableException.class)
                    .hasMessageStartingWith("failed to execute transaction tx2: ");
            assertThatThrownBy(() -> execute(connection, "tx3"))
                    .isInstanceOf(ChaincodeUnavailableException.class)
                    .hasMessageStartingWith("failed to execute transaction tx3: could not launch chaincode testcc:1:"
                            + " connection to testcc:1 failed: error cannot create connection for testcc:1:"
                            + " error creating grpc connection to " + server.address());

            server = server.restart();
            assertThat(execute(connection, "tx4").response().getStatus()).isEqualTo(200);
        } finally {
            server.close();
        }
    }

    private SimulationResult execute(ChaincodeConnection connection, String txId) throws Exception {
        ChaincodeInput input = input("get", "k");
        return connection.execute(TestProposals.CHANNEL, txId, proposal(txId, "testcc", input), input, state, TIMEOUT);
    }
}
