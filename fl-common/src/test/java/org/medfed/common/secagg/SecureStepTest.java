package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecureStepTest {
    // C = 1, b = 2 (γ = 1/4), η = 1/2, q = 1/2, N = 4: scale = (1/2 · 1/4) / (1/2 · 4) = 1/16.
    private static final SecureStep STEP = new SecureStep(1.0, 2, 0.5, 0.5, 4);

    @Test
    void scaleIsLearningRateTimesGridStepOverExpectedBatch() {
        assertThat(STEP.scale()).isEqualTo(1.0 / 16);
    }

    @Test
    void updateStepsAgainstTheGradientSum() {
        // −[8, −4, 0, 1] / 16 = [−0.5, 0.25, 0, −0.0625]
        assertThat(STEP.update(new int[] {8, -4, 0, 1})).containsExactly(-0.5f, 0.25f, 0f, -0.0625f);
        // a zero sum moves nothing, and gives +0 (not −0), so equal inputs give equal bytes
        assertThat(Float.floatToRawIntBits(STEP.update(new int[] {0})[0])).isZero();
    }

    @Test
    void fedAvgAddsTheUpdateToTheGlobalModel() {
        // [1, 1, 1] + [−0.5, 0.25, 0] = [0.5, 1.25, 1]
        assertThat(STEP.model(new float[] {1, 1, 1}, new int[] {8, -4, 0})).containsExactly(0.5f, 1.25f, 1f);
    }

    @Test
    void theMostNegativeSumIsNegatedWithoutOverflow() {
        // −(−2^31)/16 = 2^27
        assertThat(STEP.update(new int[] {Integer.MIN_VALUE})).containsExactly(134_217_728f);
    }

    @Test
    void rowsAndSamplingRateDivideLikeTheExpectedBatch() {
        // C = 3, b = 3 (γ = 3/8), η = 2, q = 1/4, N = 6: scale = (2·3/8) / (6/4) = 1/2; S = 5 → −2.5
        SecureStep step = new SecureStep(3.0, 3, 2.0, 0.25, 6);
        assertThat(step.update(new int[] {5})).containsExactly(-2.5f);
    }

    @Test
    void rejectsBadParametersAndShapes() {
        assertThatThrownBy(() -> new SecureStep(0, 2, 0.5, 0.5, 4)).hasMessageContaining("clipNorm");
        assertThatThrownBy(() -> new SecureStep(1, 31, 0.5, 0.5, 4)).hasMessageContaining("gridBits");
        assertThatThrownBy(() -> new SecureStep(1, 2, Double.NaN, 0.5, 4)).hasMessageContaining("learningRate");
        assertThatThrownBy(() -> new SecureStep(1, 2, 0.5, 1.5, 4)).hasMessageContaining("samplingRate");
        assertThatThrownBy(() -> new SecureStep(1, 2, 0.5, 0.5, 0)).hasMessageContaining("rows");
        assertThatThrownBy(() -> new SecureStep(Double.MIN_VALUE, 2, 0.5, 0.5, 4))
                .hasMessageContaining("too small");
        assertThatThrownBy(() -> STEP.model(new float[2], new int[3])).hasMessageContaining("the sum has 3");
    }
}
