package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Markdown for {@code docs/results.md}: text, tables of measured figures, chart links and the shortfall list. */
final class ResultsMarkdown {
    /** The heading of the shortfall list, the file's last section but one. */
    static final String SHORTFALLS = "## Where medfed falls short";

    private final StringBuilder text = new StringBuilder();
    private final List<String> shortfalls = new ArrayList<>();

    ResultsMarkdown line(String line) {
        text.append(line).append('\n');
        return this;
    }

    ResultsMarkdown table(List<String> header, List<List<String>> rows) {
        text.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> text.append("---|"));
        text.append('\n');
        rows.forEach(r -> text.append("| ").append(String.join(" | ", r)).append(" |\n"));
        text.append('\n');
        return this;
    }

    ResultsMarkdown chart(String alt, String file) {
        return line("![" + alt + "](results/" + file + ")").line("");
    }

    static List<String> scores(String method, SimSummary.Row row, String extra) {
        List<String> cells = new ArrayList<>(List.of(method));
        if (extra != null) {
            cells.add(extra);
        }
        cells.addAll(
                List.of(row.accuracy().format(), row.f1().format(), row.auc().format()));
        return cells;
    }

    static String f(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }

    /**
     * Records how a federated figure compares with its reference: a shortfall when the gap exceeds the combined
     * spread over seeds, otherwise no clear difference.
     */
    void compare(String what, SimSummary.Stat federated, String reference, SimSummary.Stat ref) {
        double gap = ref.mean() - federated.mean() + 0.0;
        double spread = Math.sqrt(federated.sd() * federated.sd() + ref.sd() * ref.sd());
        String verdict;
        if (gap > spread) {
            verdict = String.format(Locale.ROOT, "**falls short** of %s by %.1f accuracy points", reference, 100 * gap);
        } else if (-gap > spread) {
            verdict = String.format(Locale.ROOT, "is above %s by %.1f points", reference, -100 * gap);
        } else {
            verdict = String.format(
                    Locale.ROOT,
                    "is within the seeds' spread of %s (gap %+.1f points, spread %.1f)",
                    reference,
                    -100 * gap + 0.0,
                    100 * spread);
        }
        shortfalls.add(
                String.format(Locale.ROOT, "- %s: %s vs %s, %s.", what, federated.format(), ref.format(), verdict));
    }

    /** Adds a line of its own to the shortfall list. */
    void shortfall(String line) {
        shortfalls.add(line);
    }

    List<String> shortfalls() {
        return List.copyOf(shortfalls);
    }

    /**
     * {@code results} with {@code section} in place of its previous version (from {@code heading} to the next level-2
     * heading), or before the {@code before} heading when it has none, or at the end.
     */
    static String splice(String results, String heading, String before, String section) {
        int at = results.indexOf(heading + "\n");
        if (at >= 0) {
            int end = results.indexOf("\n## ", at + heading.length());
            return results.substring(0, at) + section + (end < 0 ? "" : results.substring(end + 1));
        }
        int next = results.indexOf(before + "\n");
        if (next >= 0) {
            return results.substring(0, next) + section + results.substring(next);
        }
        return results + (results.endsWith("\n\n") ? "" : "\n") + section;
    }

    /**
     * {@code results} with the lines of the shortfall list that start with {@code prefix} replaced by {@code lines},
     * put at the end of the list's derived items; unchanged when it has no shortfall list.
     */
    static String spliceShortfalls(String results, String prefix, List<String> lines) {
        int at = results.indexOf(SHORTFALLS + "\n");
        if (at < 0) {
            return results;
        }
        int end = results.indexOf("\n## ", at + SHORTFALLS.length());
        end = end < 0 ? results.length() : end + 1;
        List<String> kept = new ArrayList<>(List.of(results.substring(at, end).split("\n", -1)));
        kept.removeIf(line -> line.startsWith(prefix));
        // after the heading, its blank line, the list's introduction and a blank line come the derived items
        int insert = 4;
        while (insert < kept.size() && kept.get(insert).startsWith("- ")) {
            insert++;
        }
        List<String> added = new ArrayList<>(lines);
        if (insert == 4 && !added.isEmpty()) {
            added.add("");
        }
        kept.addAll(Math.min(insert, kept.size()), added);
        return results.substring(0, at) + String.join("\n", kept) + results.substring(end);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
