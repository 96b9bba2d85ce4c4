package org.medfed.client.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.medfed.common.nn.ParameterLayout;

class InitialModelTest {

    @Test
    void sameSpecAndSeedGiveTheSameBlob() {
        assertThat(InitialModel.blob(Specs.wdbc(), 42)).isEqualTo(InitialModel.blob(Specs.wdbc(), 42));
        assertThat(InitialModel.blob(Specs.wdbc(), 42)).isNotEqualTo(InitialModel.blob(Specs.wdbc(), 43));
    }

    @Test
    void weightsAreGlorotUniformAndBiasesZero() {
        ParameterLayout layout = ParameterLayout.of(Specs.wdbc());
        float[] params = InitialModel.generate(Specs.wdbc(), 42);
        ParameterLayout.Layer first = layout.layers().get(0);
        double limit = Math.sqrt(6.0 / (30 + 16));
        double sumSquares = 0;
        for (int k = 0; k < first.weightCount(); k++) {
            assertThat(Math.abs(params[k])).isLessThanOrEqualTo((float) limit);
            sumSquares += params[k] * params[k];
        }
        // U(−a, a) has variance a²/3; the sample of 480 has a relative standard error √(0.8/480) ≈ 4%.
        double variance = sumSquares / first.weightCount();
        assertThat(Math.abs(variance / (limit * limit / 3) - 1)).isLessThan(5 * Math.sqrt(0.8 / 480));
        for (ParameterLayout.Layer layer : layout.layers()) {
            for (int j = 0; j < layer.cols(); j++) {
                assertThat(params[layer.biasOffset() + j]).isZero();
            }
        }
    }
}
