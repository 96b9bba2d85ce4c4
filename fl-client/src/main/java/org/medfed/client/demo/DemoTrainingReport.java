package org.medfed.client.demo;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.util.Locale;
import org.medfed.client.federation.FederationCosts;
import org.medfed.client.federation.FederationRun;

/** The training part of the demo's report: rounds, the final model's score on held-back rows, where to look. */
final class DemoTrainingReport {
    /** The demo's promise (issue 7): F1 on held-back WDBC rows with DP on. */
    static final double F1_GOAL = 0.95;

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
                        .map(dp -> "DP-SGD sigma " + dp.noiseMultiplier() + " clip " + dp.clipNorm() + ", max epsilon "
                                + dp.maxEpsilon())
                        .orElse("no differential privacy"));
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

    static JsonObject json(DemoTraining.Outcome outcome, String verification) {
        FederationRun.Summary s = outcome.summary();
        JsonObject json = new JsonObject();
        json.addProperty("taskId", s.task().spec().id());
        JsonArray rounds = new JsonArray();
        for (FederationRun.RoundSummary r : s.rounds()) {
            JsonObject round = new JsonObject();
            round.addProperty("round", r.round());
            round.addProperty("seconds", r.duration().toMillis() / 1000.0);
            round.addProperty("updates", r.updates());
            round.addProperty("excluded", r.excluded());
            round.addProperty("validationAccuracy", r.meanAccuracy());
            round.addProperty("validationF1", r.meanF1());
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
            out.println("costs    per round, median over the nodes, ms (training includes DP; submit = endorse, order,"
                    + " commit):");
            String row = "         %-6s %9s %9s %9s %9s%n";
            out.printf(row, "round", "download", "train", "upload", "submit");
            for (FederationCosts.PhaseTimes p : costs.phases()) {
                out.printf(
                        row,
                        p.round(),
                        p.medianMillis().getOrDefault("download", -1L),
                        p.medianMillis().getOrDefault("train", -1L),
                        p.medianMillis().getOrDefault("upload", -1L),
                        p.medianMillis().getOrDefault("submit", -1L));
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

    private static String f(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }
}
