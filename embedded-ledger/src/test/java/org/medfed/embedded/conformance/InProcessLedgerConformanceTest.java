package org.medfed.embedded.conformance;

import org.junit.jupiter.api.BeforeAll;
import org.medfed.embedded.chaincode.InProcessChaincode;
import org.medfed.embedded.testcc.DivergingChaincode;

/**
 * Every conformance case with the whole network in this JVM: the test contract hosted through the shim's routing,
 * the gateways on in-process channels. The ledger's rules do not depend on how the chaincode is reached.
 */
class InProcessLedgerConformanceTest extends LedgerConformanceCases {

    private static final String CHAINCODE_ID = TestNetwork.CHAINCODE + ":1";

    @BeforeAll
    static void up() throws Exception {
        use(TestNetwork.allInProcess(dir, network -> network.chaincode(org -> org.equals("Gamma")
                ? new DivergingChaincode(CHAINCODE_ID, "gamma") : InProcessChaincode.contractRouter(CHAINCODE_ID))));
    }
}
