package org.medfed.client.console;

import static org.medfed.client.console.SvgLineChart.BOTTOM;
import static org.medfed.client.console.SvgLineChart.LEFT;
import static org.medfed.client.console.SvgLineChart.LEGEND_COLUMNS;
import static org.medfed.client.console.SvgLineChart.LEGEND_ROW;
import static org.medfed.client.console.SvgLineChart.LEGEND_TOP;
import static org.medfed.client.console.SvgLineChart.MAX_X_TICKS;
import static org.medfed.client.console.SvgLineChart.PAD;
import static org.medfed.client.console.SvgLineChart.RIGHT;
import static org.medfed.client.console.SvgLineChart.TOP;
import static org.medfed.client.console.SvgLineChart.WIDTH;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/** The SVG of one {@link SvgLineChart}: grid, axes, reference line, series, legend. */
final class ChartSvg {
    private static final String GRID = "#e3e3e3";
    private static final String AXIS = "#595959";
    private static final String PROJECTED = "projected";

    private final SvgLineChart chart;
    private final ChartAxis axis;
    private final SortedSet<Long> rounds;
    private final StringBuilder out = new StringBuilder();

    ChartSvg(SvgLineChart chart) {
        this.chart = chart;
        this.axis = chart.axis();
        this.rounds = chart.rounds();
    }

