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
 * every input starts from the same ledger. The one exception is a function name for which the shim finds no
 * contract ({@link BusyRouter#routesToAContract}): it answers that itself, before any of ours runs.
 */
class ContractRoutingFuzzTest {

    @FuzzTest
    void everyTransactionSucceedsOrRefusesWithACodeAndWritesNothing(byte[] input) {
        BusyRouter router = BusyRouter.get();
        BusyRouter.Outcome outcome = router.run(input);
        if (outcome.succeeded()) {
            return;
        }
        assertThat(outcome.wrote())
                .as("%s refused after writing", outcome.args())
                .isFalse();
        assertThat(outcome.setEvents())
                .as("%s refused after setting an event", outcome.args())
                .isFalse();
        if (!router.routesToAContract(outcome.args().get(0))) {
            return; // the shim's own answer, before any contract code (see routesToAContract)
        }
        String payload = outcome.payload();

        assertThat(ErrorCode.fromName(payload))
                .as(
                        "the payload of %s failing with \"%s\"",
                        outcome.args(), outcome.response().getMessage())
                .isPresent()
                .isNotEqualTo(Optional.of(ErrorCode.INTERNAL));
        assertThat(outcome.response().getMessage()).startsWith(payload + ": ");
    }
}
