package org.medfed.client.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.Paint;
import java.awt.Shape;
import java.awt.Stroke;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.Range;
import org.junit.jupiter.api.Test;
import org.medfed.client.report.ReportCharts.Panel;
import org.medfed.client.report.ReportCharts.Scale;

class ReportChartsTest {

    @Test
    void scoresBetween091And097GetAnAxisFrom090To098() {
        // span 0.06, a tenth (0.006) is under the minimum pad 0.01: 0.91 − 0.01 and 0.97 + 0.01
        Range range = ReportCharts.scoreRange(List.of(0.93, 0.91, 0.97, 0.95));

        assertThat(range.getLowerBound()).isCloseTo(0.90, within(1e-12));
        assertThat(range.getUpperBound()).isCloseTo(0.98, within(1e-12));
    }

    @Test
    void aWideSpanIsPaddedByATenthAndClampedToOne() {
        // span 0.5, pad 0.05: 0.5 − 0.05 = 0.45, and 1.0 + 0.05 clamped to 1
        Range range = ReportCharts.scoreRange(List.of(0.5, 1.0));

        assertThat(range.getLowerBound()).isCloseTo(0.45, within(1e-12));
        assertThat(range.getUpperBound()).isEqualTo(1.0);
    }

    @Test
    void aFlatLineAtZeroOrOneStillGetsAnAxisInsideTheUnitInterval() {
        assertThat(ReportCharts.scoreRange(List.of(1.0, 1.0)).getLowerBound()).isCloseTo(0.99, within(1e-12));
        assertThat(ReportCharts.scoreRange(List.of(1.0, 1.0)).getUpperBound()).isEqualTo(1.0);
        assertThat(ReportCharts.scoreRange(List.of(0.0)).getLowerBound()).isEqualTo(0.0);
        assertThat(ReportCharts.scoreRange(List.of(0.0)).getUpperBound()).isCloseTo(0.01, within(1e-12));
    }

    @Test
    void noScoresShowTheWholeUnitInterval() {
        assertThat(ReportCharts.scoreRange(List.of())).isEqualTo(new Range(0, 1));
    }

    @Test
    void aValueOutsideTheUnitIntervalIsNotCutOff() {
        // span 1.2, pad 0.12
        Range range = ReportCharts.scoreRange(List.of(-0.2, 1.0));

        assertThat(range.getLowerBound()).isCloseTo(-0.32, within(1e-12));
        assertThat(range.getUpperBound()).isEqualTo(1.0);
    }

    @Test
    void seriesAreDrawnBesideTheirRoundCentredOnIt() {
        // 3 series over rounds 1–5 (span 4): slots −1, 0, +1 times 0.007 · 4
        assertThat(ReportCharts.dodge(0, 3, 4)).isCloseTo(-0.028, within(1e-12));
        assertThat(ReportCharts.dodge(1, 3, 4)).isEqualTo(0.0);
        assertThat(ReportCharts.dodge(2, 3, 4)).isCloseTo(0.028, within(1e-12));
        // a lone series stays on its round
        assertThat(ReportCharts.dodge(0, 1, 4)).isEqualTo(0.0);
    }

    @Test
    void aSingleRoundGetsARoundWideAxisSoItsSeriesStayCloseTogether() {
        JFreeChart chart = ReportCharts.chart(
                "t",
                "s",
                List.of(new Panel("seconds", Scale.FROM_ZERO, Map.of("open", line(600), "aggregating", line(90)))),
                n -> n);

        assertThat(chart.getXYPlot().getDomainAxis().getRange().getLength()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void eachPanelHasItsOwnRangeAxisAndTheScoresOneIsZoomed() {
        JFreeChart chart = ReportCharts.chart(
                "title",
                "where from",
                List.of(
                        new Panel("score", Scale.SCORE, Map.of("f1", line(0.91, 0.97))),
                        new Panel("ε", Scale.FROM_ZERO, Map.of("epsilon", line(3, 8)))),
                name -> name);

        List<XYPlot> panels = panels(chart);
        assertThat(panels).hasSize(2);
        assertThat(panels.get(0).getRangeAxis().getLabel()).isEqualTo("score");
        assertThat(panels.get(0).getRangeAxis().getRange()).isEqualTo(ReportCharts.scoreRange(List.of(0.91, 0.97)));
        assertThat(panels.get(0).getDataset().getSeriesCount()).isEqualTo(1);
        assertThat(panels.get(1).getRangeAxis().getLabel()).isEqualTo("ε");
        assertThat((Object) panels.get(1).getDataset().getSeriesKey(0)).isEqualTo("epsilon");
        List<String> subtitles = new ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle text) {
                subtitles.add(text.getText());
            }
        }
        assertThat(subtitles).containsExactly("where from");
    }

    @Test
    void overlappingSeriesDifferInDashAndShapeNotOnlyColour() {
        Map<String, SortedMap<Long, Double>> same = new TreeMap<>();
        for (String name : List.of("a", "b", "c", "d", "e")) {
            same.put(name, line(0.9, 0.9));
        }
        XYPlot panel = panels(ReportCharts.chart("t", "s", List.of(new Panel("y", Scale.SCORE, same)), n -> n))
                .get(0);
        XYItemRenderer renderer = panel.getRenderer();

        Set<Paint> paints = new HashSet<>();
        Set<Stroke> strokes = new HashSet<>();
        Set<String> shapes = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            paints.add(renderer.getSeriesPaint(i));
            strokes.add(renderer.getSeriesStroke(i));
            Shape shape = renderer.getSeriesShape(i);
            shapes.add(shape.getClass().getName() + shape.getBounds2D());
        }
        assertThat(paints).hasSize(5);
        assertThat(strokes).hasSize(5);
        assertThat(shapes).hasSize(5);
    }

    @Test
    void aSeriesKeepsItsStyleAndOneLegendEntryAcrossPanels() {
        JFreeChart chart = ReportCharts.chart(
                "t",
                "s",
                List.of(
                        new Panel("ε", Scale.FROM_ZERO, Map.of("p1", line(1, 2), "p2", line(2, 3))),
                        new Panel("examples", Scale.COUNT, Map.of("p2", line(16, 16)))),
                n -> n);

        List<XYPlot> panels = panels(chart);
        int p2 = panels.get(0).getDataset().indexOf("p2");
        assertThat(panels.get(1).getRenderer().getSeriesPaint(0))
                .isEqualTo(panels.get(0).getRenderer().getSeriesPaint(p2));
        assertThat(chart.getPlot().getLegendItems().getItemCount()).isEqualTo(2);
    }

    static List<XYPlot> panels(JFreeChart chart) {
        return ((CombinedDomainXYPlot) chart.getPlot()).getSubplots();
    }

    static ValueAxis rangeAxis(JFreeChart chart) {
        return panels(chart).get(0).getRangeAxis();
    }

    private static SortedMap<Long, Double> line(double only) {
        return new TreeMap<>(Map.of(1L, only));
    }

    private static SortedMap<Long, Double> line(double first, double last) {
        return new TreeMap<>(Map.of(1L, first, 2L, last));
    }
}
