package org.medfed.contract.support;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

class RulesTest {

    @Test
    void passesResultsThrough() {
        assertThat(Rules.enforce(() -> 42)).isEqualTo(42);
    }

    @Test
    void turnsARuleViolationIntoAFailureWithItsCode() {
        assertThatThrownBy(() -> Rules.enforce(() -> {
                    throw new RuleViolation(ErrorCode.STALE_ROUND, "round 1 is over");
                }))
                .isInstanceOfSatisfying(FlChaincodeException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("STALE_ROUND: round 1 is over");
                    assertThat(new String(e.getPayload(), UTF_8)).isEqualTo("STALE_ROUND");
                });
    }

    @Test
    void reportsAValueTheRulesRefuseAsAnInvalidArgument() {
        assertThatThrownBy(() -> Rules.enforce(() -> {
                    throw new IllegalArgumentException("reason must be 1 to 512 characters");
                }))
                .isInstanceOfSatisfying(
                        FlChaincodeException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
}
