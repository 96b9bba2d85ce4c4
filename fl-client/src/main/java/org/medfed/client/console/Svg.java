package org.medfed.client.console;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;
import org.medfed.client.view.Table;

/**
 * What the console's SVG renderers share: coordinates and values as text (never through the default locale), the
 * checks that keep an id or a link safe to place in a page, and rounded orthogonal paths.
 */
final class Svg {
    static final String NS = "http://www.w3.org/2000/svg";
    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
    static final String MONO = "ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace";
    /** Text colours with at least 7:1 (primary) and 4.5:1 (secondary) contrast on white. */
    static final String INK = "#1a1a1a";

    static final String MUTED = "#595959";

    /** Ids also go into {@code url(#…)} references, so they keep to characters that need no escaping there. */
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private Svg() {}

    /** A coordinate to one decimal, as SVG reads it. */
    static String num(double v) {
        double rounded = Math.round(v * 10) / 10.0;
        if (rounded == Math.rint(rounded)) {
            return Long.toString((long) rounded);
        }
        return String.format(Locale.ROOT, "%.1f", rounded);
    }

    /** A data value for people: six significant digits, as the CLI's tables print them. */
    static String value(double v) {
        return Table.text(BigDecimal.valueOf(v));
    }

    static String id(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an SVG id is a letter then letters, digits, - or _: " + id);
        }
        return id;
    }

    /**
     * {@code href} if it stays on the console: a path from {@link Links}, never a scheme ({@code javascript:}) or a
     * protocol-relative {@code //host}.
     */
    static String href(String href) {
        if (href == null || !href.startsWith("/") || href.startsWith("//")) {
            throw new IllegalArgumentException("links stay on the console (a path from Links): " + href);
        }
        return href;
    }

    /**
     * {@code  name="value"} for each name and value whose value is not null: a double as a coordinate, an integer as
     * it is, anything else escaped.
     */
    static String attrs(Object... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value != null) {
                String text = value instanceof Double d
                        ? num(d)
                        : value instanceof Integer ? value.toString() : Html.text(value);
                out.append(' ').append(pairs[i]).append("=\"").append(text).append('"');
            }
        }
        return out.toString();
    }

    /** An element without content: {@code <name …/>}. */
    static String empty(String name, Object... pairs) {
        return "<" + name + attrs(pairs) + "/>";
    }

    /** A start tag: {@code <name …>}. */
    static String open(String name, Object... pairs) {
        return "<" + name + attrs(pairs) + ">";
    }

    /** At most {@code max} characters, an ellipsis marking a cut (the whole text goes in a tooltip). */
    static String fit(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The head and tail of a CID: its base32 prefix is shared by every raw-leaf CID, so the tail tells them apart. */
    static String shortCid(String cid) {
        return cid.length() <= 16 ? cid : cid.substring(0, 6) + "…" + cid.substring(cid.length() - 6);
    }

    /**
     * A path through {@code xy} (x0, y0, x1, y1, …) with each corner rounded by up to {@code radius}, so edges that
     * turn read as one line.
     */
    static String path(double radius, double... xy) {
        StringBuilder d = new StringBuilder("M").append(num(xy[0])).append(' ').append(num(xy[1]));
        for (int i = 2; i + 2 < xy.length; i += 2) {
            double px = xy[i - 2];
            double py = xy[i - 1];
            double cx = xy[i];
            double cy = xy[i + 1];
            double nx = xy[i + 2];
            double ny = xy[i + 3];
            double in = Math.hypot(cx - px, cy - py);
            double out = Math.hypot(nx - cx, ny - cy);
            double r = Math.min(radius, Math.min(in, out) / 2);
            if (r <= 0) {
                continue;
            }
            d.append(" L").append(num(cx - (cx - px) / in * r)).append(' ').append(num(cy - (cy - py) / in * r));
            d.append(" Q")
                    .append(num(cx))
                    .append(' ')
                    .append(num(cy))
                    .append(' ')
                    .append(num(cx + (nx - cx) / out * r))
                    .append(' ')
                    .append(num(cy + (ny - cy) / out * r));
        }
        return d.append(" L")
                .append(num(xy[xy.length - 2]))
                .append(' ')
                .append(num(xy[xy.length - 1]))
                .toString();
    }

    /**
     * The start of an accessible SVG, {@code width} by {@code height} units: an image labelled by its title and
     * described by its description (ids {@code id-title} and {@code id-desc}), with the console's font and ink.
     */
    static String root(String cssClass, String id, int width, int height, String title, String desc) {
        return open(
                        "svg",
                        "xmlns",
                        NS,
                        "class",
                        cssClass,
                        "role",
                        "img",
                        "aria-labelledby",
                        id + "-title " + id + "-desc",
                        "viewBox",
                        "0 0 " + width + " " + height,
                        "width",
                        width,
                        "height",
                        height,
                        "font-family",
                        FONT,
                        "font-size",
                        12,
                        "fill",
                        INK)
                + "\n<title id=\"" + id + "-title\">" + Html.text(title) + "</title>\n<desc id=\"" + id + "-desc\">"
                + Html.text(desc) + "</desc>\n";
    }

    /** {@code <text>} at (x, y) with more attributes and escaped content. */
    static String text(double x, double y, String content, Object... pairs) {
        return "<text" + attrs("x", x, "y", y) + attrs(pairs) + ">" + Html.text(content) + "</text>";
    }
}
