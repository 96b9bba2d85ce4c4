package org.medfed.embedded.conformance;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.medfed.embedded.testcc.TestContract;

/** The conformance cases against a real test chaincode server per organisation (the ledger in this JVM). */
class LedgerConformanceIT extends LedgerConformanceCases {

    @BeforeAll
    static void up() throws Exception {
        use(TestNetwork.inProcess(dir, Map.of("Gamma", Map.of(TestContract.DIVERGE_ENV, "gamma"))));
    }
}
