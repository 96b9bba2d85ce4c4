package org.medfed.client.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.DoubleSummaryStatistics;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.util.ShapeUtils;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Line charts over rounds, drawn off-screen with JFreeChart and saved as PNG. A chart has one or more {@link Panel}s
 * stacked on a shared round axis (a {@link CombinedDomainXYPlot}), each with its own range axis, so one axis never
 * carries two quantities: ε (3–8) or an example count (16) next to an F1 of 0.91–0.97 would flatten the scores.
 * Stacked panels rather than separate files keep values the same update reported side by side, round under round.
 *
 * <p>Series that overlap stay visible: each has its own colour (Okabe–Ito, safe for colour-blind readers), dash
 * pattern and hollow marker shape, and earlier series are drawn first with wider lines and larger markers, so two
 * identical lines draw as a wide line under a narrower dashed one; and each series is drawn a few pixels beside the
 * round ({@link #dodge}), so equal values show as markers side by side. A series keeps its style in every panel of
 * the chart.
 */
public final class ReportCharts {

    static final int WIDTH = 900;
    static final int HEIGHT = 480;
    /** Height added per panel beyond the second. */
    static final int PANEL_HEIGHT = 180;

    /** Per series, the fraction of the rounds' span its points are moved aside: see {@link #dodge}. */
    static final double DODGE = 0.007;

    /** The smallest padding around a score range: a flat line at 0.95 still gets an axis from 0.94 to 0.96. */
    static final double MIN_SCORE_PAD = 0.01;

    /** Okabe & Ito (2008), yellow last: it is faint on white. */
    private static final Color[] PALETTE = {
        new Color(0x0072B2),
        new Color(0xD55E00),
        new Color(0x009E73),
        new Color(0xCC79A7),
        new Color(0xE69F00),
        new Color(0x56B4E9),
        new Color(0x000000),
        new Color(0xF0E442)
    };

    private static final float[][] DASHES = {null, {9, 4}, {2, 3}, {9, 3, 2, 3}, {14, 4}};
    /** Earlier series are wider and drawn first, so a later one on top leaves the earlier's edges showing. */
    private static final float[] WIDTHS = {3.5f, 2.75f, 2f, 1.5f};

    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ReportCharts() {}

    /** How a panel's range axis is scaled. */
    public enum Scale {
        /** Scores in [0, 1]: zoomed to the data ({@link #scoreRange}), so swings of a few hundredths show. */
        SCORE,
        /** Fitted to the data without forcing zero in (loss). */
        FITTED,
        /** From zero (ε, seconds, reputation). */
        FROM_ZERO,
        /** From zero with whole-number ticks (example counts). */
        COUNT
    }

    /** One range axis: its label (with unit), scale and series (by name, then round). */
    public record Panel(String axisLabel, Scale scale, Map<String, SortedMap<Long, Double>> series) {
        public Panel {
            series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
        }
    }

    /**
     * One line per series (named through {@code names}) per panel, x = round; {@code subtitle} says where the numbers
     * come from. An empty panel list draws one empty panel saying so.
     */
    public static JFreeChart chart(String title, String subtitle, List<Panel> panels, UnaryOperator<String> names) {
        return chart(title, subtitle, "round", panels, names);
    }

    /** As {@link #chart(String, String, List, UnaryOperator)} with another whole-number x axis (participants, TPS). */
    public static JFreeChart chart(
            String title, String subtitle, String xLabel, List<Panel> panels, UnaryOperator<String> names) {
        List<String> order = seriesOrder(panels);
        double roundSpan = roundSpan(panels);
        NumberAxis rounds = new NumberAxis(xLabel);
        rounds.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        rounds.setAutoRangeIncludesZero(false);
        // at least one round wide, as the dodge assumes: one round alone would otherwise fill the width with its dodge
        rounds.setAutoRangeMinimumSize(1);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(rounds);
        plot.setGap(12);
        List<Panel> drawn = panels.isEmpty() ? List.of(new Panel("", Scale.FROM_ZERO, Map.of())) : panels;
        LegendItemCollection legend = new LegendItemCollection();
        Set<String> listed = new HashSet<>();
        for (Panel panel : drawn) {
            XYPlot sub = panel(panel, order, roundSpan, names);
            plot.add(sub, 1);
            LegendItemCollection items = sub.getLegendItems();
            for (int i = 0; i < items.getItemCount(); i++) {
                LegendItem item = items.get(i);
                if (listed.add(item.getLabel())) {
                    legend.add(item);
                }
            }
        }
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle, SUBTITLE));
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Writes {@code chart} as a PNG, taller by {@link #PANEL_HEIGHT} per panel beyond the second; returns the file. */
    public static Path write(Path file, JFreeChart chart) throws IOException {
        int panels = chart.getPlot() instanceof CombinedDomainXYPlot combined
                ? combined.getSubplots().size()
                : 1;
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT + PANEL_HEIGHT * Math.max(0, panels - 2));
        return file;
    }

    /**
     * The axis for scores from {@code min} to {@code max}: padded by a tenth of their span (at least {@link
     * #MIN_SCORE_PAD}) and clamped to [0, 1] unless the data lie outside; [0, 1] without data. For 0.91–0.97 the
     * span is 0.06, a tenth 0.006 is under the minimum, so the axis runs 0.90–0.98.
     */
    static Range scoreRange(Collection<Double> values) {
        DoubleSummaryStatistics stats =
                values.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        if (stats.getCount() == 0) {
            return new Range(0, 1);
        }
        double pad = Math.max((stats.getMax() - stats.getMin()) / 10, MIN_SCORE_PAD);
        double lower = stats.getMin() - pad;
        double upper = stats.getMax() + pad;
        return new Range(
                stats.getMin() >= 0 ? Math.max(0, lower) : lower, stats.getMax() <= 1 ? Math.min(1, upper) : upper);
    }

    private static XYPlot panel(Panel panel, List<String> order, double roundSpan, UnaryOperator<String> names) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setLegendLine(new Line2D.Double(-16, 0, 16, 0));
        List<Double> values = new ArrayList<>();
        List<String> drawn = order.stream().filter(panel.series()::containsKey).toList();
        for (String name : drawn) {
            int i = dataset.getSeriesCount();
            double dx = dodge(i, drawn.size(), roundSpan);
            XYSeries line = new XYSeries(names.apply(name), true, false);
            panel.series().get(name).forEach((round, value) -> line.add(round + dx, value));
            values.addAll(panel.series().get(name).values());
            dataset.addSeries(line);
            style(renderer, i, order.indexOf(name));
        }
        NumberAxis axis = new NumberAxis(panel.axisLabel());
        switch (panel.scale()) {
            case SCORE -> axis.setRange(scoreRange(values));
            case FITTED -> axis.setAutoRangeIncludesZero(false);
            case FROM_ZERO -> axis.setAutoRangeIncludesZero(true);
            case COUNT -> {
                axis.setAutoRangeIncludesZero(true);
                axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
        }
        XYPlot plot = new XYPlot(dataset, null, axis, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setNoDataMessage("no values yet");
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return plot;
    }

    /** Series {@code i} of the renderer gets style {@code k}: colour, dash and shape cycle with coprime periods. */
    private static void style(XYLineAndShapeRenderer renderer, int i, int k) {
        Color colour = PALETTE[k % PALETTE.length];
        renderer.setSeriesPaint(i, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 220));
        renderer.setSeriesStroke(
                i,
                new BasicStroke(
                        WIDTHS[k % WIDTHS.length],
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_ROUND,
                        10f,
                        DASHES[k % DASHES.length],
                        0f));
        renderer.setSeriesShape(i, shape(k));
        renderer.setSeriesShapesFilled(i, false);
        renderer.setSeriesOutlineStroke(i, new BasicStroke(1.6f));
    }

    private static Shape shape(int k) {
        float s = 11 - (k % 4);
        float h = s / 2;
        return switch (k % 7) {
            case 0 -> new Ellipse2D.Float(-h, -h, s, s);
            case 1 -> new Rectangle2D.Float(-h, -h, s, s);
            case 2 -> ShapeUtils.createUpTriangle(h);
            case 3 -> ShapeUtils.createDiamond(h);
            case 4 -> ShapeUtils.createDownTriangle(h);
            case 5 -> ShapeUtils.createDiagonalCross(h, 1f);
            default -> ShapeUtils.createRegularCross(h, 1f);
        };
    }

    /**
     * How far series {@code slot} of {@code count} in a panel is drawn beside its round: {@link #DODGE} of the rounds'
     * span per slot, centred on the round, so equal values of several series show side by side (about 5 pixels
     * apart at {@link #WIDTH}) instead of on top of each other. With 3 series over rounds 1–5 (span 4), the first is
     * drawn at round − 1 · 0.007 · 4 = round − 0.028.
     */
    static double dodge(int slot, int count, double roundSpan) {
        return (slot - (count - 1) / 2.0) * DODGE * roundSpan;
    }

    private static double roundSpan(List<Panel> panels) {
        LongSummaryStatistics rounds = panels.stream()
                .flatMap(p -> p.series().values().stream())
                .flatMap(points -> points.keySet().stream())
                .mapToLong(Long::longValue)
                .summaryStatistics();
        return rounds.getCount() == 0 ? 1 : Math.max(1, rounds.getMax() - rounds.getMin());
    }

    /** Every series name in the panels, first seen first: a name keeps its style across panels. */
    private static List<String> seriesOrder(List<Panel> panels) {
        Set<String> names = new LinkedHashSet<>();
        panels.forEach(p -> names.addAll(p.series().keySet()));
        return List.copyOf(names);
    }
}
