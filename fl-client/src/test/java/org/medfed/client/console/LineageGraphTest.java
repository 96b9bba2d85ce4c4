package org.medfed.client.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.client.console.LineageFixtures.CLINIC;
import static org.medfed.client.console.LineageFixtures.HOSPITAL;
import static org.medfed.client.console.SvgLineChartTest.all;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.medfed.client.provenance.TaskLineage;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;

class LineageGraphTest {

    private static final String SVG_NODE = "<g class=\"node\" data-node-id=\"([^\"]*)\" data-kind=\"([^\"]*)\">";
    private static final String SVG_EDGE =
            "<path class=\"edge\" data-from=\"([^\"]*)\" data-to=\"([^\"]*)\" data-kind=\"([^\"]*)\"";

    private final String twoRounds = LineageGraph.render("lin", LineageFixtures.twoRounds());

    /** "id kind" per node, or "from -kind-> to" per edge, in document order. */
    private static List<String> nodes(String html) {
        return matches(SVG_NODE, html, m -> m.group(1) + " " + m.group(2));
    }

    private static List<String> edges(String html) {
        return matches(SVG_EDGE, html, m -> m.group(1) + " -" + m.group(3) + "-> " + m.group(2));
    }

    private static List<String> matches(String regex, String text, java.util.function.Function<Matcher, String> f) {
        Matcher m = Pattern.compile(regex).matcher(text);
        List<String> found = new java.util.ArrayList<>();
        while (m.find()) {
            found.add(f.apply(m));
        }
        return found;
    }

    @Test
    void aTwoRoundLineageWithOneExclusionHasANodePerDatasetModelAndUpdate() {
        String h = HOSPITAL;
        String c = CLINIC;

        assertThat(nodes(twoRounds))
                .containsExactly(
                        "dataset:wdbc-clinic dataset",
                        "dataset:wdbc-hospital dataset",
                        "model:0 initial",
                        "model:1 model",
                        "update:1:" + c + " update",
                        "update:1:" + h + " update",
                        "model:2 model",
                        "update:2:" + h + " update",
                        "excluded:2:" + c + " excluded");
    }

    @Test
    void itsEdgesAreTrainingContributionExclusionAndBase() {
        String h = HOSPITAL;
        String c = CLINIC;

        assertThat(edges(twoRounds))
                .containsExactly(
                        "model:0 -base-> model:1",
                        "dataset:wdbc-clinic -trained-on-> update:1:" + c,
                        "update:1:" + c + " -contributed-> model:1",
                        "dataset:wdbc-hospital -trained-on-> update:1:" + h,
                        "update:1:" + h + " -contributed-> model:1",
                        "model:1 -base-> model:2",
                        "dataset:wdbc-hospital -trained-on-> update:2:" + h,
                        "update:2:" + h + " -contributed-> model:2",
                        "excluded:2:" + c + " -excluded-> model:2");
    }

    @Test
    void theExcludedEdgeIsDashedAndSaysWhy() {
        // under its bus: row 2 starts at 20 + 2·112 = 244, its bus at 244 + 56 + 26, the label 13 lower
        assertThat(twoRounds)
                .contains("<text x=\"290\" y=\"339\" class=\"edge-label\" font-size=\"10.5\" fill=\"#B35000\" "
                        + "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">excluded: quality-rejected"
                        + "</text>");
        assertThat(twoRounds)
                .containsPattern("data-kind=\"excluded\" d=\"[^\"]*\" stroke=\"#D55E00\" stroke-width=\"1.5\" "
                        + "stroke-dasharray=\"5 4\" marker-end=\"url\\(#lin-arrow-excluded\\)\">"
                        + "<title>excluded: quality-rejected \\(outlier by norm\\)</title>");
    }

