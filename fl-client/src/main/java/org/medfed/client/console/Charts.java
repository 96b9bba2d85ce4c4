package org.medfed.client.console;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import org.medfed.client.report.ReportData;
import org.medfed.client.report.ReportSeries;

/** The task page's figures (placeholder: tables until the SVG renderer lands). */
final class Charts {
    private Charts() {}

    static String metrics(ReportData data) {
        return table("Validation metrics per round", ReportSeries.metrics(data, false));
    }

    static String reputation(ReportData data, Directory names) {
        return table("Reputation per participant", ReportSeries.reputation(data));
    }

    static String epsilon(
            ReportData data, Directory names, double cap, Map<String, SortedMap<Long, Double>> projections) {
        return table("Epsilon per participant (cap " + cap + ")", ReportSeries.epsilon(data));
    }

    private static String table(String caption, Map<String, SortedMap<Long, Double>> series) {
        TreeSet<Long> rounds = new TreeSet<>();
        series.values().forEach(s -> rounds.addAll(s.keySet()));
        String[] headers = new String[series.size() + 1];
        headers[0] = "round";
        int i = 1;
        for (String name : series.keySet()) {
            headers[i++] = name;
        }
        HtmlTable table = HtmlTable.of(caption, headers);
        for (long round : rounds) {
            String[] cells = new String[headers.length];
            cells[0] = Long.toString(round);
            int c = 1;
            for (SortedMap<Long, Double> s : series.values()) {
                Double v = s.get(round);
                cells[c++] = v == null ? "" : String.format(java.util.Locale.ROOT, "%.3f", v);
            }
            table.row(cells);
        }
        return table.render();
    }
}
