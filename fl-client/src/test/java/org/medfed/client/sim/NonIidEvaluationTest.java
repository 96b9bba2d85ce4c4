package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.medfed.client.data.TabularDataset;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;

class NonIidEvaluationTest {

    @Test
    void theGoalIsMetWhenTheBestFederatedArmIsWithinOnePointOfPooled() {
        Map<String, SimSummary.Stat> arms = new LinkedHashMap<>();
        arms.put("FedAvg", new SimSummary.Stat(0.850, 0.02));
        arms.put("FedProx μ 0.1", new SimSummary.Stat(0.872, 0.01));

        // the best arm is FedProx: 0.880 − 0.872 = 0.8 points below pooled → met
        assertThat(NonIidEvaluation.goal(arms, new SimSummary.Stat(0.880, 0.01)))
                .startsWith("Goal (best federated arm within 1 point of pooled): **met**. Best arm FedProx μ 0.1:")
                .contains("gap (pooled − best) +0.8 points");
        // 0.885 − 0.872 = 1.3 points → not met
        assertThat(NonIidEvaluation.goal(arms, new SimSummary.Stat(0.885, 0.01)))
                .contains("**not met**", "gap (pooled − best) +1.3 points");
    }

    @Test
    void theFederatedArmsComeFirstAndTheBoundsLast() {
        List<String> arms = NonIidEvaluation.arms();

        assertThat(arms)
                .containsExactly(
                        "FedAvg",
                        "FedProx μ 0.1",
                        "SCAFFOLD",
                        NonIidEvaluation.twoStage(0.01),
                        NonIidEvaluation.twoStage(0.05),
                        NonIidEvaluation.IID,
                        NonIidEvaluation.POOLED);
        assertThat(NonIidEvaluation.twoStage(0.01)).isEqualTo("two-stage β 1 %");
    }

    @Test
    void theWorstSiteF1IsTheLowestMacroF1OverTheSitesOwnRows() {
        // logistic regression with all weights 0: equal probabilities, so every row is predicted class 0 (the
        // lowest on a tie). Site 1 (truth 0, 0): class 1 never occurs, F1 of class 0 = 1. Site 2 (truth 0, 1):
        // class 0 F1 = 2·1/(2 + 1) = 2/3, class 1 F1 = 0 → macro 1/3.
        ModelSpec shape = new ModelSpec(
                ModelSpec.MLP, 1, List.of(), "relu", 2, new ContentRef("bafkreiplaceholder0000", "0".repeat(64)));
        float[] zero = new float[2 * 1 + 2];

        double worst =
                NonIidEvaluation.worstSiteF1(shape, zero, List.of(site(new int[] {0, 0}), site(new int[] {0, 1})));

        assertThat(worst).isCloseTo(1.0 / 3, within(1e-12));
    }

    private static TabularDataset site(int[] labels) {
        float[][] x = new float[labels.length][];
        for (int i = 0; i < labels.length; i++) {
            x[i] = new float[] {i};
        }
        return new TabularDataset(x, labels, List.of("x"), List.of("no", "yes"));
    }
}
