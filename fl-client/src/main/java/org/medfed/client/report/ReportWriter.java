package org.medfed.client.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.medfed.client.report.ReportCharts.Panel;
import org.medfed.client.report.ReportCharts.Scale;

/** Writes {@value #MARKDOWN} and one PNG per {@link ReportFigure} into a directory. */
public final class ReportWriter {

    public static final String MARKDOWN = "report.md";

    private ReportWriter() {}

    /** Returns the files written, the Markdown last. */
    public static List<Path> write(ReportData data, Path dir) throws IOException {
        // Charts are drawn off-screen; without this AWT may look for a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<ReportFigure, JFreeChart> chart : charts(data).entrySet()) {
            files.add(ReportCharts.write(dir.resolve(chart.getKey().file()), chart.getValue()));
        }
        Path markdown = dir.resolve(MARKDOWN);
        Files.writeString(markdown, ReportMarkdown.render(data), StandardCharsets.UTF_8);
        files.add(markdown);
        return files;
    }

    /** Every figure's chart, in the figures' order: one quantity per range axis. */
    static Map<ReportFigure, JFreeChart> charts(ReportData data) {
        UnaryOperator<String> asIs = name -> name;
        UnaryOperator<String> participant = ReportSeries::shortId;
        Map<ReportFigure, JFreeChart> charts = new EnumMap<>(ReportFigure.class);
        Map<String, SortedMap<Long, Double>> scores = ReportSeries.metrics(data, MetricKind.SCORE);
        charts.put(
                ReportFigure.METRICS,
                chart(
                        ReportFigure.METRICS,
                        scores.isEmpty() ? null : "Validation " + names(scores.keySet(), " / ") + " per round",
                        List.of(new Panel(MetricKind.SCORE.unit(), Scale.SCORE, scores)),
                        MetricKind::display));
        charts.put(
                ReportFigure.LOSS,
                chart(
                        ReportFigure.LOSS,
                        null,
                        List.of(new Panel(
                                MetricKind.LOSS.unit(), Scale.FITTED, ReportSeries.metrics(data, MetricKind.LOSS))),
                        MetricKind::display));
        Map<String, Map<String, SortedMap<Long, Double>>> reported = ReportSeries.reported(data);
        charts.put(
                ReportFigure.REPORTED,
                chart(
                        ReportFigure.REPORTED,
                        reported.isEmpty()
                                ? null
                                : "Reported with each update, per participant: " + names(reported.keySet(), ", "),
                        reported.entrySet().stream()
                                .map(e -> reportedPanel(e.getKey(), e.getValue()))
                                .toList(),
                        participant));
        charts.put(
                ReportFigure.EPSILON,
                chart(
                        ReportFigure.EPSILON,
                        "Privacy spent (cumulative ε) per participant",
                        List.of(new Panel("cumulative ε", Scale.FROM_ZERO, ReportSeries.epsilon(data))),
                        participant));
        charts.put(
                ReportFigure.REPUTATION,
                chart(
                        ReportFigure.REPUTATION,
                        null,
                        List.of(new Panel("reputation score", Scale.FROM_ZERO, ReportSeries.reputation(data))),
                        participant));
        charts.put(
                ReportFigure.TIMINGS,
                chart(
                        ReportFigure.TIMINGS,
                        null,
                        List.of(new Panel("seconds", Scale.FROM_ZERO, ReportSeries.timings(data))),
                        asIs));
        return charts;
    }

    private static Panel reportedPanel(String metric, Map<String, SortedMap<Long, Double>> perParticipant) {
        MetricKind kind = MetricKind.of(metric);
        return switch (kind) {
            case PRIVACY -> new Panel(metric + " (" + kind.unit() + ")", Scale.FROM_ZERO, perParticipant);
            case COUNT -> new Panel(metric + " (" + kind.unit() + ")", Scale.COUNT, perParticipant);
            default -> new Panel(metric, Scale.FITTED, perParticipant);
        };
    }

    private static JFreeChart chart(
            ReportFigure figure, String title, List<Panel> panels, UnaryOperator<String> names) {
        return ReportCharts.chart(title == null ? figure.title() : title, figure.source(), panels, names);
    }

    private static String names(Collection<String> metrics, String separator) {
        return metrics.stream().map(MetricKind::display).collect(Collectors.joining(separator));
    }
}
