package org.medfed.client.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LiveEventsTest {

    private static String taskOf(String json) {
        return LiveEvents.taskOf(json.getBytes(UTF_8));
    }

    @Test
    void findsTheTaskInEveryShapeOfPayloadTheContractsEmit() {
        assertThat(taskOf("{\"taskId\":\"a\",\"round\":1}")).isEqualTo("a");
        assertThat(taskOf("{\"participantId\":\"p\",\"submission\":{\"round\":1,\"taskId\":\"b\"}}"))
                .isEqualTo("b");
        assertThat(taskOf("{\"round\":{\"round\":2,\"taskId\":\"c\"},\"task\":{\"id\":\"c\"}}"))
                .isEqualTo("c");
        assertThat(taskOf("{\"task\":{\"id\":\"d\",\"status\":\"active\"}}")).isEqualTo("d");
    }

    @Test
    void aPayloadNamingNoTaskOrNotJsonConcernsNone() {
        assertThat(taskOf("{\"participant\":{\"id\":\"p\"}}")).isEmpty();
        assertThat(taskOf("not json")).isEmpty();
    }
}