    @Test
    void everyNodeLinksToWhereItCameFrom() {
        List<String> links = matches(
                SVG_NODE + "<a href=\"([^\"]*)\">",
                twoRounds,
                m -> m.group(1).replaceAll(":[0-9a-f]{64}", ":P") + " " + m.group(3));

        assertThat(links)
                .containsExactly(
                        "dataset:wdbc-clinic /record?key=dataset%7Ewdbc-clinic",
                        "dataset:wdbc-hospital /record?key=dataset%7Ewdbc-hospital",
                        "model:0 /record?key=task%7Ewdbc-mlp",
                        "model:1 /round?task=wdbc-mlp&amp;n=1",
                        "update:1:P /search?q=tx-wdbc-clinic-1",
                        "update:1:P /search?q=tx-wdbc-hospital-1",
                        "model:2 /round?task=wdbc-mlp&amp;n=2",
                        "update:2:P /search?q=tx-wdbc-hospital-2",
                        "excluded:2:P /search?q=" + CLINIC);
    }

    @Test
    void anUpdateShowsItsShortCidAndHasTheWholeInItsTooltip() {
        String cid = LineageFixtures.ref("Hospital ward update 2").cid();

        assertThat(twoRounds)
                .contains(">" + cid.substring(0, 6) + "…" + cid.substring(cid.length() - 6) + "</text>")
                .contains("\nCID " + cid + "\n");
    }

    @Test
    void everyHrefStaysOnTheConsoleAndNoStyleAttributeOrScriptAppears() {
        assertThat(all("href=\"([^\"]*)\"", twoRounds)).hasSize(9 + 2 * 9).allMatch(href -> href.startsWith("/"));
        assertThat(twoRounds)
                .doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContainPattern("(?i)<script|\\son\\w+=");
    }

    @Test
    void escapesAHostileDisplayNameAndDatasetId() {
        LineageFixtures.Site evil =
                new LineageFixtures.Site(HOSPITAL, "<script>alert(\"x\")</script>", "<img src=x onerror=alert(1)>");
        TaskLineage task = LineageFixtures.task(List.of(
                LineageFixtures.initial(),
                LineageFixtures.round(1, List.of(LineageFixtures.contributor(evil, 1, "full")), List.of())));

        String html = LineageGraph.render("evil", task);

        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<img")
                .contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;")
                .contains("data-node-id=\"dataset:&lt;img src=x onerror=alert(1)&gt;\"")
                .doesNotContainPattern("(?i)\\sstyle\\s*=");
    }

    @Test
    void aTableListsEveryEdgeForScreenReaders() {
        List<String> rows = all("<tr data-kind=\"[^\"]*\">(.*?)</tr>", twoRounds);

        assertThat(rows).hasSize(9);
        assertThat(rows.get(0))
                .isEqualTo(
                        "<th scope=\"row\"><a href=\"/record?key=task%7Ewdbc-mlp\">Initial model</a></th>"
                                + "<td>base of</td><td><a href=\"/round?task=wdbc-mlp&amp;n=1\">Global model, round 1</a></td>");
        assertThat(rows.get(1))
                .isEqualTo("<th scope=\"row\"><a href=\"/record?key=dataset%7Ewdbc-clinic\">Dataset wdbc-clinic</a>"
                        + "</th><td>training data for</td><td><a href=\"/search?q=tx-wdbc-clinic-1\">Update of Clinic,"
                        + " round 1</a></td>");
        assertThat(rows.get(8)).contains("<td>excluded: quality-rejected</td>");
        assertThat(twoRounds)
                .contains("<caption>Every edge of the lineage of task WDBC MLP</caption>")
                .contains("<th scope=\"col\">From</th><th scope=\"col\">Relation</th><th scope=\"col\">To</th>");
    }

    @Test
    void isAFigureWithALabelledImage() {
        assertThat(twoRounds)
                .startsWith("<figure class=\"lineage\" id=\"lin\">\n<figcaption>Lineage of task WDBC MLP (wdbc-mlp)"
                        + "</figcaption>")
                .contains("role=\"img\" aria-labelledby=\"lin-title lin-desc\"")
                .contains("<title id=\"lin-title\">Lineage of task WDBC MLP (wdbc-mlp)</title>")
                .contains("<desc id=\"lin-desc\">Lineage of the global model of round 2: 2 datasets, 3 updates in 2"
                        + " rounds, 1 excluded. Top to bottom:");
    }

