package org.medfed.client.bench;

import com.google.gson.JsonArray;
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
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.medfed.client.report.ReportCharts;
import org.medfed.client.report.ReportCharts.Panel;
import org.medfed.client.report.ReportCharts.Scale;

/**
 * Throughput against offered load, from the {@code summary.json} files that {@code bench/caliper/run.sh} writes: one
 * line per engine and workload, x = the fixed rate Caliper offered, y = transactions that succeeded per second
 * (Caliper's own "throughput" counts failed ones too), with average latency in a second panel. Rounds at maximum
 * load have no offered rate, and a workload run at one rate only is no curve: both are left out (the tables in
 * docs/performance.md give them).
 */
final class ThroughputChart {

    /** One fixed-rate round of one summary. */
    record Point(String engine, String workload, long offeredTps, double succeededTps, double latencyAvgS) {}

    private ThroughputChart() {}

    static List<Point> read(Path summary) throws IOException {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(summary, StandardCharsets.UTF_8));
        } catch (JsonParseException e) {
            throw new IOException(summary + " is not JSON: " + e.getMessage(), e);
        }
        JsonElement rounds = root.isJsonObject() ? root.getAsJsonObject().get("rounds") : null;
        if (rounds == null || !rounds.isJsonArray()) {
            throw new IOException(summary + " is not a Caliper summary of bench/caliper/run.sh (no \"rounds\" array)");
        }
        List<Point> points = new ArrayList<>();
        for (JsonElement element : (JsonArray) rounds) {
            JsonObject round = element.getAsJsonObject();
            JsonElement offered = round.get("offeredTps");
            if (offered == null || offered.isJsonNull()) {
                continue;
            }
            points.add(new Point(
                    text(round, "engine", summary),
                    text(round, "workload", summary),
                    offered.getAsLong(),
                    number(round, "succeededTps", summary),
                    number(round, "latencyAvgS", summary)));
        }
        return points;
    }

    static JFreeChart chart(List<Point> points) {
        Map<String, SortedMap<Long, Double>> succeeded = new LinkedHashMap<>();
        Map<String, SortedMap<Long, Double>> latency = new LinkedHashMap<>();
        for (Point p : points) {
            String series = p.workload() + " (" + p.engine() + ")";
            succeeded.computeIfAbsent(series, k -> new TreeMap<>()).put(p.offeredTps(), p.succeededTps());
            latency.computeIfAbsent(series, k -> new TreeMap<>()).put(p.offeredTps(), p.latencyAvgS());
        }
        succeeded.values().removeIf(curve -> curve.size() < 2);
        latency.keySet().retainAll(succeeded.keySet());
        return ReportCharts.chart(
                "Throughput against offered load",
                "Hyperledger Caliper, fixed-rate rounds; succeeded transactions per second (bench/caliper/run.sh)",
                "offered load (transactions per second)",
                List.of(
                        new Panel("succeeded (TPS)", Scale.FROM_ZERO, succeeded),
                        new Panel("average latency (s)", Scale.FROM_ZERO, latency)),
                name -> name);
    }

    private static String text(JsonObject round, String field, Path file) throws IOException {
        JsonElement value = round.get(field);
        if (value == null || !value.isJsonPrimitive()) {
            throw new IOException(file + ": a round without \"" + field + "\"");
        }
        return value.getAsString();
    }

    private static double number(JsonObject round, String field, Path file) throws IOException {
        JsonElement value = round.get(field);
        if (value == null
                || !value.isJsonPrimitive()
                || !value.getAsJsonPrimitive().isNumber()) {
            throw new IOException(file + ": a round without a number \"" + field + "\"");
        }
        return value.getAsDouble();
    }
}
