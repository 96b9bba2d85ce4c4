package org.medfed.client.view;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.medfed.client.ledger.Page;

/** Left-aligned text columns for people: a table with a header row, or label/value fields. */
public final class Table {

    private static final String GAP = "  ";
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    /** A table with a header row. */
    public static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /** Label/value lines without a header. */
    public static Table fields() {
        return new Table(List.of());
    }

    /** Cells are shown with {@link #text(Object)}. */
    public Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(Table::text).toList());
        return this;
    }

    /** One row per item, the label on the first; none when there are no items. */
    public Table rows(String label, List<?> items) {
        for (int i = 0; i < items.size(); i++) {
            row(i == 0 ? label : "", items.get(i));
        }
        return this;
    }

    public void print(PrintWriter out) {
        List<List<String>> all = new ArrayList<>();
        if (!headers.isEmpty()) {
            all.add(headers);
        }
        all.addAll(rows);
        int columns = all.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - row.get(i).length())).append(GAP);
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** "-" for null, yes/no, decimals to six significant digits, everything else as its string. */
    public static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Boolean bool) {
            return bool ? "yes" : "no";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.round(new MathContext(6)).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    /** After a page: how many were listed ({@code noun} is a plural in -s), and how to get the next page. */
    public static void pageFooter(PrintWriter out, Page<?> page, String noun) {
        int count = page.items().size();
        String counted = count + " " + (count == 1 ? noun.substring(0, noun.length() - 1) : noun);
        out.println(counted + (page.isLast() ? "." : "; more with --bookmark " + page.bookmark() + " (or --all)."));
    }
}
