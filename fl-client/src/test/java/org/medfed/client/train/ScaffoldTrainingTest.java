package org.medfed.client.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.common.model.ModelSpec;

/** {@link LocalTrainer} with SCAFFOLD's controls: the correction c − c_i on each step and the site's next control. */
class ScaffoldTrainingTest {
    private final ModelSpec spec = Specs.mlp(3, List.of(4L), "tanh", 2);
    private final float[] global = InitialModel.generate(spec, 5);
    private final float[][] x = LocalTrainerTest.randomRows(40, 3, 1);
    private final int[] y = LocalTrainerTest.labels(x);

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void withZeroControlsTrainsBitForBitAsWithout(boolean dp) {
        TrainingSettings plain = new TrainingSettings(
                new BigDecimal("0.25"),
                2,
                4,
                0.1,
                0.01,
                dp ? new TrainingSettings.Privacy(new BigDecimal("1.1"), BigDecimal.ONE) : null);
        float[] zero = new float[global.length];

        TrainingResult fedAvg = train(plain);
        TrainingResult scaffold = train(plain.withControls(new TrainingSettings.Controls(zero, zero)));

        assertThat(scaffold.params()).containsExactly(fedAvg.params());
        assertThat(fedAvg.siteControl()).isNull();
        assertThat(fedAvg.controlDelta()).isNull();
        assertThat(scaffold.controlDelta()).containsExactly(scaffold.siteControl());
    }

    @Test
    void oneStepMovesTheModelByTheCorrectionAndTheSiteControlFollowsOptionTwo() {
        // q so small that no example is sampled: the averaged gradient is 0, so one step at η 0.1 with c_i = 1 and
        // c = 3 moves every weight by −0.1·(0 − 1 + 3) = −0.2. Option II: c_i⁺ = c_i − c + (x − y)/(K·η)
        // = 1 − 3 + 0.2/0.1 = 0 (up to float32 rounding of the model), so the control delta is −1.
        TrainingSettings settings = new TrainingSettings(new BigDecimal("1e-12"), 1, 1, 0.1, 0, null)
                .withControls(new TrainingSettings.Controls(filled(1f), filled(3f)));

        TrainingResult result = train(settings);

        for (int k = 0; k < global.length; k++) {
            assertThat(result.params()[k]).isEqualTo((float) (global[k] - 0.1 * 2));
            assertThat(result.siteControl()[k]).isCloseTo(0f, within(1e-5f));
            assertThat(result.controlDelta()[k]).isCloseTo(-1f, within(1e-5f));
        }
    }

    @Test
    void refusesControlsThatDoNotFitTheModel() {
        TrainingSettings settings = new TrainingSettings(new BigDecimal("0.5"), 1, 1, 0.1, 0, null)
                .withControls(new TrainingSettings.Controls(new float[2], new float[2]));

        assertThatThrownBy(() -> train(settings)).hasMessageContaining("the SCAFFOLD controls have 2 values");
        assertThatThrownBy(() -> new TrainingSettings.Controls(new float[2], new float[3]))
                .hasMessageContaining("the global control 3");
    }

    private TrainingResult train(TrainingSettings settings) {
        return new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2))
                .train(spec, global, x, y, settings, x, y);
    }

    private float[] filled(float value) {
        float[] values = new float[global.length];
        Arrays.fill(values, value);
        return values;
    }
}
