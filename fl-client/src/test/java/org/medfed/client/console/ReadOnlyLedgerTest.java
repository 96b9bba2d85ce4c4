package org.medfed.client.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;

class ReadOnlyLedgerTest {

    /** Records what reaches the real connection. */
    private static final class Recording implements LedgerClient {
        final List<String> calls = new ArrayList<>();

        @Override
        public byte[] evaluate(String transaction, String... args) {
            calls.add("evaluate " + transaction);
            return "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        @Override
        public byte[] submit(String transaction, String... args) {
            calls.add("submit " + transaction);
            return new byte[0];
        }

        @Override
        public void close() {}
    }

    @Test
    void passesReadsThroughAndStopsEverySubmitBeforeItLeavesTheProcess() throws Exception {
        Recording connection = new Recording();
        ReadOnlyLedger ledger = new ReadOnlyLedger(connection);
        ledger.evaluate("task:getTask", "t");
        assertThatThrownBy(() -> ledger.submit("round:closeRound", "t", "1"))
                .isInstanceOfSatisfying(
                        MedfedException.class, e -> assertThat(e.code()).isEqualTo(ReadOnlyLedger.READ_ONLY))
                .hasMessageContaining("round:closeRound");
        assertThat(connection.calls).containsExactly("evaluate task:getTask");
        assertThat(ledger.hasEvents()).isFalse();
    }
}
