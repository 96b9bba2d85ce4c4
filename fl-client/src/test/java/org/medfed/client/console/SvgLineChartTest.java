package org.medfed.client.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SvgLineChartTest {

    static SortedMap<Long, Double> points(Object... roundThenValue) {
        SortedMap<Long, Double> points = new TreeMap<>();
        for (int i = 0; i < roundThenValue.length; i += 2) {
            points.put(((Number) roundThenValue[i]).longValue(), ((Number) roundThenValue[i + 1]).doubleValue());
        }
        return points;
    }

    /** Accuracy of two sites; the clinic missed round 2. */
    static Map<String, SortedMap<Long, Double>> accuracy() {
        Map<String, SortedMap<Long, Double>> series = new TreeMap<>();
        series.put("clinic", points(1, 0.7, 3, 0.8));
        series.put("hospital", points(1, 0.82, 2, 0.9, 3, 0.95));
        return series;
    }

    static SvgLineChart chart() {
        return SvgLineChart.of("acc", "Accuracy", "accuracy", accuracy())
                .withNames(name -> name.equals("hospital") ? "Hospital ward" : "Clinic")
                .withLinks((name, round) -> Links.round("wdbc mlp", round));
    }

    static List<String> all(String regex, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.groupCount() == 0 ? m.group() : m.group(1));
        }
        return found;
    }

    @Test
    void holdsTheSameValuesAsTheSeriesRoundsBySeries() {
        String html = chart().render();

        assertThat(html)
                .contains("<thead><tr><th scope=\"col\">Round</th><th scope=\"col\">Clinic</th>"
                        + "<th scope=\"col\">Hospital ward</th></tr></thead>");
        List<String> rows = all("<tr><th scope=\"row\">(.*?)</tr>", html);
        String link1 = "<a href=\"/round?task=wdbc+mlp&amp;n=1\">";
        String link2 = "<a href=\"/round?task=wdbc+mlp&amp;n=2\">";
        String link3 = "<a href=\"/round?task=wdbc+mlp&amp;n=3\">";
        assertThat(rows)
                .containsExactly(
                        "1</th><td>" + link1 + "0.7</a></td><td>" + link1 + "0.82</a></td>",
                        "2</th><td class=\"missing\">–</td><td>" + link2 + "0.9</a></td>",
                        "3</th><td>" + link3 + "0.8</a></td><td>" + link3 + "0.95</a></td>");
    }

    @Test
    void hasACaptionNamingTheChartAndTheReferenceLine() {
        String html = chart().withReference(1.0, "target").render();

        assertThat(html).contains("<caption>Accuracy: accuracy by round (target: 1)</caption>");
    }

    @Test
    void showsProjectedValuesAsProjected() {
        String html = chart().withProjections(Map.of("clinic", points(4, 0.85, 5, 0.9)))
                .render();

        assertThat(all("<tr><th scope=\"row\">([45]</th><td[^<]*</td>)", html))
                .containsExactly(
                        "4</th><td class=\"projected\">0.85 (projected)</td>",
                        "5</th><td class=\"projected\">0.9 (projected)</td>");
    }

    @Test
    void saysSoWhenThereAreNoValues() {
        String html = SvgLineChart.of("e", "Empty", "loss", Map.of()).render();

        assertThat(html).contains("<td colspan=\"1\">No values yet.</td>").contains(">No values yet</text>");
    }

    @Test
    void aZoomedAxisSpansTheValuesInWholeSteps() {
        // span 0.13 / 5 intervals = 0.026 → step 0.05; 0.82 down to 0.80, 0.95 is a step already
        ChartAxis axis = ChartAxis.of(SvgLineChart.YRange.ZOOMED, 0.82, 0.95);

        assertThat(axis.step()).isEqualByComparingTo("0.05");
        assertThat(axis.min()).isEqualByComparingTo("0.80");
        assertThat(axis.max()).isEqualByComparingTo("0.95");
        assertThat(axis.ticks().stream().map(axis::label)).containsExactly("0.80", "0.85", "0.90", "0.95");
    }

    @Test
    void aZoomedAxisAroundOneValueIsATenthOfItWide() {
        // 0.5 ± 0.025 → span 0.05 / 5 = 0.01 → [0.47, 0.53]
        ChartAxis axis = ChartAxis.of(SvgLineChart.YRange.ZOOMED, 0.5, 0.5);

        assertThat(axis.step()).isEqualByComparingTo("0.01");
        assertThat(axis.min()).isEqualByComparingTo("0.47");
        assertThat(axis.max()).isEqualByComparingTo("0.53");
    }

    @Test
    void theUnitAxisIsZeroToOneWidenedOnlyForAValueOutsideIt() {
        ChartAxis unit = ChartAxis.of(SvgLineChart.YRange.UNIT, 0.82, 0.95);
        // 0 to 1.3: span / 5 = 0.26 → step 0.5 → [0, 1.5]
        ChartAxis wide = ChartAxis.of(SvgLineChart.YRange.UNIT, 0.4, 1.3);

        assertThat(unit.ticks().stream().map(unit::label)).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
        assertThat(wide.min()).isEqualByComparingTo("0");
        assertThat(wide.max()).isEqualByComparingTo("1.5");
    }

    @Test
    void fromZeroTakesInTheReferenceLine() {
        SvgLineChart chart = SvgLineChart.of("eps", "Privacy", "ε", Map.of("p", points(1, 0.75, 2, 2.25)))
                .withRange(SvgLineChart.YRange.FROM_ZERO)
                .withReference(3, "ε cap");

        // 0 to 3: span / 5 = 0.6 → step 1
        ChartAxis axis = chart.axis();
        assertThat(axis.ticks().stream().map(axis::label)).containsExactly("0", "1", "2", "3");
    }

    @Test
    void theHighestValueSitsOnTheTopOfThePlotAndTheLowestTickOnItsBottom() {
        String svg = chart().withRange(SvgLineChart.YRange.ZOOMED).render();

        // hospital's 0.95 is the axis maximum (y = TOP = 24); 0.7 is its minimum (y = BOTTOM = 264); of two series
        // the first sits 2 px left of its round (x 80 and 680), the second 2 px right
        assertThat(svg)
                .contains("<title>Hospital ward, round 3: 0.95</title><circle cx=\"682\" cy=\"24\" r=\"10\"")
                .contains("<title>Clinic, round 1: 0.7</title><circle cx=\"78\" cy=\"264\" r=\"10\"");
    }

    @Test
    void labelsEveryRoundWhileTheyFitThenEveryFifth() {
        SortedMap<Long, Double> sixteen = new TreeMap<>();
        SortedMap<Long, Double> forty = new TreeMap<>();
        for (long r = 1; r <= 40; r++) {
            forty.put(r, 0.5);
            if (r <= 16) {
                sixteen.put(r, 0.5);
            }
        }

        assertThat(new ChartSvg(SvgLineChart.of("a", "t", "y", Map.of("s", sixteen))).xTicks())
                .hasSize(16)
                .startsWith(1L, 2L);
        // 39 rounds apart: every round or 2nd gives 16 or more ticks, every 5th gives 8
        assertThat(new ChartSvg(SvgLineChart.of("a", "t", "y", Map.of("s", forty))).xTicks())
                .containsExactly(5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L);
    }

    @Test
    void isAFigureWithALabelledImageAndADescription() {
        String html = chart().render();

        assertThat(html)
                .startsWith("<figure class=\"chart\" id=\"acc\">\n<figcaption>Accuracy</figcaption>")
                .contains("role=\"img\" aria-labelledby=\"acc-title acc-desc\"")
                .contains("<title id=\"acc-title\">Accuracy</title>")
                .contains("<desc id=\"acc-desc\">Line chart of accuracy by round, rounds 1 to 3; axis from 0.70"
                        + " to 0.95. Clinic: 0.7 at round 1, 0.8 at round 3. Hospital ward: 0.82 at round 1,"
                        + " 0.95 at round 3. The table beside the chart holds every value.</desc>");
    }

    @Test
    void everyPointLinksToWhereItsValueCameFrom() {
        String html = chart().render();

        // 5 values: each a link in the picture and again in the table
        assertThat(all("<a class=\"point\" href=\"([^\"]*)\"", html))
                .containsExactly(
                        "/round?task=wdbc+mlp&amp;n=1",
                        "/round?task=wdbc+mlp&amp;n=3",
                        "/round?task=wdbc+mlp&amp;n=1",
                        "/round?task=wdbc+mlp&amp;n=2",
                        "/round?task=wdbc+mlp&amp;n=3");
        assertThat(all("href=\"([^\"]*)\"", html)).hasSize(10).allMatch(href -> href.startsWith("/"));
    }

    @Test
    void refusesALinkThatLeavesTheConsole() {
        for (String href : List.of("javascript:alert(1)", "//evil.example/x", "https://evil.example/")) {
            SvgLineChart chart = chart().withLinks((name, round) -> href);

            assertThatThrownBy(chart::render).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void escapesAHostileSeriesName() {
        String html = SvgLineChart.of(
                        "x", "<b>t</b>", "y\"", Map.of("<script>alert('x')</script>", points(1, 0.5, 2, 0.6)))
                .withLinks((name, round) -> Links.search(name))
                .render();

        assertThat(html)
                .doesNotContain("<script")
                .doesNotContain("<b>")
                .contains("<th scope=\"col\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</th>")
                .contains("href=\"/search?q=%3Cscript%3Ealert%28%27x%27%29%3C%2Fscript%3E\"");
    }

    @Test
    void hasNoStyleAttributeAndNoScript() {
        String html = chart().withReference(0.9, "target")
                .withProjections(Map.of("clinic", points(4, 0.85)))
                .render();

        assertThat(html).doesNotContainPattern("(?i)\\sstyle\\s*=").doesNotContainPattern("(?i)<script|\\son\\w+=");
    }

    @Test
    void drawsTheReferenceLineWithItsLabel() {
        String html = chart().withReference(0.9, "target").render();

        // 0.9 on the axis 0.70 to 0.95: 264 − (0.2 / 0.25) · 240 = 72
        assertThat(html)
                .contains("<line class=\"chart-reference\" x1=\"64\" y1=\"72\" x2=\"696\" y2=\"72\" stroke=\"#1a1a1a\"")
                .contains(">target 0.9</text>");
    }

    @Test
    void drawsAProjectionDottedFromTheLastValueWithHollowUnlinkedMarkers() {
        String html = chart().withProjections(Map.of("clinic", points(4, 0.85))).render();

        // rounds 1–4 over 600 units: round 3 at x 480, round 4 at x 680, the first of two series 2 px left of them;
        // clinic's 0.8 and 0.85 on 0.70–0.95
        assertThat(html)
                .contains("<polyline points=\"478,168 678,120\" fill=\"none\" stroke=\"#0072B2\" "
                        + "stroke-width=\"1.5\" stroke-linejoin=\"round\" stroke-linecap=\"round\" "
                        + "stroke-dasharray=\"2 4\"/>")
                .contains("<g class=\"point projected\"><title>Clinic, round 4: 0.85 (projected)</title>"
                        + "<circle cx=\"678\" cy=\"120\" r=\"4\" fill=\"#ffffff\"");
    }

    @Test
    void formatsNumbersTheSameInAnyLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = chart().render();
            Locale.setDefault(Locale.ROOT);

            assertThat(german).isEqualTo(chart().render()).contains("0.82").doesNotContain("0,82");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void rendersTheSameInputToTheSameText() {
        assertThat(chart().withReference(0.9, "target").render())
                .isEqualTo(chart().withReference(0.9, "target").render());
    }

    @Test
    void areToldApartByShapeAndDashNotColourAlone() {
        // series 0 and 5 share a colour (5 colours) but not a marker shape (6) nor a dash
        assertThat(ChartStyle.colour(5)).isEqualTo(ChartStyle.colour(0));
        assertThat(ChartStyle.shape(5)).isNotEqualTo(ChartStyle.shape(0));
        assertThat(ChartStyle.dash(5)).isNotEqualTo(ChartStyle.dash(0));
    }

    @Test
    void lineColoursHaveAtLeastThreeToOneContrastOnWhite() {
        for (String colour : ChartStyle.COLOURS) {
            assertThat(contrastOnWhite(colour)).as(colour).isGreaterThanOrEqualTo(3.0);
        }
    }

    @Test
    void refuseANumberThatCannotBeDrawn() {
        assertThatThrownBy(() -> SvgLineChart.of("a", "t", "y", Map.of("s", points(1, Double.NaN))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("s at round 1");
    }

    @Test
    void refuseAProjectionWithoutItsSeries() {
        assertThatThrownBy(() -> chart().withProjections(Map.of("lab", points(4, 0.9))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lab");
    }

    @Test
    void refuseAnIdThatCannotBeReferenced() {
        assertThatThrownBy(() -> SvgLineChart.of("a b\"", "t", "y", Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** WCAG 2 contrast ratio against white. */
    private static double contrastOnWhite(String hex) {
        double luminance = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
            luminance += weights[i] * c;
        }
        return BigDecimal.valueOf(1.05 / (luminance + 0.05)).doubleValue();
    }
}
