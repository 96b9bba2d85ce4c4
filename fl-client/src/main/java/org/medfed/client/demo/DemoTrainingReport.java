package org.medfed.client.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.medfed.client.federation.FederationCosts;
import org.medfed.client.federation.FederationRun;
import org.medfed.common.model.SecureAggregationSpec;

/** The training part of the demo's report: rounds, the final model's score on held-back rows, where to look. */
final class DemoTrainingReport {
    /** The demo's promise (issue 7): F1 on held-back WDBC rows with DP on. */
    static final double F1_GOAL = 0.95;

    /** The costs table's columns, in the order a round runs them; a phase no node logged is left out. */
    static final List<String> PHASES = List.of("keys", "shares", "download", "train", "upload", "submit", "reveal");

    private DemoTrainingReport() {}

    static void printTable(DemoTraining.Outcome outcome, String verification, PrintWriter out) {
        FederationRun.Summary s = outcome.summary();
        out.printf(
                "task     %s: %s, %d rounds, %s, %s%n",
                s.task().spec().id(),
                s.task().spec().title(),
                s.rounds().size(),
                s.task().spec().strategy().name(),
                s.task()
                                .spec()
                                .dpPolicy()
                                .map(dp -> "DP-SGD sigma " + dp.noiseMultiplier() + " clip " + dp.clipNorm()
                                        + ", max epsilon " + dp.maxEpsilon())
                                .orElse("no differential privacy")
                        + s.task()
                                .spec()
                                .secureAggregationSpec()
                                .map(DemoTrainingReport::secureSettings)
                                .orElse(""));
        if (s.task().spec().securelyAggregated()) {
            printSecureRounds(s, out);
        } else {
            printRoundsInClear(s, out);
        }
        out.printf("final    %s%n", s.finalModel().cid());
        out.printf(
                "test     accuracy %s, F1 %s, AUC %s on %d held-back rows no site trained on (F1 goal %s: %s)%n",
                f(s.test().accuracy(), 3),
                f(s.test().f1(), 3),
                f(s.test().auc(), 3),
                s.testRows(),
                f(F1_GOAL, 2),
                s.test().f1() >= F1_GOAL ? "met" : "NOT met");
        out.printf("verify   %s%n", verification);
        printCosts(outcome.costs(), out);
        out.printf("files    %s (partitions, node configurations, work directories)%n", outcome.directory());
    }

    private static void printRoundsInClear(FederationRun.Summary s, PrintWriter out) {
        String row = "%-6s %8s %8s %10s %8s %9s %12s  %s%n";
        out.printf(
                row, "round", "seconds", "updates", "val. acc.", "val. F1", "epsilon", "ledger bytes", "global model");
        for (FederationRun.RoundSummary r : s.rounds()) {
            out.printf(
                    row,
                    r.round(),
                    f(r.duration().toMillis() / 1000.0, 1),
                    r.updates(),
                    f(r.meanAccuracy(), 3),
                    f(r.meanF1(), 3),
                    f(r.maxEpsilon(), 2),
                    r.ledgerBytes(),
                    r.modelCid());
        }
    }

    /**
     * A secure round's masked inputs carry no metrics: its row shows the phases (posted keys, share bundles, masked
     * inputs unmasked, reveals, dropouts) and the global model scored on the held-back rows by the demo itself.
     */
    private static void printSecureRounds(FederationRun.Summary s, PrintWriter out) {
        String row = "%-6s %8s %5s %6s %6s %7s %8s %9s %8s %9s %12s  %s%n";
        out.printf(
                row,
                "round",
                "seconds",
                "keys",
                "shares",
                "inputs",
                "reveals",
                "dropouts",
                "test acc.",
                "test F1",
                "epsilon",
                "ledger bytes",
                "global model");
        List<String> retried = new ArrayList<>();
        for (FederationRun.RoundSummary r : s.rounds()) {
            FederationRun.SecurePhases p = r.secure();
            out.printf(
                    row,
                    r.round(),
                    f(r.duration().toMillis() / 1000.0, 1),
                    p.keys(),
                    p.shares(),
                    p.survivors(),
                    p.reveals(),
                    p.dropouts().size(),
                    f(r.test().accuracy(), 3),
                    f(r.test().f1(), 3),
                    f(r.maxEpsilon(), 2),
                    r.ledgerBytes(),
                    r.modelCid());
            if (p.attempt() > 1) {
                retried.add(r.round() + " (attempt " + p.attempt() + ")");
            }
        }
        out.printf(
                "         secure phases from secagg:getSecureRound; inputs = masked inputs unmasked (survivors);"
                        + " test acc./F1: each round's global model on the %d held-back rows%n",
                s.testRows());
        if (!retried.isEmpty()) {
            out.printf("         rounds that needed another attempt: %s%n", String.join(", ", retried));
        }
    }