    String render() {
        int legendRows = legendEntries().isEmpty() ? 0 : (legendEntries().size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
        int height = legendRows == 0 ? BOTTOM + 48 : LEGEND_TOP + (legendRows - 1) * LEGEND_ROW + 16;
        String id = chart.id();
        out.append("<svg xmlns=\"")
                .append(Svg.NS)
                .append("\" class=\"chart-svg\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-title ")
                .append(id)
                .append("-desc\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" font-family=\"")
                .append(Html.text(Svg.FONT))
                .append("\" font-size=\"12\" fill=\"")
                .append(Svg.INK)
                .append("\">\n");
        out.append("<title id=\"")
                .append(id)
                .append("-title\">")
                .append(Html.text(chart.title()))
                .append("</title>\n");
        out.append("<desc id=\"")
                .append(id)
                .append("-desc\">")
                .append(Html.text(desc()))
                .append("</desc>\n");
        grid();
        axes();
        reference();
        int i = 0;
        for (Map.Entry<String, SortedMap<Long, Double>> s : chart.series().entrySet()) {
            series(i++, s.getKey(), s.getValue());
        }
        referenceLabel();
        legend();
        return out.append("</svg>\n").toString();
    }

    /** What a reader of the picture would take from it, in words. */
    String desc() {
        if (rounds.isEmpty()) {
            return "Line chart of " + chart.yLabel() + " by round: no values yet.";
        }
        StringBuilder d = new StringBuilder("Line chart of ")
                .append(chart.yLabel())
                .append(" by round, rounds ")
                .append(rounds.first())
                .append(" to ")
                .append(rounds.last())
                .append("; axis from ")
                .append(axis.label(axis.min()))
                .append(" to ")
                .append(axis.label(axis.max()))
                .append('.');
        chart.series().forEach((name, points) -> {
            d.append(' ').append(chart.names().apply(name)).append(": ");
            if (points.isEmpty()) {
                d.append("no values.");
            } else {
                d.append(Svg.value(points.get(points.firstKey())))
                        .append(" at round ")
                        .append(points.firstKey())
                        .append(points.size() == 1 ? "." : ", ")
                        .append(
                                points.size() == 1
                                        ? ""
                                        : Svg.value(points.get(points.lastKey())) + " at round " + points.lastKey()
                                                + ".");
            }
        });
        if (chart.reference() != null) {
            d.append(" Reference line: ")
                    .append(chart.reference().label())
                    .append(" at ")
                    .append(Svg.value(chart.reference().value()))
                    .append('.');
        }
        if (!chart.projections().isEmpty()) {
            d.append(" Dotted lines are projections.");
        }
        return d.append(" The table beside the chart holds every value.").toString();
    }

    private double x(long round) {
        if (rounds.size() <= 1) {
            return (LEFT + WIDTH - RIGHT) / 2.0;
        }
        double span = rounds.last() - rounds.first();
        return LEFT + PAD + (round - rounds.first()) / span * (WIDTH - RIGHT - LEFT - 2 * PAD);
    }

    private double y(double value) {
        return axis.position(value, BOTTOM, TOP);
    }

    /** Every round while they fit, else every 2nd, 5th, 10th, 20th, … round. */
    List<Long> xTicks() {
        List<Long> ticks = new ArrayList<>();
        if (rounds.isEmpty()) {
            return ticks;
        }
        long span = rounds.last() - rounds.first();
        long step = 1;
        for (long magnitude = 1; span / step >= MAX_X_TICKS; magnitude *= 10) {
            for (long factor : new long[] {1, 2, 5}) {
                step = factor * magnitude;
                if (span / step < MAX_X_TICKS) {
                    break;
                }
            }
        }
        for (long r = Math.floorDiv(rounds.first() + step - 1, step) * step; r <= rounds.last(); r += step) {
            ticks.add(r);
        }
        return ticks;
    }

    private void grid() {
        out.append("<g class=\"chart-grid\" stroke=\"").append(GRID).append("\" stroke-width=\"1\">\n");
        for (BigDecimal tick : axis.ticks()) {
            line(LEFT, y(tick.doubleValue()), WIDTH - RIGHT, y(tick.doubleValue()));
        }
        for (long round : xTicks()) {
            line(x(round), TOP, x(round), BOTTOM);
        }
        out.append("</g>\n");
    }

    private void axes() {
        out.append("<g class=\"chart-axis\" fill=\"").append(Svg.MUTED).append("\">\n");
        out.append("<path d=\"M")
                .append(LEFT)
                .append(' ')
                .append(TOP)
                .append(" V")
                .append(BOTTOM)
                .append(" H")
                .append(WIDTH - RIGHT)
                .append("\" fill=\"none\" stroke=\"")
                .append(AXIS)
                .append("\"/>\n");
        for (BigDecimal tick : axis.ticks()) {
            out.append(Svg.text(LEFT - 8, y(tick.doubleValue()) + 4, "text-anchor=\"end\"", axis.label(tick)))
                    .append('\n');
        }
        for (long round : xTicks()) {
            out.append(Svg.text(x(round), BOTTOM + 18, "text-anchor=\"middle\"", Long.toString(round)))
                    .append('\n');
        }
        out.append(Svg.text(
                        (LEFT + WIDTH - RIGHT) / 2.0,
                        BOTTOM + 38,
                        "text-anchor=\"middle\" fill=\"" + Svg.INK + "\"",
                        "Round"))
                .append('\n');
        double middle = TOP + (BOTTOM - TOP) / 2.0;
        out.append(Svg.text(
                        16,
                        middle,
                        "text-anchor=\"middle\" fill=\"" + Svg.INK + "\" transform=\"rotate(-90 16 " + Svg.num(middle)
                                + ")\"",
                        Svg.fit(chart.yLabel(), 40)))
                .append('\n');
        if (rounds.isEmpty()) {
            out.append(Svg.text((LEFT + WIDTH - RIGHT) / 2.0, middle, "text-anchor=\"middle\"", "No values yet"))
                    .append('\n');
        }
        out.append("</g>\n");
    }

    private void reference() {
        SvgLineChart.Reference reference = chart.reference();
        if (reference == null) {
            return;
        }
        double at = y(reference.value());
        out.append("<g class=\"chart-reference\">\n");
        out.append("<line x1=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(Svg.num(at))
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y2=\"")
                .append(Svg.num(at))
                .append("\" stroke=\"")
                .append(Svg.INK)
                .append("\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>\n");
        out.append("</g>\n");
    }

    /**
     * Drawn after the series, so no line crosses it; at the left, where series over rounds (accuracy, ε) tend to be
     * furthest from any line a reader compares them with.
     */
    private void referenceLabel() {
        SvgLineChart.Reference reference = chart.reference();
        if (reference == null) {
            return;
        }
        double at = y(reference.value());
        // Above the line, unless that would leave the plot.
        double labelY = at - 6 < TOP + 12 ? at + 15 : at - 6;
        out.append("<g class=\"chart-reference-label\">")
                .append(Svg.text(
                        LEFT + 6,
                        labelY,
                        "font-size=\"11\" stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\"",
                        reference.label() + " " + Svg.value(reference.value())))
                .append("</g>\n");
    }

    private void series(int index, String name, SortedMap<Long, Double> points) {
        String colour = ChartStyle.colour(index);
        String shown = chart.names().apply(name);
        out.append("<g class=\"series series-")
                .append(index)
                .append("\" data-series=\"")
                .append(Html.text(name))
                .append("\">\n");
        if (points.size() > 1) {
            polyline(points, colour, "2", ChartStyle.dash(index));
        }
        SortedMap<Long, Double> projected = chart.projections().get(name);
        if (projected != null && !projected.isEmpty()) {
            // From the last value before the projection, so the dotted line continues the drawn one.
            SortedMap<Long, Double> line = new TreeMap<>(projected);
            SortedMap<Long, Double> before = points.headMap(projected.firstKey());
            if (!before.isEmpty()) {
                line.put(before.lastKey(), before.get(before.lastKey()));
            }
            if (line.size() > 1) {
                polyline(line, colour, "1.5", ChartStyle.PROJECTION_DASH);
            }
        }
        points.forEach((round, value) -> point(name, shown, index, round, value));
        if (projected != null) {
            projected.forEach((round, value) -> {
                out.append("<g class=\"point projected\"><title>")
                        .append(Html.text(shown + ", round " + round + ": " + Svg.value(value) + " (projected)"))
                        .append("</title>")
                        .append(ChartStyle.marker(ChartStyle.shape(index), x(round), y(value), colour, true))
                        .append("</g>\n");
            });
        }
        out.append("</g>\n");
    }

    private void point(String name, String shown, int index, long round, double value) {
        String href = chart.href(name, round);
        String tip = "<title>" + Html.text(shown + ", round " + round + ": " + Svg.value(value)) + "</title>";
        String marker = ChartStyle.marker(ChartStyle.shape(index), x(round), y(value), ChartStyle.colour(index), false);
        if (href == null) {
            out.append("<g class=\"point\">").append(tip).append(marker).append("</g>\n");
            return;
        }
        // A wider, invisible target around the marker: a 4-pixel dot is hard to hit.
        out.append("<a class=\"point\" href=\"")
                .append(href)
                .append("\">")
                .append(tip)
                .append("<circle cx=\"")
                .append(Svg.num(x(round)))
                .append("\" cy=\"")
                .append(Svg.num(y(value)))
                .append("\" r=\"10\" fill=\"#ffffff\" fill-opacity=\"0\"/>")
                .append(marker)
                .append("</a>\n");
    }

    private void polyline(SortedMap<Long, Double> points, String colour, String width, String dash) {
        StringBuilder xy = new StringBuilder();
        points.forEach((round, value) -> xy.append(xy.length() == 0 ? "" : " ")
                .append(Svg.num(x(round)))
                .append(',')
                .append(Svg.num(y(value))));
        out.append("<polyline points=\"")
                .append(xy)
                .append("\" fill=\"none\" stroke=\"")
                .append(colour)
                .append("\" stroke-width=\"")
                .append(width)
                .append("\" stroke-linejoin=\"round\" stroke-linecap=\"round\"")
                .append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
                .append("/>\n");
    }

    /** Series names as shown, then "projected" when any series has a projection. */
    private List<String> legendEntries() {
        List<String> entries = new ArrayList<>();
        chart.series().keySet().forEach(name -> entries.add(chart.names().apply(name)));
        if (!chart.projections().isEmpty()) {
            entries.add(PROJECTED);
        }
        return entries;
    }

    private void legend() {
        List<String> entries = legendEntries();
        if (entries.isEmpty()) {
            return;
        }
        double columnWidth = (WIDTH - LEFT - RIGHT) / (double) LEGEND_COLUMNS;
        out.append("<g class=\"chart-legend\">\n");
        for (int i = 0; i < entries.size(); i++) {
            double left = LEFT + (i % LEGEND_COLUMNS) * columnWidth;
            double middle = LEGEND_TOP + (i / LEGEND_COLUMNS) * LEGEND_ROW;
            boolean projection = i >= chart.series().size();
            String colour = projection ? Svg.MUTED : ChartStyle.colour(i);
            out.append("<g><title>").append(Html.text(entries.get(i))).append("</title>");
            out.append("<line x1=\"")
                    .append(Svg.num(left))
                    .append("\" y1=\"")
                    .append(Svg.num(middle))
                    .append("\" x2=\"")
                    .append(Svg.num(left + 28))
                    .append("\" y2=\"")
                    .append(Svg.num(middle))
                    .append("\" stroke=\"")
                    .append(colour)
                    .append("\" stroke-width=\"2\"");
            String dash = projection ? ChartStyle.PROJECTION_DASH : ChartStyle.dash(i);
            out.append(dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"")
                    .append("/>");
            out.append(ChartStyle.marker(
                    projection ? "circle" : ChartStyle.shape(i), left + 14, middle, colour, projection));
            out.append(Svg.text(left + 36, middle + 4, "", Svg.fit(entries.get(i), 26)))
                    .append("</g>\n");
        }
        out.append("</g>\n");
    }

    private void line(double x1, double y1, double x2, double y2) {
        out.append("<line x1=\"")
                .append(Svg.num(x1))
                .append("\" y1=\"")
                .append(Svg.num(y1))
                .append("\" x2=\"")
                .append(Svg.num(x2))
                .append("\" y2=\"")
                .append(Svg.num(y2))
                .append("\"/>\n");
    }
}
