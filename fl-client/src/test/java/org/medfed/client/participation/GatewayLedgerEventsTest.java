package org.medfed.client.participation;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayLedgerEventsTest {

    @Test
    void findsTheTaskOfARoundEvent() {
        byte[] payload = "{\"round\":{\"round\":2,\"taskId\":\"wdbc-mlp\"},\"task\":{\"id\":\"x\"}}".getBytes(UTF_8);

        assertThat(GatewayLedgerEvents.taskOf(payload)).contains("wdbc-mlp");
    }

    @Test
    void findsTheTaskOfATaskEventWithoutRound() {
        byte[] payload = "{\"task\":{\"spec\":{\"id\":\"heart\"},\"status\":\"paused\"}}".getBytes(UTF_8);

        assertThat(GatewayLedgerEvents.taskOf(payload)).contains("heart");
    }

    @Test
    void anEventWithoutATaskOrWithABrokenPayloadConcernsNoTask() {
        assertThat(GatewayLedgerEvents.taskOf("{\"participant\":{}}".getBytes(UTF_8)))
                .isEmpty();
        assertThat(GatewayLedgerEvents.taskOf("not json".getBytes(UTF_8))).isEmpty();
    }
}