    @Test
    void theViewBoxFitsTheGrid() {
        // 2 dataset columns: models at 84 + 2·212 + 32 = 540, width 540 + 184 + 20 = 744;
        // 3 rows of 56 + 56 from 20: legend at 20 + 3·112 + 4 = 360, height 380
        assertThat(twoRounds).contains("viewBox=\"0 0 744 380\" width=\"744\" height=\"380\"");
    }

    @Test
    void aLargeTaskHasEveryNodeAndEdgeInsideItsViewBox() {
        String html = LineageGraph.render("big", LineageFixtures.large(16, 10, false));

        // 10 datasets + initial + 16 models + 16·10 updates; 16 base + 160 trained-on + 160 contributed
        assertThat(nodes(html)).hasSize(187).doesNotHaveDuplicates();
        assertThat(edges(html)).hasSize(336);
        // 84 + 10·212 + 32 + 184 + 20 = 2440 wide; 17 rows of 112 from 20, + 4 + 20 = 1948 high
        assertThat(html).contains("viewBox=\"0 0 2440 1948\"");
        Matcher rect = Pattern.compile(SVG_NODE
                        + "<a href=\"[^\"]*\"><title>[^<]*</title><rect x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\" "
                        + "height=\"(\\d+)\"")
                .matcher(html);
        int count = 0;
        while (rect.find()) {
            count++;
            assertThat(Integer.parseInt(rect.group(3)) + Integer.parseInt(rect.group(5)))
                    .isLessThanOrEqualTo(2440);
            assertThat(Integer.parseInt(rect.group(4)) + Integer.parseInt(rect.group(6)))
                    .isLessThanOrEqualTo(1948);
        }
        assertThat(count).isEqualTo(187);
    }

    @Test
    void securelyAggregatedRoundsShowTheirUpdatesAsMaskedInputs() {
        String html = LineageGraph.render("sec", LineageFixtures.large(2, 3, true));

        // round 2 is secure: its 3 updates are masked inputs and its model says so
        assertThat(all(">(masked input)</text>", html)).hasSize(3);
        assertThat(html)
                .contains(">secure aggregation</text>")
                .contains("a masked input: only the sum of the round&#39;s 3 masked inputs was unmasked")
                .contains("secure aggregation (masked inputs) in rounds 2.");
    }

    @Test
    void anExcludedParticipantWithoutAKnownDatasetGetsItsOwnColumn() {
        String stranger = LineageFixtures.sha("stranger");
        TaskLineage task = LineageFixtures.task(List.of(
                LineageFixtures.initial(),
                LineageFixtures.round(
                        1,
                        List.of(LineageFixtures.contributor(LineageFixtures.HOSPITAL_SITE, 1, "full")),
                        List.of(new Exclusion(stranger, ExclusionReason.MISSED_DEADLINE, null)))));

        String html = LineageGraph.render("s", task);

        assertThat(nodes(html)).contains("excluded:1:" + stranger + " excluded");
        assertThat(edges(html)).containsOnlyOnce("excluded:1:" + stranger + " -excluded-> model:1");
        // column 1 (the stranger's): 84 + 212 + 30
        assertThat(html)
                .contains("data-node-id=\"excluded:1:" + stranger + "\" data-kind=\"excluded\">")
                .containsPattern("<title>Update of " + stranger.substring(0, 12) + "… excluded from round 1\n"
                        + "[^<]*</title><rect x=\"326\"");
    }

    @Test
    void refusesAnIdThatCannotBeReferenced() {
        assertThatThrownBy(() -> LineageGraph.render("1 x", LineageFixtures.twoRounds()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rendersTheSameLineageToTheSameText() {
        assertThat(LineageGraph.render("lin", LineageFixtures.twoRounds())).isEqualTo(twoRounds);
    }
}
