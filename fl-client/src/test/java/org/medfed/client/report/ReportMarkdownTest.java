package org.medfed.client.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.report.ReportSamples.p;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReportMarkdownTest {

    private String markdown;

    @BeforeEach
    void setUp() throws Exception {
        markdown = ReportMarkdown.render(ReportSamples.data());
    }

    @Test
    void everyFigureNamesTheTransactionsBehindItsNumbers() {
        String metrics = section("### Validation scores per round");
        assertThat(metrics)
                .contains("`round:listUpdates`")
                .contains("`tx-update-1-" + p(1).substring(0, 4) + "`")
                .contains("`tx-update-2-" + p(1).substring(0, 4) + "`");
        assertThat(section("### Reputation per participant"))
                .contains("`reputation:getReputationHistory`")
                .contains("`tx-rep-1-" + p(3).substring(0, 4) + "`");
        assertThat(section("### Round timings")).contains("`round:getRound`").contains("round 1: `tx-aggregation-1`");
        assertThat(section("### Privacy spent (epsilon) per participant")).contains("field `epsilon`");
    }

    @Test
    void tablesTheWeightedMetricsPerRound() {
        assertThat(section("### Validation scores per round"))
                .contains("| round | accuracy |", "| 1 | 0.825 |", "| 2 | 0.95 |");
        assertThat(section("### Loss per round")).contains("| 1 | 0.3 |");
    }

    @Test
    void scoresTableLeavesEpsilonAndCountsToTheirOwnFigure() {
        assertThat(section("### Validation scores per round"))
                .doesNotContain("validationExamples")
                .doesNotContain("| epsilon");
        assertThat(section("### " + ReportFigure.REPORTED.title()))
                .contains("| round | participant | epsilon | validationExamples |")
                .contains("| 1 | " + p(2).substring(0, 12) + " | 2.5 | 25 |")
                .contains("| 2 | " + p(1).substring(0, 12) + " | 2.1 | 75 |");
    }

    @Test
    void listsRoundsAndExclusionsWithTheirReasons() {
        assertThat(markdown)
                .contains("| 1 | aggregated | 2026-03-01T09:00:00Z | 2026-03-01T09:10:00Z | "
                        + "2026-03-01T09:11:30Z | 2 | 2 | 1 | `"
                        + ReportSamples.ref("global 1").cid() + "` | "
                        + "`tx-aggregation-1` |");
        assertThat(markdown).contains("| 1 | `" + p(3) + "` | missed-deadline | no update \\| before the deadline |");
    }

    @Test
    void mapsChartLabelsToParticipantIds() {
        assertThat(markdown).contains("| " + p(1).substring(0, 12) + " | `" + p(1) + "` |");
    }

    private String section(String heading) {
        int start = markdown.indexOf(heading);
        assertThat(start).as(heading).isNotNegative();
        int end = markdown.indexOf("\n#", start + heading.length());
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }
}
