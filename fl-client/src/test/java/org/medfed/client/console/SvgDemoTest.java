package org.medfed.client.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Pages to look at, not a check: with {@code -Dsvgdemo.dir=/tmp/svgdemo} it writes charts and lineage graphs there
 * as HTML, to open in a browser (or screenshot with a headless one).
 */
@EnabledIfSystemProperty(named = "svgdemo.dir", matches = ".+")
class SvgDemoTest {

    private static final String CSS = String.join(
            "\n",
            "body { font-family: system-ui, sans-serif; margin: 24px; color: #1a1a1a; }",
            ".chart-body { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }",
            ".chart-svg { max-width: 100%; height: auto; }",
            "table { border-collapse: collapse; font-size: 13px; }",
            "caption { text-align: left; font-weight: 600; padding-bottom: 4px; }",
            "th, td { border-bottom: 1px solid #e3e3e3; padding: 3px 8px; text-align: right; }",
            "td.projected { color: #595959; font-style: italic; }",
            "figcaption { font-size: 18px; font-weight: 600; margin-bottom: 8px; }",
            ".lineage-canvas { overflow: auto; max-width: 100%; }",
            "a:focus-visible { outline: 2px solid #0072B2; }");

    @Test
    void writesDemoPages() throws IOException {
        Path dir = Path.of(System.getProperty("svgdemo.dir"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("demo.css"), CSS);
        Map<String, SortedMap<Long, Double>> epsilon = new TreeMap<>();
        Map<String, SortedMap<Long, Double>> projected = new TreeMap<>();
        Map<String, SortedMap<Long, Double>> accuracy = new TreeMap<>();
        for (int p = 0; p < 10; p++) {
            SortedMap<Long, Double> e = new TreeMap<>();
            SortedMap<Long, Double> a = new TreeMap<>();
            SortedMap<Long, Double> pr = new TreeMap<>();
            for (long r = 1; r <= 16; r++) {
                double value = Math.round((0.12 + 0.01 * p) * r * 1000) / 1000.0;
                if (r <= 9) {
                    e.put(r, value);
                } else {
                    pr.put(r, value);
                }
                if (p < 3) {
                    a.put(r, Math.round((0.9 - 0.3 / r - 0.02 * p) * 10000) / 10000.0);
                }
            }
            epsilon.put("site-" + (char) ('A' + p), e);
            projected.put("site-" + (char) ('A' + p), pr);
            if (p < 3) {
                accuracy.put("site-" + (char) ('A' + p), a);
            }
        }
        String charts = SvgLineChart.of("acc", "Accuracy by round", "accuracy", accuracy)
                        .withRange(SvgLineChart.YRange.UNIT)
                        .withLinks((s, r) -> Links.round("wdbc", r))
                        .render()
                + SvgLineChart.of("acczoom", "Accuracy (zoomed)", "accuracy", accuracy)
                        .withLinks((s, r) -> Links.round("wdbc", r))
                        .render()
                + SvgLineChart.of("eps", "Privacy spent (ε)", "cumulative ε", epsilon)
                        .withRange(SvgLineChart.YRange.FROM_ZERO)
                        .withReference(2.5, "ε cap")
                        .withProjections(projected)
                        .withNames(n -> n.replace("site-", "Hospital "))
                        .withLinks((s, r) -> Links.round("wdbc", r))
                        .render()
                + SvgLineChart.of("empty", "Nothing yet", "loss", Map.of()).render();
        Files.writeString(dir.resolve("charts.html"), page(charts));
        Files.writeString(dir.resolve("lineage.html"), page(LineageGraph.render("small", LineageFixtures.twoRounds())));
        Files.writeString(
                dir.resolve("lineage-large.html"),
                page(LineageGraph.render("large", LineageFixtures.large(16, 10, false))
                        + LineageGraph.render("secure", LineageFixtures.large(4, 3, true))));
    }

    static String page(String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>demo</title>"
                + "<link rel=\"stylesheet\" href=\"demo.css\"></head><body><main>" + body + "</main></body></html>";
    }
}
