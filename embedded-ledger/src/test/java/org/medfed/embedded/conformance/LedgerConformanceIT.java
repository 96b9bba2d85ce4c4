package org.medfed.embedded.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medfed.embedded.testcc.TestContract;

/** The conformance cases against a real test chaincode server per organisation (the ledger in this JVM). */
class LedgerConformanceIT extends LedgerConformanceCases {

    @BeforeAll
    static void up() throws Exception {
        use(TestNetwork.inProcess(dir, Map.of("Gamma", Map.of(TestContract.DIVERGE_ENV, "gamma"))));
    }

    @Test
    void everyOrganisationHasItsGatewayAndItsOwnChaincodeServerOnTheirPorts() {
        for (String org : TestNetwork.ORGS) {
            assertThat(TestNetwork.listening(net.layout.peerPort(org)))
                    .as(org + "'s peer port")
                    .isTrue();
            assertThat(TestNetwork.listening(net.layout.chaincodeServerPort(org)))
                    .as(org + "'s chaincode server port")
                    .isTrue();
        }
    }
}
