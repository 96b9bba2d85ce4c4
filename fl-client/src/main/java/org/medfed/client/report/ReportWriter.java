package org.medfed.client.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.UnaryOperator;

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
        UnaryOperator<String> asIs = name -> name;
        UnaryOperator<String> participant = ReportSeries::shortId;
        List<Path> files = new ArrayList<>();
        files.add(chart(dir, ReportFigure.METRICS, "mean over updates", ReportSeries.metrics(data, false), asIs));
        files.add(chart(dir, ReportFigure.LOSS, "mean over updates", ReportSeries.metrics(data, true), asIs));
        files.add(chart(dir, ReportFigure.EPSILON, "cumulative epsilon", ReportSeries.epsilon(data), participant));
        files.add(chart(dir, ReportFigure.REPUTATION, "score", ReportSeries.reputation(data), participant));
        files.add(chart(dir, ReportFigure.TIMINGS, "seconds", ReportSeries.timings(data), asIs));
        Path markdown = dir.resolve(MARKDOWN);
        Files.writeString(markdown, ReportMarkdown.render(data), StandardCharsets.UTF_8);
        files.add(markdown);
        return files;
    }

    private static Path chart(
            Path dir,
            ReportFigure figure,
            String yLabel,
            Map<String, SortedMap<Long, Double>> series,
            UnaryOperator<String> names)
            throws IOException {
        return ReportCharts.lineChart(dir.resolve(figure.file()), figure.title(), yLabel, series, names);
    }
}
