package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoiseCalibrationTest {
    private static final BigDecimal DELTA = new BigDecimal("1e-5");
    private static final List<NoiseCalibration.Run> RUNS = List.of(
            new NoiseCalibration.Run(new BigDecimal("0.2"), 5), new NoiseCalibration.Run(new BigDecimal("0.05"), 20));

    @Test
    void theNoiseMultiplierFoundIsTheSmallestOfThreeDigitsWithinTheTarget() {
        BigDecimal sigma = NoiseCalibration.sigma(2.0, DELTA, RUNS, 10);

        assertThat(sigma.precision()).isLessThanOrEqualTo(3);
        assertThat(NoiseCalibration.epsilon(sigma, DELTA, RUNS, 10)).isLessThanOrEqualTo(2.0);
        assertThat(NoiseCalibration.epsilon(sigma.subtract(sigma.ulp()), DELTA, RUNS, 10))
                .isGreaterThan(2.0);
    }

    @Test
    void theWorstParticipantDecides() {
        BigDecimal both = NoiseCalibration.sigma(2.0, DELTA, RUNS, 10);
        BigDecimal small = NoiseCalibration.sigma(2.0, DELTA, RUNS.subList(1, 2), 10);

        assertThat(both).isGreaterThan(small);
    }

    @Test
    void anUnreachableTargetIsRefused() {
        assertThatThrownBy(() -> NoiseCalibration.sigma(1e-6, DELTA, RUNS, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keeps ε within");
    }
}
