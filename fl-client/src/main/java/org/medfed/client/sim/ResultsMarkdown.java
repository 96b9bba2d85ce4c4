package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Markdown for {@code docs/results.md}: text, tables of measured figures, chart links and the shortfall list. */
final class ResultsMarkdown {
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

    List<String> shortfalls() {
        return List.copyOf(shortfalls);
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
