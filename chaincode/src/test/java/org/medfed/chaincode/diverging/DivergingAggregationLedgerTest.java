package org.medfed.chaincode.diverging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.medfed.aggregator.AggregationLedger;

class DivergingAggregationLedgerTest {

    /** The diverging jar's service entry is plain text the compiler never sees: a rename must not break the IT. */
    @Test
    void theDivergingJarRegistersThisProvider() throws IOException {
        Path entry = Path.of("src/test/diverging/META-INF/services", AggregationLedger.class.getName());

        assertThat(Files.readString(entry).strip()).isEqualTo(DivergingAggregationLedger.class.getName());
    }

    /** Not on the unit tests' class path: the routed aggregator there keeps the real ledger side. */
    @Test
    void theUnitTestsServiceEntryIsTheRealLedgerSide() {
        assertThat(ServiceLoader.load(AggregationLedger.class).findFirst())
                .get()
                .isNotInstanceOf(DivergingAggregationLedger.class);
    }
}
