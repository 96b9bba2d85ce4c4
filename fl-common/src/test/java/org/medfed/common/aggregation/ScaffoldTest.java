package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaffoldTest {

    @Test
    void aLocalStepCorrectsTheGradientByTheDriftBetweenTheControls() {
        // g − c_i + c = (1, −2) − (0.5, 0.5) + (0.25, 1) = (0.75, −1.5)
        double[] corrected =
                Scaffold.correctedGradient(new double[] {1, -2}, new float[] {0.5f, 0.5f}, new float[] {0.25f, 1f});

        assertThat(corrected).containsExactly(0.75, -1.5);
    }

    @Test
    void theSiteControlIsEstimatedFromHowFarItsModelMoved() {
        // x = (1, 1), y_i = (0.5, 1.5) after K = 2 steps at η = 0.25: (x − y)/(Kη) = (0.5, −0.5)/0.5 = (1, −1);
        // c_i⁺ = c_i − c + (1, −1) = (0.5, 0) − (0.25, 0.25) + (1, −1) = (1.25, −1.25)
        float[] next = Scaffold.nextSiteControl(
                new float[] {0.5f, 0f},
                new float[] {0.25f, 0.25f},
                new float[] {1f, 1f},
                new float[] {0.5f, 1.5f},
                2,
                0.25);

        assertThat(next).containsExactly(1.25f, -1.25f);
    }

    @Test
    void theGlobalControlMovesByTheSitesChangesOverEveryEligibleSite() {
        // c = (1, 0); two of four sites changed their controls by (2, 4) and (2, −8): c + (2/4)·mean = c + Σ/4
        // = (1, 0) + (4, −4)/4 = (2, −1)
        float[] next = Scaffold.nextGlobalControl(
                new float[] {1f, 0f}, List.of(new float[] {2f, 4f}, new float[] {2f, -8f}), 4);

        assertThat(next).containsExactly(2f, -1f);
    }

    @Test
    void whenEverySiteTakesPartTheGlobalControlIsTheMeanOfTheSitesControls() {
        // Starting from c = mean(c_i), c + Σ(c_i⁺ − c_i)/N = mean(c_i⁺): the invariant SCAFFOLD keeps.
        float[][] before = {{1f, 3f}, {3f, -1f}};
        float[][] after = {{2f, 5f}, {0f, 1f}};
        float[] c = {2f, 1f};

        float[] next = Scaffold.nextGlobalControl(
                c,
                List.of(
                        new float[] {after[0][0] - before[0][0], after[0][1] - before[0][1]},
                        new float[] {after[1][0] - before[1][0], after[1][1] - before[1][1]}),
                2);

        assertThat(next).containsExactly(1f, 3f);
    }

    @Test
    void theRunningSumGivesTheSameGlobalControlAsTheListOfChanges() {
        float[] c = {0.1f, -2f, 3e-4f};
        List<float[]> deltas = List.of(new float[] {1e-3f, 7f, -0.3f}, new float[] {5f, 1e7f, 1e-7f});
        Scaffold.ControlSum sum = new Scaffold.ControlSum(3);
        deltas.forEach(sum::add);

        assertThat(sum.nextGlobalControl(c, 5)).isEqualTo(Scaffold.nextGlobalControl(c, deltas, 5));
        // (0.1 + (1e-3 + 5) / 5) in double, then float
        assertThat(sum.nextGlobalControl(c, 5)[0]).isEqualTo((float) (0.1f + (1e-3f + 5.0) / 5));
    }

    @Test
    void refusesWhatCannotBeAScaffoldRound() {
        assertThatThrownBy(() -> Scaffold.nextGlobalControl(new float[] {0f}, List.of(), 3))
                .hasMessageContaining("at least one site");
        assertThatThrownBy(() -> Scaffold.nextGlobalControl(new float[] {0f}, List.of(new float[] {1f}), 0))
                .hasMessageContaining("has only 0");
        assertThatThrownBy(() -> Scaffold.nextSiteControl(
                        new float[] {0f}, new float[] {0f}, new float[] {0f}, new float[] {0f}, 0, 0.1))
                .hasMessageContaining("at least one local step");
        assertThatThrownBy(() -> Scaffold.correctedGradient(new double[] {0, 0}, new float[] {0f}, new float[] {0f}))
                .hasMessageContaining("site control has 1 values, the model has 2");
    }
}
