package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ByzantineEvaluationTest {
    private static final ByzantineEvaluation.Setting ONE_OF_FOUR = ByzantineEvaluation.SETTINGS.get(0);
    private static final ByzantineEvaluation.Setting THREE_OF_TEN = ByzantineEvaluation.SETTINGS.get(1);

    @Test
    void eachSettingConfiguresItsDefencesForItsAttackers() {
        List<Long> seeds = List.of(1L);
        SimConfig krum = ByzantineEvaluation.config(
                THREE_OF_TEN, "alie", new ByzantineEvaluation.Defence("krum", true), seeds, 10);
        SimConfig trimmed = ByzantineEvaluation.config(
                ONE_OF_FOUR, "backdoor", new ByzantineEvaluation.Defence("trimmed-mean", false), seeds, 10);
        SimConfig clean = ByzantineEvaluation.config(
                ONE_OF_FOUR, "none", new ByzantineEvaluation.Defence("krum", false), seeds, 10);

        assertThat(krum.malicious()).isEqualTo(3);
        assertThat(krum.attack()).isEqualTo("alie");
        assertThat(ByzantineEvaluation.describe(krum)).isEqualTo("Multi-Krum (f 3, m 7) + reputation weighting");
        assertThat(ByzantineEvaluation.describe(trimmed)).isEqualTo("trimmed mean (β 0.25)");
        // 4 participants cannot give K ≥ 2f + 3 for f 1, so f is 0
        assertThat(ByzantineEvaluation.describe(clean)).isEqualTo("Multi-Krum (f 0, m 3)");
        assertThat(clean.malicious()).isZero();
    }

    @Test
    void theSectionsShortfallLinesReplaceTheirPreviousOnesAtTheEndOfTheDerivedList() {
        String results = "# Results\n\n## A\n\na\n\n" + ResultsMarkdown.SHORTFALLS
                + "\n\nDerived from the figures above:\n\n- WDBC: x.\n- Byzantine (old): y.\n- Heart: z.\n\n"
                + "And what these figures do not show:\n\n- simulations.\n";

        String spliced = ResultsMarkdown.spliceShortfalls(results, "- Byzantine (", List.of("- Byzantine (new): w."));

        assertThat(spliced)
                .isEqualTo("# Results\n\n## A\n\na\n\n" + ResultsMarkdown.SHORTFALLS
                        + "\n\nDerived from the figures above:\n\n- WDBC: x.\n- Heart: z.\n- Byzantine (new): w.\n\n"
                        + "And what these figures do not show:\n\n- simulations.\n");
        assertThat(ResultsMarkdown.spliceShortfalls("# Results\n", "- Byzantine (", List.of("- b")))
                .isEqualTo("# Results\n");
    }
}
