package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SecureEvaluationTest {

    @Test
    void goalIsMetOnlyWhenBothGapsAreAtMostOnePoint() {
        // gaps are centralized minus secure, in points: 0.4 and 1.0 → met; 1.2 at ε 3 → not met
        assertThat(SecureEvaluation.goal("WDBC", Map.of(1.0, 0.4, 3.0, 1.0, 8.0, 5.0)))
                .contains("**met**")
                .contains("-0.4, -1.0");
        assertThat(SecureEvaluation.goal("WDBC", Map.of(1.0, -2.0, 3.0, 1.2))).contains("**not met**");
    }

    @Test
    void goalIsNotClaimedWithoutBothEpsilons() {
        assertThat(SecureEvaluation.goal("WDBC", Map.of(3.0, 0.0))).contains("not measured");
    }
}
