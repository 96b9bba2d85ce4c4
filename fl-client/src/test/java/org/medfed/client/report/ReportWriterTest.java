package org.medfed.client.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.report.ReportSamples.p;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
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
