package org.medfed.contract.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medfed.common.protocol.ErrorCode;

class FlChaincodeExceptionTest {

    @Test
    void carriesTheCodeInMessageAndPayload() {
        FlChaincodeException e = new FlChaincodeException(ErrorCode.NOT_FOUND, "no ping from Org3MSP");

        assertThat(e.getMessage()).isEqualTo("NOT_FOUND: no ping from Org3MSP");
        assertThat(new String(e.getPayload(), UTF_8)).isEqualTo("NOT_FOUND");
        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void keepsTheCause() {
        IllegalStateException cause = new IllegalStateException("boom");

        assertThat(new FlChaincodeException(ErrorCode.INTERNAL, "failed", cause))
                .hasCause(cause);
    }
}
