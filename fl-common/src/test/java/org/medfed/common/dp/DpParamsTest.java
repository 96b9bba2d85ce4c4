package org.medfed.common.dp;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DpParamsTest {

    @Test
    void acceptsTheBoundaries() {
        assertThatCode(() -> new DpParams(1, 1e-3, 0)).doesNotThrowAnyException();
        assertThatCode(() -> new DpParams(Double.MIN_VALUE, Double.MAX_VALUE, Long.MAX_VALUE))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.1, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsASamplingRateOutsideZeroToOne(double samplingRate) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DpParams(samplingRate, 1, 10))
                .withMessageContaining("samplingRate");
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
    void rejectsANoiseMultiplierThatIsNotPositiveAndFinite(double noiseMultiplier) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DpParams(0.01, noiseMultiplier, 10))
                .withMessageContaining("noiseMultiplier");
    }

    @Test
    void rejectsNegativeSteps() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DpParams(0.01, 1, -1))
                .withMessageContaining("steps");
    }
}
