package org.medfed.client.console;

import java.util.List;

/**
 * How series look apart. Colours are the Okabe–Ito palette's members with at least 3:1 contrast against white (its
 * orange, sky blue and yellow have less, so lines in them fade on a white page); and since colour alone does not tell
 * series apart for everyone, each series also has its own marker shape and, past the fifth, a dash pattern.
 */
final class ChartStyle {
    /** Blue, vermillion, bluish green, reddish purple, black: 5.2, 3.9, 3.4, 3.1 and 21:1 against white. */
    static final List<String> COLOURS = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000");

    static final List<String> SHAPES = List.of("circle", "square", "triangle", "diamond", "triangle-down", "plus");
    /** Solid for the first five series, then dash-dot, then long dashes; projections are dotted, unlike any. */
    static final List<String> DASHES = List.of("", "8 3 2 3", "12 4");

    static final String PROJECTION_DASH = "2 4";

    private ChartStyle() {}

    static String colour(int series) {
        return COLOURS.get(series % COLOURS.size());
    }

    static String shape(int series) {
        return SHAPES.get(series % SHAPES.size());
    }

    static String dash(int series) {
        return DASHES.get((series / COLOURS.size()) % DASHES.size());
    }

    /** The marker of {@code shape} centred on (x, y); hollow (white inside) for a projected point. */
    static String marker(String shape, double x, double y, String colour, boolean hollow) {
        String paint = " fill=\"" + (hollow ? "#ffffff" : colour) + "\" stroke=\"" + colour + "\" stroke-width=\""
                + (hollow ? "1.5" : "1") + "\"";
        return switch (shape) {
            case "circle" -> "<circle cx=\"" + Svg.num(x) + "\" cy=\"" + Svg.num(y) + "\" r=\"4\"" + paint + "/>";
            case "square" ->
                "<rect x=\"" + Svg.num(x - 3.5) + "\" y=\"" + Svg.num(y - 3.5) + "\" width=\"7\" height=\"7\"" + paint
                        + "/>";
            case "triangle" -> polygon(paint, x, y - 5, x + 5, y + 4, x - 5, y + 4);
            case "diamond" -> polygon(paint, x, y - 5.5, x + 5.5, y, x, y + 5.5, x - 5.5, y);
            case "triangle-down" -> polygon(paint, x, y + 5, x + 5, y - 4, x - 5, y - 4);
            case "plus" ->
                polygon(
                        paint, x - 2, y - 5.5, x + 2, y - 5.5, x + 2, y - 2, x + 5.5, y - 2, x + 5.5, y + 2, x + 2,
                        y + 2, x + 2, y + 5.5, x - 2, y + 5.5, x - 2, y + 2, x - 5.5, y + 2, x - 5.5, y - 2, x - 2,
                        y - 2);
            default -> throw new IllegalArgumentException("no marker shape " + shape);
        };
    }

    private static String polygon(String paint, double... xy) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            points.append(i == 0 ? "" : " ").append(Svg.num(xy[i])).append(',').append(Svg.num(xy[i + 1]));
        }
        return "<polygon points=\"" + points + "\"" + paint + "/>";
    }
}
