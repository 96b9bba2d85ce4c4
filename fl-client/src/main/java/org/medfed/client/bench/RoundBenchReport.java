package org.medfed.client.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.medfed.client.bench.RoundLoad.RoundFigures;
import org.medfed.client.view.Table;

/**
 * What {@code medfed bench round} measured: the run's settings, the set-up's times, and per round the wall time of
 * each phase, the ledger bytes, each chaincode server's peak resident memory and each Kubo repository's size; with
 * the medians over the rounds. Printed as tables for people or as one JSON object ({@code --json}).
 */
record RoundBenchReport(
        Settings settings,
        Setup setup,
        Map<String, Long> kuboRepoBytesBefore,
        List<RoundFigures> rounds,
        Map<String, Long> processPeakRssKiB) {

    /** How the run was made. {@code dp}: "light" or "none". */
    record Settings(
            String engine,
            int cores,
            List<String> organisations,
            int participants,
            int params,
            int rounds,
            int concurrency,
            String taskId,
            String dp,
            Integer retention,
            long seed,
            boolean peaksReset) {
        Settings {
            organisations = List.copyOf(organisations);
        }
    }

    /** Wall time of the set-up: issuing identities, registering participants and datasets, creating the task. */
    record Setup(double identitiesMs, double registrationMs, double taskMs) {}

    RoundBenchReport {
        kuboRepoBytesBefore = Map.copyOf(kuboRepoBytesBefore);
        rounds = List.copyOf(rounds);
        processPeakRssKiB = Map.copyOf(processPeakRssKiB);
    }

    /** Each organisation's Kubo repository growth in round {@code index} (from 0): after it minus before it. */
    Map<String, Long> growth(int index) {
        Map<String, Long> before =
                index == 0 ? kuboRepoBytesBefore : rounds.get(index - 1).kuboRepoBytes();
        Map<String, Long> growth = new TreeMap<>();
        rounds.get(index).kuboRepoBytes().forEach((org, after) -> {
            Long was = before.get(org);
            if (was != null) {
                growth.put(org, after - was);
            }
        });
        return growth;
    }

    double median(ToDoubleFunction<RoundFigures> figure) {
        return median(rounds.stream().mapToDouble(figure).toArray());
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** The largest peak of each chaincode server over the rounds (VmHWM only grows while a process lives). */
    Map<String, Long> chaincodePeakRssKiB() {
        Map<String, Long> peaks = new TreeMap<>();
        rounds.forEach(r -> r.chaincodePeakRssKiB().forEach((org, kib) -> peaks.merge(org, kib, Math::max)));
        return peaks;
    }

    JsonObject toJson() {
        Settings s = settings;
        JsonObject json = new JsonObject();
        json.addProperty("benchmark", "round");
        json.addProperty("engine", s.engine());
        json.addProperty("cores", s.cores());
        json.add("organisations", strings(s.organisations()));
        json.addProperty("participants", s.participants());
        json.addProperty("params", s.params());
        json.addProperty("updateBytes", 4L * s.params());
        json.addProperty("rounds", s.rounds());
        json.addProperty("concurrency", s.concurrency());
        json.addProperty("strategy", "fedavg");
        json.addProperty("dp", s.dp());
        // the policy's N, or absent: every update stays pinned
        json.addProperty("retentionKeepUpdatesRounds", s.retention());
        json.addProperty("taskId", s.taskId());
        json.addProperty("seed", s.seed());
        // whether the processes' peak RSS was reset before the first round (else a peak may be an earlier run's)
        json.addProperty("peakRssResetBeforeRounds", s.peaksReset());
        JsonObject setupJson = new JsonObject();
        setupJson.addProperty("identitiesMs", ms(setup.identitiesMs()));
        setupJson.addProperty("registrationMs", ms(setup.registrationMs()));
        setupJson.addProperty("taskMs", ms(setup.taskMs()));
        json.add("setup", setupJson);
        JsonArray perRound = new JsonArray();
        for (int i = 0; i < rounds.size(); i++) {
            RoundFigures r = rounds.get(i);
            JsonObject o = new JsonObject();
            o.addProperty("round", r.round());
            o.addProperty("uploadMs", ms(r.phases().uploadMs()));
            o.addProperty("submitMs", ms(r.phases().submitMs()));
            o.addProperty("closeMs", ms(r.phases().closeMs()));
            o.addProperty("aggregateMs", ms(r.phases().aggregateMs()));
            o.addProperty("closeToAggregatedMs", ms(closeToAggregated(r)));
            o.addProperty("totalMs", ms(r.phases().totalMs()));
            o.addProperty("contributions", r.contributions());
            o.addProperty("excluded", r.excluded());
            o.addProperty("retries", r.retries());
            o.addProperty("ledgerBytes", r.ledgerBytes());
            o.addProperty("globalModelCid", r.globalModelCid());
            o.add("chaincodePeakRssKiB", longs(r.chaincodePeakRssKiB()));
            o.add("kuboRepoBytes", longs(r.kuboRepoBytes()));
            o.add("kuboRepoGrowthBytes", longs(growth(i)));
            perRound.add(o);
        }
        json.add("perRound", perRound);
        JsonObject medians = new JsonObject();
        medians.addProperty("uploadMs", ms(median(r -> r.phases().uploadMs())));
        medians.addProperty("submitMs", ms(median(r -> r.phases().submitMs())));
        medians.addProperty("closeMs", ms(median(r -> r.phases().closeMs())));
        medians.addProperty("aggregateMs", ms(median(r -> r.phases().aggregateMs())));
        medians.addProperty("closeToAggregatedMs", ms(median(RoundBenchReport::closeToAggregated)));
        medians.addProperty("totalMs", ms(median(r -> r.phases().totalMs())));
        medians.addProperty("ledgerBytes", median(r -> (double) r.ledgerBytes()));
        JsonObject growthMedians = new JsonObject();
        for (String org : s.organisations()) {
            double[] values = new double[rounds.size()];
            for (int i = 0; i < rounds.size(); i++) {
                values[i] = growth(i).getOrDefault(org, 0L);
            }
            growthMedians.addProperty(org, median(values));
        }
        medians.add("kuboRepoGrowthBytes", growthMedians);
        json.add("medians", medians);
        json.add("chaincodePeakRssKiB", longs(chaincodePeakRssKiB()));
        JsonObject disk = new JsonObject();
        disk.add("before", longs(kuboRepoBytesBefore));
        disk.add(
                "after",
                longs(
                        rounds.isEmpty()
                                ? kuboRepoBytesBefore
                                : rounds.get(rounds.size() - 1).kuboRepoBytes()));
        json.add("kuboRepoBytes", disk);
        json.add("processPeakRssKiB", longs(processPeakRssKiB));
        return json;
    }

    void print(PrintWriter out) {
        Settings s = settings;
        out.printf(
                Locale.ROOT,
                "bench round: %s ledger, %d organisations, K=%d participants, P=%d float32 (%s kB an update),"
                        + " %d round(s), %s DP, %s, concurrency %d, %d cores%n",
                s.engine(),
                s.organisations().size(),
                s.participants(),
                s.params(),
                f(4.0 * s.params() / 1e3, 1),
                s.rounds(),
                s.dp(),
                s.retention() == null
                        ? "every update kept"
                        : "updates kept " + s.retention() + " round(s) after aggregation, then pruned",
                s.concurrency(),
                s.cores());
        out.printf(
                Locale.ROOT,
                "task %s; set-up: identities %s ms, registration %s ms, task %s ms%n%n",
                s.taskId(),
                f(setup.identitiesMs(), 0),
                f(setup.registrationMs(), 0),
                f(setup.taskMs(), 0));
        Table phases = Table.of(
                "round",
                "upload ms",
                "submit ms",
                "close ms",
                "aggregate ms",
                "total ms",
                "updates",
                "retries",
                "ledger bytes");
        for (RoundFigures r : rounds) {
            phases.row(
                    r.round(),
                    f(r.phases().uploadMs(), 1),
                    f(r.phases().submitMs(), 1),
                    f(r.phases().closeMs(), 1),
                    f(r.phases().aggregateMs(), 1),
                    f(r.phases().totalMs(), 1),
                    r.contributions() + (r.excluded() == 0 ? "" : " (" + r.excluded() + " excluded)"),
                    r.retries(),
                    r.ledgerBytes());
        }
        phases.row(
                "median",
                f(median(r -> r.phases().uploadMs()), 1),
                f(median(r -> r.phases().submitMs()), 1),
                f(median(r -> r.phases().closeMs()), 1),
                f(median(r -> r.phases().aggregateMs()), 1),
                f(median(r -> r.phases().totalMs()), 1),
                "",
                "",
                f(median(r -> (double) r.ledgerBytes()), 0));
        phases.print(out);
        out.println();
        List<String> headers = new ArrayList<>(List.of("after round"));
        for (String org : s.organisations()) {
            headers.add(org + " chaincode peak MiB");
            headers.add(org + " Kubo MB (+round)");
        }
        Table resources = Table.of(headers.toArray(String[]::new));
        for (int i = 0; i < rounds.size(); i++) {
            RoundFigures r = rounds.get(i);
            List<Object> row = new ArrayList<>(List.of(r.round()));
            Map<String, Long> growth = growth(i);
            for (String org : s.organisations()) {
                Long kib = r.chaincodePeakRssKiB().get(org);
                Long bytes = r.kuboRepoBytes().get(org);
                row.add(kib == null ? "?" : f(kib / 1024.0, 1));
                row.add(
                        bytes == null
                                ? "?"
                                : f(bytes / 1e6, 1) + " (+" + f(growth.getOrDefault(org, 0L) / 1e6, 1) + ")");
            }
            resources.row(row.toArray());
        }
        resources.print(out);
        out.println("times are wall clock on a possibly shared machine; ledger bytes: the round's records as the"
                + " ledger answered them (UTF-8 JSON); MB = 10^6 bytes.");
        out.flush();
    }

    /** Milliseconds to the microsecond: the clock's noise below that is not worth printing. */
    static double ms(double millis) {
        return Math.round(millis * 1000) / 1000.0;
    }

    private static double closeToAggregated(RoundFigures r) {
        return r.phases().closeMs() + r.phases().aggregateMs();
    }

    private static JsonArray strings(List<String> values) {
        JsonArray array = new JsonArray();
        values.forEach(array::add);
        return array;
    }

    private static JsonObject longs(Map<String, Long> values) {
        JsonObject o = new JsonObject();
        new TreeMap<>(values).forEach(o::addProperty);
        return o;
    }

    private static String f(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
