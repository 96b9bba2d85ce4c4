package org.medfed.client.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.UnaryOperator;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Line charts over rounds, drawn off-screen with JFreeChart and saved as PNG. */
public final class ReportCharts {

    static final int WIDTH = 900;
    static final int HEIGHT = 480;

    private ReportCharts() {}

    /**
     * One line per series (named through {@code names}), x = round; returns the file. Headless: set
     * {@code java.awt.headless=true} before the first call ({@link ReportWriter#write} does).
     */
    public static Path lineChart(
            Path file,
            String title,
            String yLabel,
            Map<String, SortedMap<Long, Double>> series,
            UnaryOperator<String> names)
            throws IOException {
        XYSeriesCollection dataset = new XYSeriesCollection();
        series.forEach((name, points) -> {
            XYSeries line = new XYSeries(names.apply(name), true, false);
            points.forEach(line::add);
            dataset.addSeries(line);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "round", yLabel, dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < dataset.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        return file;
    }
}