    static JsonObject json(DemoTraining.Outcome outcome, String verification) {
        FederationRun.Summary s = outcome.summary();
        JsonObject json = new JsonObject();
        json.addProperty("taskId", s.task().spec().id());
        json.addProperty("secureAggregation", s.task().spec().securelyAggregated());
        JsonArray rounds = new JsonArray();
        for (FederationRun.RoundSummary r : s.rounds()) {
            JsonObject round = new JsonObject();
            round.addProperty("round", r.round());
            round.addProperty("seconds", r.duration().toMillis() / 1000.0);
            round.addProperty("updates", r.updates());
            round.addProperty("excluded", r.excluded());
            if (r.secure() == null) {
                round.addProperty("validationAccuracy", r.meanAccuracy());
                round.addProperty("validationF1", r.meanF1());
            } else {
                JsonObject secure = new JsonObject();
                secure.addProperty("attempt", r.secure().attempt());
                secure.addProperty("keys", r.secure().keys());
                secure.addProperty("shares", r.secure().shares());
                secure.addProperty("survivors", r.secure().survivors());
                secure.addProperty("reveals", r.secure().reveals());
                JsonArray dropouts = new JsonArray();
                r.secure().dropouts().forEach(dropouts::add);
                secure.add("dropouts", dropouts);
                round.add("secure", secure);
            }
            round.addProperty("testAccuracy", r.test().accuracy());
            round.addProperty("testF1", r.test().f1());
            round.addProperty("maxEpsilon", r.maxEpsilon());
            round.addProperty("ledgerBytes", r.ledgerBytes());
            round.addProperty("model", r.modelCid());
            rounds.add(round);
        }
        json.add("rounds", rounds);
        json.addProperty("finalModel", s.finalModel().cid());
        json.addProperty("testRows", s.testRows());
        json.addProperty("testAccuracy", s.test().accuracy());
        json.addProperty("testF1", s.test().f1());
        json.addProperty("testAuc", s.test().auc());
        json.addProperty("f1GoalMet", s.test().f1() >= F1_GOAL);
        json.addProperty("verification", verification);
        json.addProperty("directory", outcome.directory().toString());
        return json;
    }

    /** Per-round median phase times over the nodes, and each process's peak resident memory. */
    private static void printCosts(FederationCosts.Costs costs, PrintWriter out) {
        if (costs == null) {
            return;
        }
        if (!costs.phases().isEmpty()) {
            List<String> phases = PHASES.stream()
                    .filter(phase -> costs.phases().stream()
                            .anyMatch(p -> p.medianMillis().containsKey(phase)))
                    .toList();
            out.println("costs    per round, median over the nodes, ms (training includes DP; submit = endorse, order,"
                    + " commit" + (phases.contains("keys") ? "; keys, shares, reveal: the secure phases' steps" : "")
                    + "):");
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "         %-6s", "round"));
            phases.forEach(phase -> header.append(String.format(Locale.ROOT, " %9s", phase)));
            out.println(header);
            for (FederationCosts.PhaseTimes p : costs.phases()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "         %-6s", p.round()));
                phases.forEach(phase -> line.append(
                        String.format(Locale.ROOT, " %9d", p.medianMillis().getOrDefault(phase, -1L))));
                out.println(line);
            }
        }
        if (!costs.peakRssKiB().isEmpty()) {
            StringBuilder line = new StringBuilder("peak RSS ");
            costs.peakRssKiB()
                    .forEach((name, kib) ->
                            line.append(name).append(' ').append(kib / 1024).append(" MiB, "));
            out.println(line.substring(0, line.length() - 2));
        }
    }

    /** ", secure aggregation (...)": what makes the task secure, as the ledger holds it. */
    static String secureSettings(SecureAggregationSpec secure) {
        return ", secure aggregation (neighbours " + secure.neighbours() + ", threshold " + secure.threshold()
                + ", min survivors " + secure.minSurvivors() + ", one DP-SGD step a round with sampling rate "
                + secure.samplingRate().toPlainString() + ")";
    }

    private static String f(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
