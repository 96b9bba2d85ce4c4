package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.report.ReportCharts.Scale;

class EvalChartsTest {

    @TempDir
    Path dir;

    @Test
    void accuracyPerRoundIsZoomedToTheRunsRange() {
        Map<String, List<Double>> runs = new LinkedHashMap<>();
        runs.put("FedAvg", List.of(0.91, 0.95, 0.97));
        runs.put("trimmed mean", List.of(0.91, 0.95, 0.97));

        XYPlot panel = panel(EvalCharts.lineChart("t", "mean over seeds", "accuracy", Scale.SCORE, runs));

        // 0.91–0.97 padded by the minimum 0.01
        Range range = panel.getRangeAxis().getRange();
        assertThat(range.getLowerBound()).isCloseTo(0.90, within(1e-12));
        assertThat(range.getUpperBound()).isCloseTo(0.98, within(1e-12));
        // two identical runs: both drawn, a little apart, so neither hides the other
        assertThat(panel.getDataset().getSeriesCount()).isEqualTo(2);
        assertThat(panel.getDataset().getXValue(0, 0)).isLessThan(1.0);
        assertThat(panel.getDataset().getXValue(1, 0)).isGreaterThan(1.0);
        assertThat(panel.getDataset().getYValue(0, 0))
                .isEqualTo(panel.getDataset().getYValue(1, 0));
    }

    @Test
    void reputationIsDrawnFromZero() {
        XYPlot panel = panel(EvalCharts.lineChart(
                "t", "s", "reputation score", Scale.FROM_ZERO, Map.of("attacker", List.of(0.5, 0.35, 0.25))));

        assertThat(panel.getRangeAxis().getRange().getLowerBound()).isEqualTo(0.0);
    }

    @Test
    void writesADecodablePng() throws Exception {
        Path file = EvalCharts.lines(
                dir.resolve("rounds.png"), "t", "s", "accuracy", Scale.SCORE, Map.of("FedAvg", List.of(0.8, 0.9)));

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo(900);
    }

    private static XYPlot panel(JFreeChart chart) {
        return ((CombinedDomainXYPlot) chart.getPlot()).getSubplots().get(0);
    }
}
