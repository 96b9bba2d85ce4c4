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
    private static final String PROJECTED = "projected";
    private static final double CENTRE = (LEFT + WIDTH - RIGHT) / 2.0;
    /** Pixels between series at one round; small beside a round's width, wide enough to see two markers. */
    private static final double DODGE = 4;

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
        int entries = legendEntries().size();
        int legendRows = (entries + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
        int height = legendRows == 0 ? BOTTOM + 48 : LEGEND_TOP + (legendRows - 1) * LEGEND_ROW + 16;
        out.append(Svg.root("chart-svg", chart.id(), WIDTH, height, chart.title(), desc()));
        grid();
        axes();
        referenceLine();
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
        StringBuilder d = new StringBuilder("Line chart of " + chart.yLabel() + " by round, rounds " + rounds.first()
                + " to " + rounds.last() + "; axis from " + axis.label(axis.min()) + " to " + axis.label(axis.max())
                + ".");
        chart.series().forEach((name, points) -> {
            d.append(' ').append(chart.names().apply(name)).append(": ");
            if (points.isEmpty()) {
                d.append("no values.");
            } else {
                d.append(Svg.value(points.get(points.firstKey())))
                        .append(" at round ")
                        .append(points.firstKey());
                if (points.size() > 1) {
                    d.append(", ")
                            .append(Svg.value(points.get(points.lastKey())))
                            .append(" at round ")
                            .append(points.lastKey());
                }
                d.append('.');
            }
        });
        if (chart.reference() != null) {
            d.append(" Reference line: " + chart.reference().label() + " at "
                    + Svg.value(chart.reference().value()) + ".");
        }
        if (!chart.projections().isEmpty()) {
            d.append(" Dotted lines are projections.");
        }
        return d.append(" The table beside the chart holds every value.").toString();
    }

    private double x(long round) {
        if (rounds.size() <= 1) {
            return CENTRE;
        }
        double span = rounds.last() - rounds.first();
        return LEFT + PAD + (round - rounds.first()) / span * (WIDTH - RIGHT - LEFT - 2 * PAD);
    }

    /**
     * A series' x: the round's, shifted a few pixels per series so equal values of several series sit side by side
     * rather than hide one another (the table beside the chart has the exact values).
     */
    private double x(long round, int index) {
        int count = chart.series().size();
        return count <= 1 ? x(round) : x(round) + (index - (count - 1) / 2.0) * DODGE;
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
        out.append(Svg.open("g", "class", "chart-grid", "stroke", GRID, "stroke-width", 1))
                .append('\n');
        for (BigDecimal tick : axis.ticks()) {
            double at = y(tick.doubleValue());
            out.append(Svg.empty("line", "x1", LEFT, "y1", at, "x2", WIDTH - RIGHT, "y2", at))
                    .append('\n');
        }
        for (long round : xTicks()) {
            out.append(Svg.empty("line", "x1", x(round), "y1", TOP, "x2", x(round), "y2", BOTTOM))
                    .append('\n');
        }
        out.append("</g>\n");
    }

    private void axes() {
        out.append(Svg.open("g", "class", "chart-axis", "fill", Svg.MUTED)).append('\n');
        out.append(Svg.empty(
                        "path",
                        "d",
                        "M" + LEFT + " " + TOP + " V" + BOTTOM + " H" + (WIDTH - RIGHT),
                        "fill",
                        "none",
                        "stroke",
                        Svg.MUTED))
                .append('\n');
        for (BigDecimal tick : axis.ticks()) {
            out.append(Svg.text(LEFT - 8, y(tick.doubleValue()) + 4, axis.label(tick), "text-anchor", "end"))
                    .append('\n');
        }
        for (long round : xTicks()) {
            out.append(Svg.text(x(round), BOTTOM + 18, Long.toString(round), "text-anchor", "middle"))
                    .append('\n');
        }
        out.append(Svg.text(CENTRE, BOTTOM + 38, "Round", "text-anchor", "middle", "fill", Svg.INK))
                .append('\n');
        double middle = TOP + (BOTTOM - TOP) / 2.0;
        out.append(Svg.text(
                        16,
                        middle,
                        Svg.fit(chart.yLabel(), 40),
                        "text-anchor",
                        "middle",
                        "fill",
                        Svg.INK,
                        "transform",
                        "rotate(-90 16 " + Svg.num(middle) + ")"))
                .append('\n');
        if (rounds.isEmpty()) {
            out.append(Svg.text(CENTRE, middle, "No values yet", "text-anchor", "middle"))
                    .append('\n');
        }
        out.append("</g>\n");
    }

    private void referenceLine() {
        if (chart.reference() != null) {
            double at = y(chart.reference().value());
            out.append(Svg.empty(
                            "line",
                            "class",
                            "chart-reference",
                            "x1",
                            LEFT,
                            "y1",
                            at,
                            "x2",
                            WIDTH - RIGHT,
                            "y2",
                            at,
                            "stroke",
                            Svg.INK,
                            "stroke-width",
                            "1.5",
                            "stroke-dasharray",
                            "6 4"))
                    .append('\n');
        }
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
        out.append(Svg.text(
                        LEFT + 6,
                        labelY,
                        reference.label() + " " + Svg.value(reference.value()),
                        "class",
                        "chart-reference-label",
                        "font-size",
                        11,
                        "stroke",
                        "#ffffff",
                        "stroke-width",
                        3,
                        "paint-order",
                        "stroke"))
                .append('\n');
    }

    private void series(int index, String name, SortedMap<Long, Double> points) {
        String colour = ChartStyle.colour(index);
        String shown = chart.names().apply(name);
        out.append(Svg.open("g", "class", "series series-" + index, "data-series", name))
                .append('\n');
        if (points.size() > 1) {
            // Earlier series are drawn wider, so a later one drawn on top of the same values leaves them a visible rim.
            polyline(
                    points,
                    index,
                    colour,
                    Svg.num(2 + 0.75 * (chart.series().size() - 1 - index)),
                    ChartStyle.dash(index));
        }
        SortedMap<Long, Double> projected = chart.projections().getOrDefault(name, new TreeMap<>());
        if (!projected.isEmpty()) {
            // From the last value before the projection, so the dotted line continues the drawn one.
            SortedMap<Long, Double> line = new TreeMap<>(projected);
            SortedMap<Long, Double> before = points.headMap(projected.firstKey());
            if (!before.isEmpty()) {
                line.put(before.lastKey(), before.get(before.lastKey()));
            }
            if (line.size() > 1) {
                polyline(line, index, colour, "1.5", ChartStyle.PROJECTION_DASH);
            }
        }
        points.forEach((round, value) -> point(name, shown, index, round, value));
        projected.forEach((round, value) -> out.append("<g class=\"point projected\"><title>")
                .append(Html.text(shown + ", round " + round + ": " + Svg.value(value) + " (projected)"))
                .append("</title>")
                .append(ChartStyle.marker(ChartStyle.shape(index), x(round, index), y(value), colour, true))
                .append("</g>\n"));
        out.append("</g>\n");
    }

    private void point(String name, String shown, int index, long round, double value) {
        String href = chart.href(name, round);
        String tip = "<title>" + Html.text(shown + ", round " + round + ": " + Svg.value(value)) + "</title>";
        String marker =
                ChartStyle.marker(ChartStyle.shape(index), x(round, index), y(value), ChartStyle.colour(index), false);
        if (href == null) {
            out.append("<g class=\"point\">").append(tip).append(marker).append("</g>\n");
            return;
        }
        // A wider, invisible target around the marker: a 4-pixel dot is hard to hit.
        String target = Svg.empty(
                "circle", "cx", x(round, index), "cy", y(value), "r", 10, "fill", "#ffffff", "fill-opacity", 0);
        out.append(Svg.open("a", "class", "point", "href", href))
                .append(tip)
                .append(target)
                .append(marker)
                .append("</a>\n");
    }

    private void polyline(SortedMap<Long, Double> points, int index, String colour, String width, String dash) {
        StringBuilder xy = new StringBuilder();
        points.forEach((round, value) -> xy.append(xy.length() == 0 ? "" : " ")
                .append(Svg.num(x(round, index)))
                .append(',')
                .append(Svg.num(y(value))));
        out.append(Svg.empty(
                        "polyline",
                        "points",
                        xy,
                        "fill",
                        "none",
                        "stroke",
                        colour,
                        "stroke-width",
                        width,
                        "stroke-linejoin",
                        "round",
                        "stroke-linecap",
                        "round",
                        "stroke-dasharray",
                        dash.isEmpty() ? null : dash))
                .append('\n');
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
            String dash = projection ? ChartStyle.PROJECTION_DASH : ChartStyle.dash(i);
            out.append("<g><title>")
                    .append(Html.text(entries.get(i)))
                    .append("</title>")
                    .append(Svg.empty(
                            "line",
                            "x1",
                            left,
                            "y1",
                            middle,
                            "x2",
                            left + 28,
                            "y2",
                            middle,
                            "stroke",
                            colour,
                            "stroke-width",
                            2,
                            "stroke-dasharray",
                            dash.isEmpty() ? null : dash))
                    .append(ChartStyle.marker(
                            projection ? "circle" : ChartStyle.shape(i), left + 14, middle, colour, projection))
                    .append(Svg.text(left + 36, middle + 4, Svg.fit(entries.get(i), 26)))
                    .append("</g>\n");
        }
        out.append("</g>\n");
    }
}
