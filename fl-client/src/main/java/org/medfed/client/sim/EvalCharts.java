package org.medfed.client.sim;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;
import org.medfed.client.report.ReportCharts;
import org.medfed.client.report.ReportCharts.Panel;
import org.medfed.client.report.ReportCharts.Scale;

/** The evaluation's PNG charts: bars with ±1 sd error bars, and per-round lines (the report's line charts). */
final class EvalCharts {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 520;

    private EvalCharts() {}

    /** One bar per method: mean with a ±1 sd error bar. */
    static Path bars(Path file, String title, String yLabel, Map<String, SimSummary.Stat> values, double yMin)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        values.forEach((method, stat) -> dataset.add(stat.mean(), stat.sd(), yLabel, method));
        JFreeChart chart = ChartFactory.createBarChart(
                title, null, yLabel, dataset, PlotOrientation.VERTICAL, false, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setErrorIndicatorPaint(Color.BLACK);
        renderer.setSeriesPaint(0, new Color(0x4C72B0));
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        plot.getRangeAxis().setRange(yMin, 1.0);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }

    /** Bars grouped by category (e.g. a setting), one colour per series (e.g. a method), each ±1 sd. */
    static Path groupedBars(
            Path file, String title, String yLabel, Map<String, Map<String, SimSummary.Stat>> series, double yMin)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        DefaultStatisticalCategoryDataset dataset = new DefaultStatisticalCategoryDataset();
        series.forEach((name, values) ->
                values.forEach((category, stat) -> dataset.add(stat.mean(), stat.sd(), name, category)));
        JFreeChart chart =
                ChartFactory.createBarChart(title, null, yLabel, dataset, PlotOrientation.VERTICAL, true, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        StatisticalBarRenderer renderer = new StatisticalBarRenderer();
        renderer.setErrorIndicatorPaint(Color.BLACK);
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getRangeAxis().setRange(yMin, 1.0);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }

    /**
     * One line per series over rounds 1, 2, …, all of one quantity ({@code yLabel}, scaled by {@code scale}); styled
     * as the report's charts, so runs with identical values stay visible. {@code subtitle} says where the numbers come
     * from.
     */
    static Path lines(
            Path file, String title, String subtitle, String yLabel, Scale scale, Map<String, List<Double>> series)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        return ReportCharts.write(file, lineChart(title, subtitle, yLabel, scale, series));
    }

    static JFreeChart lineChart(
            String title, String subtitle, String yLabel, Scale scale, Map<String, List<Double>> series) {
        Map<String, SortedMap<Long, Double>> points = new LinkedHashMap<>();
        series.forEach((name, values) -> {
            SortedMap<Long, Double> line = new TreeMap<>();
            for (int r = 0; r < values.size(); r++) {
                line.put((long) r + 1, values.get(r));
            }
            points.put(name, line);
        });
        return ReportCharts.chart(title, subtitle, List.of(new Panel(yLabel, scale, points)), name -> name);
    }
}
