package org.medfed.embedded.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medfed.embedded.chaincode.InProcessChaincode;
import org.medfed.embedded.testcc.DivergingChaincode;
import org.medfed.embedded.testcc.TestContract;

/**
 * Every conformance case with the whole network in this JVM: the test contract hosted through the shim's routing,
 * the gateways on in-process channels. The ledger's rules do not depend on how the chaincode is reached. The
 * routers are given their contract rather than scanning for it, as simulations do (InProcessLedgerTest scans).
 */
class InProcessLedgerConformanceTest extends LedgerConformanceCases {

    private static final String CHAINCODE_ID = TestNetwork.CHAINCODE + ":1";

    @BeforeAll
    static void up() throws Exception {
        use(TestNetwork.allInProcess(
                dir,
                network -> network.chaincode(org -> org.equals("Gamma")
                        ? new DivergingChaincode(CHAINCODE_ID, "gamma")
                        : InProcessChaincode.contractRouter(CHAINCODE_ID, List.of(TestContract.class)))));
    }

    @Test
    void theWholeNetworkAnswersWithoutListeningOnAnyPort() {
        for (String org : TestNetwork.ORGS) {
            assertThat(TestNetwork.listening(net.layout.peerPort(org)))
                    .as(org + "'s peer port")
                    .isFalse();
            assertThat(TestNetwork.listening(net.layout.chaincodeServerPort(org)))
                    .as(org + "'s chaincode server port")
                    .isFalse();
        }
    }
}
