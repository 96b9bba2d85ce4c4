package org.medfed.client.console;

/**
 * Escaping for ledger strings placed in the console's HTML and SVG: every value that came from the ledger, a CID or
 * a user goes through {@link #text} (element content and quoted attribute values alike), so no record can inject
 * markup or script into a page.
 */
public final class Html {
    private Html() {}

    /** {@code & < > " '} as entities; null as the empty string. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code <a href="…">text</a>} with both escaped; {@code href} comes from {@link Links}. */
    public static String link(String href, Object text) {
        return "<a href=\"" + text(href) + "\">" + text(text) + "</a>";
    }

    /** A long hex id or CID shortened for a table cell, the whole value in a tooltip. */
    public static String shortCode(String value) {
        if (value == null) {
            return "";
        }
        return "<code title=\"" + text(value) + "\">" + text(abbreviate(value)) + "</code>";
    }

    /** {@link #shortCode} linked to {@code href}. */
    public static String codeLink(String href, String value) {
        return "<a href=\"" + text(href) + "\">" + shortCode(value) + "</a>";
    }

    /** The first 12 characters and an ellipsis when longer than 16: enough to tell ids and hashes apart. */
    public static String abbreviate(String value) {
        return value.length() <= 16 ? value : value.substring(0, 12) + "…";
    }
}
