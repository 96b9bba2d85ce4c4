package org.medfed.client.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.medfed.client.report.ReportCharts;
import org.medfed.client.report.ReportCharts.Panel;
import org.medfed.client.report.ReportCharts.Scale;

/**
 * Round time against the number of participants K, from {@code medfed bench round --json} outputs: one line per
 * engine and model size P, with the median round (upload to aggregated), the median close-to-aggregated part, and the
 * largest chaincode server peak RSS in panels of their own, plus the least-squares slope of round time in K (goal P4
 * asks that round time grow at most linearly in K).
 */
final class RoundTimeChart {

    /** One bench round output. */
    record Point(
            String engine, long participants, long params, double totalS, double closeToAggregatedS, double rssMiB) {
        String series() {
            return String.format(Locale.ROOT, "P=%,d (%s)", params, engine);
        }
    }

    /** A fitted line {@code seconds = intercept + slope · K} over one series' points. */
    record Fit(String series, int points, double slopeSPerParticipant, double interceptS) {}

    private RoundTimeChart() {}

    static Point read(Path file) throws IOException {
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject() || !"round".equals(text(parsed.getAsJsonObject(), "benchmark", file))) {
                throw new IOException(file + " is not the JSON of `medfed bench round --json`");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            throw new IOException(file + " is not the JSON of `medfed bench round --json`: " + e.getMessage(), e);
        }
        JsonObject medians = root.getAsJsonObject("medians");
        JsonObject rss = root.getAsJsonObject("chaincodePeakRssKiB");
        if (medians == null || rss == null) {
            throw new IOException(file + ": no \"medians\" or \"chaincodePeakRssKiB\"");
        }
        long peak = 0;
        for (Map.Entry<String, JsonElement> org : rss.entrySet()) {
            peak = Math.max(peak, org.getValue().getAsLong());
        }
        return new Point(
                text(root, "engine", file),
                root.get("participants").getAsLong(),
                root.get("params").getAsLong(),
                medians.get("totalMs").getAsDouble() / 1000,
                medians.get("closeToAggregatedMs").getAsDouble() / 1000,
                peak / 1024.0);
    }

    static JFreeChart chart(List<Point> points) {
        Map<String, SortedMap<Long, Double>> total = new LinkedHashMap<>();
        Map<String, SortedMap<Long, Double>> overhead = new LinkedHashMap<>();
        Map<String, SortedMap<Long, Double>> rss = new LinkedHashMap<>();
        for (Point p : points) {
            total.computeIfAbsent(p.series(), k -> new TreeMap<>()).put(p.participants(), p.totalS());
            overhead.computeIfAbsent(p.series(), k -> new TreeMap<>()).put(p.participants(), p.closeToAggregatedS());
            rss.computeIfAbsent(p.series(), k -> new TreeMap<>()).put(p.participants(), p.rssMiB());
        }
        return ReportCharts.chart(
                "Round time against participants",
                "medfed bench round, 3 organisations, median over its rounds; RSS: the largest chaincode server's peak",
                "participants in the round (K)",
                List.of(
                        new Panel("round, upload to aggregated (s)", Scale.FROM_ZERO, total),
                        new Panel("close to aggregated (s)", Scale.FROM_ZERO, overhead),
                        new Panel("chaincode peak RSS (MiB)", Scale.FROM_ZERO, rss)),
                name -> name);
    }

    /** Ordinary least squares of round time on K, per series with at least two distinct K. */
    static List<Fit> fits(List<Point> points) {
        Map<String, List<Point>> bySeries = new TreeMap<>();
        points.forEach(p ->
                bySeries.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p));
        List<Fit> fits = new ArrayList<>();
        bySeries.forEach((series, ps) -> {
            double n = ps.size();
            double mx = ps.stream().mapToDouble(Point::participants).sum() / n;
            double my = ps.stream().mapToDouble(Point::totalS).sum() / n;
            double sxx = 0;
            double sxy = 0;
            for (Point p : ps) {
                sxx += (p.participants() - mx) * (p.participants() - mx);
                sxy += (p.participants() - mx) * (p.totalS() - my);
            }
            if (sxx > 0) {
                double slope = sxy / sxx;
                fits.add(new Fit(series, ps.size(), slope, my - slope * mx));
            }
        });
        return fits;
    }

    private static String text(JsonObject root, String field, Path file) throws IOException {
        JsonElement value = root.get(field);
        if (value == null || !value.isJsonPrimitive()) {
            throw new IOException(file + ": no \"" + field + "\"");
        }
        return value.getAsString();
    }
}
