package org.medfed.common.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiskModelSpecTest {

    @Test
    void acceptsAnImmutableListOfClasses() {
        // List.of rejects contains(null) with a NullPointerException: the check must not ask it
        RiskModelSpec spec = new RiskModelSpec(List.of(RiskClass.STABLE, RiskClass.SERIOUS, RiskClass.CRITICAL));

        assertThat(spec.classOf(2)).isEqualTo(RiskClass.CRITICAL);
    }

    @Test
    void refusesAMissingOrUnknownClass() {
        assertThatThrownBy(() -> new RiskModelSpec(Arrays.asList(RiskClass.STABLE, null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RiskModelSpec(List.of(RiskClass.STABLE, RiskClass.UNKNOWN)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
