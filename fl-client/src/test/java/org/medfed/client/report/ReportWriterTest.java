package org.medfed.client.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.medfed.client.report.ReportSamples.p;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    private static final Pattern IMAGE = Pattern.compile("!\\[[^]]*]\\(([^)]+)\\)");

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    @Test
    void writesADecodablePngPerFigureAndTheMarkdownLast() throws Exception {
        List<Path> files = ReportWriter.write(ReportSamples.data(), dir.resolve("report"));

        assertThat(files).hasSize(ReportFigure.values().length + 1);
        assertThat(files.get(files.size() - 1)).hasFileName(ReportWriter.MARKDOWN);
        for (ReportFigure figure : ReportFigure.values()) {
            BufferedImage image =
                    ImageIO.read(dir.resolve("report").resolve(figure.file()).toFile());
            assertThat(image).as(figure.file()).isNotNull();
            assertThat(image.getWidth()).isEqualTo(ReportCharts.WIDTH);
            assertThat(image.getHeight()).isEqualTo(ReportCharts.HEIGHT);
        }
    }

    @Test
    void theMarkdownReferencesEveryChartItWroteAndNothingElse() throws Exception {
        ReportWriter.write(ReportSamples.data(), dir);
        String markdown = Files.readString(dir.resolve(ReportWriter.MARKDOWN));

        Matcher images = IMAGE.matcher(markdown);
        List<String> referenced = images.results().map(m -> m.group(1)).toList();
        assertThat(referenced)
                .containsExactly(Arrays.stream(ReportFigure.values())
                        .map(ReportFigure::file)
                        .toArray(String[]::new));
        referenced.forEach(file -> assertThat(dir.resolve(file)).isRegularFile());
    }

    @Test
    void scoresOf091To097GetAZoomedAxisOfTheirOwnAndEpsilonAndCountsGetTheirs() throws Exception {
        // as the issue saw it: F1 0.91–0.97, ε 3–8 and 16 validation examples in the same updates
        ReportData data = ReportSamples.perRound(List.of(
                reported("0.93", "0.91", "0.95", "3"),
                reported("0.95", "0.97", "0.96", "5.5"),
                reported("0.94", "0.92", "0.97", "8")));

        Map<ReportFigure, JFreeChart> charts = ReportWriter.charts(data);
        ReportWriter.write(data, dir);

        for (ReportFigure figure : ReportFigure.values()) {
            assertThat(dir.resolve(figure.file())).as(figure.file()).isNotEmptyFile();
        }
        JFreeChart scores = charts.get(ReportFigure.METRICS);
        assertThat(scores.getTitle().getText()).isEqualTo("Validation accuracy / AUC / F1 per round");
        List<XYPlot> panels = ReportChartsTest.panels(scores);
        assertThat(panels).hasSize(1);
        assertThat(seriesKeys(panels.get(0))).containsExactly("accuracy", "AUC", "F1");
        Range range = panels.get(0).getRangeAxis().getRange();
        // 0.91–0.97 padded by 0.01
        assertThat(range.getLowerBound()).isCloseTo(0.90, within(1e-12));
        assertThat(range.getUpperBound()).isCloseTo(0.98, within(1e-12));

        List<XYPlot> reported = ReportChartsTest.panels(charts.get(ReportFigure.REPORTED));
        assertThat(reported)
                .extracting(panel -> panel.getRangeAxis().getLabel())
                .containsExactly("epsilon (ε)", "validationExamples (examples)");
        assertThat(seriesKeys(reported.get(1))).containsExactly(p(1).substring(0, 12));
    }

    private static Map<String, String> reported(String accuracy, String f1, String auc, String epsilon) {
        return Map.of(
                "accuracy", accuracy,
                "f1", f1,
                "auc", auc,
                "loss", "0.2",
                "epsilon", epsilon,
                "validationExamples", "16");
    }

    private static List<Object> seriesKeys(XYPlot panel) {
        List<Object> keys = new ArrayList<>();
        for (int i = 0; i < panel.getDataset().getSeriesCount(); i++) {
            keys.add(panel.getDataset().getSeriesKey(i));
        }
        return keys;
    }

    @Test
    void aTaskWithoutUpdatesStillGetsEveryChart() throws Exception {
        ReportData full = ReportSamples.data();
        ReportData empty = new ReportData(full.task(), List.of(), Map.of(p(1), List.of()), full.readAt());

        ReportWriter.write(empty, dir);

        for (ReportFigure figure : ReportFigure.values()) {
            assertThat(ImageIO.read(dir.resolve(figure.file()).toFile()))
                    .as(figure.file())
                    .isNotNull();
        }
        assertThat(Files.readString(dir.resolve(ReportWriter.MARKDOWN))).contains("no update has been submitted yet");
    }
}
