package org.medfed.client.console;

import java.util.ArrayList;
import java.util.List;

/**
 * A data table with a caption and column headers; cells are markup the caller has already escaped (with
 * {@link Html}). Columns named in {@link #numeric} are right-aligned.
 */
final class HtmlTable {
    private final String caption;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] numeric;

    private HtmlTable(String caption, List<String> headers) {
        this.caption = caption;
        this.headers = List.copyOf(headers);
        this.numeric = new boolean[headers.size()];
    }

    static HtmlTable of(String caption, String... headers) {
        return new HtmlTable(caption, List.of(headers));
    }

    HtmlTable numeric(int... columns) {
        for (int c : columns) {
            numeric[c] = true;
        }
        return this;
    }

    HtmlTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(
                    "a row of " + cells.length + " cells in a table of " + headers.size() + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String render() {
        StringBuilder html = new StringBuilder("<div class=\"scroll\"><table>\n<caption>")
                .append(Html.text(caption))
                .append("</caption>\n<thead><tr>");
        for (int c = 0; c < headers.size(); c++) {
            html.append("<th scope=\"col\"")
                    .append(cls(c))
                    .append('>')
                    .append(Html.text(headers.get(c)))
                    .append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                html.append("<td").append(cls(c)).append('>').append(row.get(c)).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table></div>\n").toString();
    }

    private String cls(int column) {
        return numeric[column] ? " class=\"num\"" : "";
    }
}
