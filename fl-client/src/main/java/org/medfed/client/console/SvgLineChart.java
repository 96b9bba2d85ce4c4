package org.medfed.client.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A line chart of values by round as the console shows it: a {@code <figure>} with a {@code <figcaption>}, an inline
 * SVG ({@code role="img"} with a {@code <title>} and a {@code <desc>}) and, beside it, a table with the same numbers,
 * rounds by series. Every data point is an {@code <a>} to where its value came from. There are no style attributes
 * and no script (the console's CSP forbids both): the SVG draws with presentation attributes, and its parts carry
 * class names ({@code chart}, {@code chart-svg}, {@code chart-data}, {@code series}, {@code point}, …) for
 * console.css. The output depends on the input alone.
 *
 * <pre>{@code
 * String html = SvgLineChart.of("epsilon", "Privacy spent", "cumulative ε", ReportSeries.epsilon(data))
 *         .withRange(SvgLineChart.YRange.FROM_ZERO)
 *         .withReference(3.0, "ε cap")
 *         .withNames(displayNames::get)
 *         .withLinks((participant, round) -> Links.round(taskId, round))
 *         .render();
 * }</pre>
 *
 * @param id the figure's id, unique in its page; the SVG's own ids start with it
 * @param series series name → round → value (the shape {@code ReportSeries} gives), drawn and tabled in the map's
 *     order, so a sorted map gives a stable page
 * @param range how the value axis is chosen
 * @param reference a horizontal line to compare with (such as the ε cap), or null
 * @param projections per series name, values expected at later rounds: dotted from the series' last point, hollow
 *     markers, no links (nothing on the ledger holds them yet)
 * @param names a series name as shown (such as a participant id to its display name)
 * @param links the href (from {@link Links}) of a series' point at a round, or null for a point without one
 */
public record SvgLineChart(
        String id,
        String title,
        String yLabel,
        Map<String, SortedMap<Long, Double>> series,
        YRange range,
        Reference reference,
        Map<String, SortedMap<Long, Double>> projections,
        UnaryOperator<String> names,
        BiFunction<String, Long, String> links) {

    /** The value axis: [0, 1] (for shares such as accuracy), zoomed to the values, or from zero up to them. */
    public enum YRange {
        UNIT,
        ZOOMED,
        FROM_ZERO
    }

    /** A horizontal line at {@code value}, labelled. */
    public record Reference(double value, String label) {
        public Reference {
            finite(value, label);
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("a reference line has a label");
            }
        }
    }

    static final int WIDTH = 720;
    static final int LEFT = 64;
    static final int RIGHT = 24;
    static final int TOP = 24;
    static final int PLOT_HEIGHT = 240;
    static final int BOTTOM = TOP + PLOT_HEIGHT;
    /** Space between the plot's sides and the first and last rounds, so their markers are not cut. */
    static final int PAD = 16;

    /** The middle of the legend's first row. */
    static final int LEGEND_TOP = BOTTOM + 64;

    static final int LEGEND_ROW = 22;
    static final int LEGEND_COLUMNS = 3;
    static final int MAX_X_TICKS = 16;

    public SvgLineChart {
        Svg.id(id);
        if (title == null || yLabel == null || range == null || names == null || links == null) {
            throw new IllegalArgumentException("a chart has a title, a y-axis label, a range, names and links");
        }
        series = copy(series);
        projections = copy(projections);
        for (String name : projections.keySet()) {
            if (!series.containsKey(name)) {
                throw new IllegalArgumentException("a projection for a series the chart does not have: " + name);
            }
        }
    }

    /** A chart zoomed to its values, without reference line, projections or links, series shown by their names. */
    public static SvgLineChart of(String id, String title, String yLabel, Map<String, SortedMap<Long, Double>> series) {
        return new SvgLineChart(
                id, title, yLabel, series, YRange.ZOOMED, null, Map.of(), UnaryOperator.identity(), (s, r) -> null);
    }

    public SvgLineChart withRange(YRange range) {
        return new SvgLineChart(id, title, yLabel, series, range, reference, projections, names, links);
    }

    public SvgLineChart withReference(double value, String label) {
        return new SvgLineChart(
                id, title, yLabel, series, range, new Reference(value, label), projections, names, links);
    }

    public SvgLineChart withProjections(Map<String, SortedMap<Long, Double>> projections) {
        return new SvgLineChart(id, title, yLabel, series, range, reference, projections, names, links);
    }

    public SvgLineChart withNames(UnaryOperator<String> names) {
        return new SvgLineChart(id, title, yLabel, series, range, reference, projections, names, links);
    }

    public SvgLineChart withLinks(BiFunction<String, Long, String> links) {
        return new SvgLineChart(id, title, yLabel, series, range, reference, projections, names, links);
    }

    /** The figure: caption, SVG and table. */
    public String render() {
        return "<figure class=\"chart\" id=\"" + id + "\">\n<figcaption>" + Html.text(title) + "</figcaption>\n"
                + "<div class=\"chart-body\">\n" + new ChartSvg(this).render() + table() + "</div>\n</figure>\n";
    }

    /** Every round any series (or projection) has, in order. */
    SortedSet<Long> rounds() {
        SortedSet<Long> rounds = new TreeSet<>();
        series.values().forEach(points -> rounds.addAll(points.keySet()));
        projections.values().forEach(points -> rounds.addAll(points.keySet()));
        return rounds;
    }

    /** The axis for every value drawn: the series, their projections and the reference line. */
    ChartAxis axis() {
        double low = Double.NaN;
        double high = Double.NaN;
        List<Double> values = new ArrayList<>();
        series.values().forEach(points -> values.addAll(points.values()));
        projections.values().forEach(points -> values.addAll(points.values()));
        if (reference != null) {
            values.add(reference.value());
        }
        for (double v : values) {
            low = Double.isNaN(low) ? v : Math.min(low, v);
            high = Double.isNaN(high) ? v : Math.max(high, v);
        }
        return ChartAxis.of(range, low, high);
    }

    /** The href of a point, checked to stay on the console; null for none. */
    String href(String name, long round) {
        String href = links.apply(name, round);
        return href == null ? null : Svg.href(href);
    }

    private String table() {
        StringBuilder t = new StringBuilder("<table class=\"chart-data\">\n<caption>")
                .append(Html.text(title + ": " + yLabel + " by round"));
        if (reference != null) {
            t.append(Html.text(" (" + reference.label() + ": " + Svg.value(reference.value()) + ")"));
        }
        t.append("</caption>\n<thead><tr><th scope=\"col\">Round</th>");
        series.keySet()
                .forEach(name -> t.append("<th scope=\"col\">")
                        .append(Html.text(names.apply(name)))
                        .append("</th>"));
        t.append("</tr></thead>\n<tbody>\n");
        if (rounds().isEmpty()) {
            t.append("<tr><td colspan=\"").append(series.size() + 1).append("\">No values yet.</td></tr>\n");
        }
        for (long round : rounds()) {
            t.append("<tr><th scope=\"row\">").append(round).append("</th>");
            for (Map.Entry<String, SortedMap<Long, Double>> s : series.entrySet()) {
                t.append(cell(s.getKey(), round, s.getValue().get(round)));
            }
            t.append("</tr>\n");
        }
        return t.append("</tbody>\n</table>\n").toString();
    }

    private String cell(String name, long round, Double value) {
        if (value != null) {
            String href = href(name, round);
            String shown = Html.text(Svg.value(value));
            return "<td>" + (href == null ? shown : "<a href=\"" + Html.text(href) + "\">" + shown + "</a>") + "</td>";
        }
        Double projected =
                projections.getOrDefault(name, Collections.emptySortedMap()).get(round);
        if (projected != null) {
            return "<td class=\"projected\">" + Html.text(Svg.value(projected)) + " (projected)</td>";
        }
        return "<td class=\"missing\">–</td>";
    }

    private static Map<String, SortedMap<Long, Double>> copy(Map<String, SortedMap<Long, Double>> in) {
        Map<String, SortedMap<Long, Double>> out = new LinkedHashMap<>();
        (in == null ? Map.<String, SortedMap<Long, Double>>of() : in).forEach((name, points) -> {
            SortedMap<Long, Double> copy = new TreeMap<>(points);
            copy.forEach((round, value) -> finite(value, name + " at round " + round));
            out.put(name, Collections.unmodifiableSortedMap(copy));
        });
        return Collections.unmodifiableMap(out);
    }

    private static void finite(Double value, String what) {
        if (value == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException("a chart draws finite numbers only: " + what + " is " + value);
        }
    }
}
