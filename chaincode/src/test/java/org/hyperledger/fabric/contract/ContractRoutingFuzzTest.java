package org.hyperledger.fabric.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.medfed.common.protocol.ErrorCode;

/**
 * Fuzzes every transaction's arguments through Fabric's own ContractRouter, as a chaincode server runs them
 * ({@link BusyRouter}: the input format and the ledger; docs/testing.md, "Fuzzing"). Every call must succeed, or
 * fail with a stable {@link ErrorCode} other than INTERNAL as its payload and {@code CODE: text} as its message,
 * having written nothing and set no event: the rules of every refusal. Each call is rolled back afterwards, so
 * every input starts from the same ledger. The one exception is a function name the shim itself cannot parse
 * ({@link BusyRouter#unparsableByTheShim}).
 */
class ContractRoutingFuzzTest {

    @FuzzTest
    void everyTransactionSucceedsOrRefusesWithACodeAndWritesNothing(byte[] input) {
        BusyRouter.Outcome outcome = BusyRouter.get().run(input);
        if (outcome.succeeded()) {
            return;
        }
        String payload = outcome.payload();
        assertThat(outcome.wrote())
                .as("%s refused after writing", outcome.args())
                .isFalse();
        assertThat(outcome.setEvents())
                .as("%s refused after setting an event", outcome.args())
                .isFalse();
        if (BusyRouter.unparsableByTheShim(outcome.args().get(0))) {
            assertThat(outcome.response().getMessage()).isEqualTo(BusyRouter.SHIM_UNEXPECTED_ERROR);
            return;
        }

        assertThat(ErrorCode.fromName(payload))
                .as(
                        "the payload of %s failing with \"%s\"",
                        outcome.args(), outcome.response().getMessage())
                .isPresent()
                .isNotEqualTo(Optional.of(ErrorCode.INTERNAL));
        assertThat(outcome.response().getMessage()).startsWith(payload + ": ");
        assertThat(outcome.wrote())
                .as("%s refused after writing", outcome.args())
                .isFalse();
        assertThat(outcome.setEvents())
                .as("%s refused after setting an event", outcome.args())
                .isFalse();
    }
}
