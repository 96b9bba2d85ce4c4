package org.medfed.client.sim;

import com.google.gson.GsonBuilder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.medfed.client.data.TabularDataset;

/** What {@code medfed simulate} prints: tables for people, JSON for scripts; every figure says "simulation". */
public final class SimText {
    public static final String LABEL =
            "simulation (one JVM: the chaincode on the embedded ledger in process, blobs in memory; not the network)";

    private SimText() {}

    public static String text(
            SimConfig config, SimInput input, String source, List<Simulation.SeedResult> results, double seconds) {
        SimSummary summary = new SimSummary(results);
        Simulation.SeedResult first = results.get(0);
        TabularDataset test = first.data().test();
        StringBuilder out = new StringBuilder();
        out.append("medfed simulate: every figure below is from ").append(LABEL).append("\n\n");
        out.append(String.format(
                Locale.ROOT,
                "data       %s: %d features, %d classes; %d test rows (the same rows " + "score every method)%n",
                source,
                test.featureNames().size(),
                test.classNames().size(),
                test.rowCount()));
        input.notes().forEach(n -> out.append("           ").append(n).append('\n'));
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < first.data().names().size(); i++) {
            parts.add(first.data().names().get(i) + " ("
                    + first.data().trains().get(i).rowCount() + ")");
        }
        out.append("participants ")
                .append(String.join(", ", parts))
                .append(" training rows (seed ")
                .append(first.seed())
                .append(')')
                .append(attackers(config, first))
                .append('\n');
        out.append(String.format(
                Locale.ROOT,
                "task       %s, %d rounds × %d epoch(s), batch %d, lr %s, %s; %s%n",
                config.describeStrategy(),
                config.rounds(),
                config.epochs(),
                config.batch(),
                trim(config.learningRate()),
                config.hidden().isEmpty() ? "logistic regression" : "MLP " + config.hidden(),
                privacy(config, first)));
        out.append("seeds      ")
                .append(config.seeds().stream().map(String::valueOf).collect(Collectors.joining(",")))
                .append(String.format(Locale.ROOT, " (%.1f s)%n%n", seconds));
        out.append(String.format("%-36s %-15s %-15s %-15s %s%n", "method (simulation)", "accuracy", "F1", "AUC", "ε"));
        line(out, summary.centralized(), epsilon(config, first.epsilonCentralized()));
        line(out, summary.localMean(), epsilon(config, first.epsilonFederated()));
        double[] range = summary.localAccuracyRange();
        out.append(
                String.format(Locale.ROOT, "  worst / best participant accuracy  %.3f / %.3f%n", range[0], range[1]));
        line(
                out,
                summary.federated(config.describeStrategy()),
                config.dp()
                        ? String.format(Locale.ROOT, "%.3f (ledger)", summary.federatedEpsilonSpent())
                        : "none (no DP)");
        SimSummary.Stat backdoor = summary.backdoorSuccess(config);
        if (backdoor != null) {
            out.append(String.format(
                    Locale.ROOT,
                    "%-36s %s%n",
                    "backdoor success (federated)",
                    backdoor.format() + " of triggered test rows of other classes put in the target class"));
        }
        out.append("\nfederated accuracy per round (mean over seeds):");
        List<SimSummary.Stat> perRound = summary.accuracyPerRound();
        for (int r = 0; r < perRound.size(); r++) {
            out.append(String.format(
                    Locale.ROOT, " %d: %.3f", r + 1, perRound.get(r).mean()));
        }
        out.append('\n');
        // every participant's, honest ones too: a fair rule keeps them up as the model converges (docs/reputation.md)
        Map<String, List<Double>> reputation = summary.reputationPerRound();
        List<String> names = summary.participants();
        for (int i = 0; i < names.size(); i++) {
            boolean attacker = i >= names.size() - config.malicious();
            out.append(attacker ? "reputation of attacker " : "reputation of ")
                    .append(names.get(i))
                    .append(" per round:");
            List<Double> values = reputation.get(names.get(i));
            for (int r = 0; r < values.size(); r++) {
                out.append(String.format(Locale.ROOT, " %d: %.3f", r + 1, values.get(r)));
            }
            out.append('\n');
        }
        if (config.malicious() > 0) {
            out.append("lowest honest reputation per round (any seed):");
            List<Double> honest = summary.lowestHonestReputationPerRound(config.malicious());
            for (int r = 0; r < honest.size(); r++) {
                out.append(String.format(Locale.ROOT, " %d: %.3f", r + 1, honest.get(r)));
            }
            out.append('\n');
            List<SimSummary.Stat> planted = summary.backdoorSuccessPerRound(config);
            if (!planted.isEmpty()) {
                out.append("backdoor success per round (mean over seeds):");
                for (int r = 0; r < planted.size(); r++) {
                    out.append(String.format(
                            Locale.ROOT, " %d: %.3f", r + 1, planted.get(r).mean()));
                }
                out.append('\n');
            }
        }
        for (Simulation.SeedResult r : results) {
            r.federation()
                    .events()
                    .forEach(e -> out.append("seed ")
                            .append(r.seed())
                            .append(", ")
                            .append(e)
                            .append('\n'));
        }
        return out.toString();
    }

    private static String attackers(SimConfig config, Simulation.SeedResult first) {
        if (config.malicious() == 0) {
            return "";
        }
        List<String> names = first.data().names();
        return "; attackers (" + config.attack() + attackDetail(config, first.data()) + "): "
                + String.join(", ", names.subList(names.size() - config.malicious(), names.size()));
    }

    /** The parts of an attack its name leaves out: ALIE's z, the backdoor's trigger and boost. */
    static String attackDetail(SimConfig config, SimData data) {
        Attack attack = config.parsedAttack();
        if (attack instanceof Attack.Alie alie) {
            double z = alie.z() != null
                    ? alie.z()
                    : UpdateAttacks.alieZ(data.names().size(), config.malicious());
            return String.format(Locale.ROOT, ", z %.4f, μ and σ over every participant's trained update", z);
        }
        if (attack instanceof Attack.Backdoor backdoor) {
            TabularDataset test = data.test();
            Trigger trigger = backdoor.trigger(test.featureNames().size());
            return ", trigger " + test.featureNames().get(trigger.feature()) + " = " + trim(trigger.value())
                    + ", target " + test.classNames().get(trigger.target()) + ", boost "
                    + (backdoor.boost() != null ? trim(backdoor.boost()) : "W / (attackers × own examples)");
        }
        return "";
    }

    private static String privacy(SimConfig config, Simulation.SeedResult first) {
        if (!config.dp()) {
            return "no DP (the network's accountant refuses σ = 0)";
        }
        String how = config.dpEpsilon() != null ? "chosen for ε ≤ " + trim(config.dpEpsilon()) : "given";
        return "DP-SGD σ " + first.sigmaFederated().toPlainString() + " federated and local, "
                + first.sigmaCentralized().toPlainString() + " centralized (" + how + "), C " + trim(config.clip())
                + ", δ " + trim(config.delta());
    }

    private static String epsilon(SimConfig config, double epsilon) {
        return config.dp() ? String.format(Locale.ROOT, "%.3f", epsilon) : "none (no DP)";
    }

    private static void line(StringBuilder out, SimSummary.Row row, String epsilon) {
        out.append(String.format(
                "%-36s %-15s %-15s %-15s %s%n",
                row.method(),
                row.accuracy().format(),
                row.f1().format(),
                row.auc().format(),
                epsilon));
    }

    static String trim(double x) {
        return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    public static String json(SimConfig config, SimInput input, List<Simulation.SeedResult> results, double seconds) {
        SimSummary summary = new SimSummary(results);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", "simulation");
        json.put("notes", input.notes());
        json.put("strategy", config.describeStrategy());
        json.put("rounds", config.rounds());
        json.put("seeds", config.seeds());
        json.put("participants", summary.participants());
        json.put("testRows", results.get(0).data().test().rowCount());
        json.put("centralized", row(summary.centralized()));
        json.put("localOnly", row(summary.localMean()));
        double[] range = summary.localAccuracyRange();
        json.put("localOnlyAccuracyWorstBest", List.of(range[0], range[1]));
        json.put("federated", row(summary.federated(config.describeStrategy())));
        json.put(
                "federatedAccuracyPerRound",
                summary.accuracyPerRound().stream().map(SimSummary.Stat::mean).toList());
        json.put("reputationPerRound", summary.reputationPerRound());
        if (config.malicious() > 0) {
            List<String> names = summary.participants();
            json.put("attackers", names.subList(names.size() - config.malicious(), names.size()));
            json.put("lowestHonestReputationPerRound", summary.lowestHonestReputationPerRound(config.malicious()));
            SimSummary.Stat backdoor = summary.backdoorSuccess(config);
            if (backdoor != null) {
                json.put("backdoorSuccess", stat(backdoor));
                json.put(
                        "backdoorSuccessPerRound",
                        summary.backdoorSuccessPerRound(config).stream()
                                .map(SimSummary.Stat::mean)
                                .toList());
            }
        }
        json.put("epsilonFederated", config.dp() ? summary.federatedEpsilonSpent() : null);
        json.put("epsilonCentralized", config.dp() ? results.get(0).epsilonCentralized() : null);
        json.put("noiseMultiplier", results.get(0).sigmaFederated());
        json.put(
                "events",
                results.stream().flatMap(r -> r.federation().events().stream()).toList());
        json.put("seconds", seconds);
        return new GsonBuilder()
                        .setPrettyPrinting()
                        .serializeSpecialFloatingPointValues()
                        .create()
                        .toJson(json) + "\n";
    }

    private static Map<String, Object> row(SimSummary.Row row) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accuracy", stat(row.accuracy()));
        json.put("f1", stat(row.f1()));
        json.put("auc", stat(row.auc()));
        return json;
    }

    private static Map<String, Double> stat(SimSummary.Stat s) {
        return Map.of("mean", s.mean(), "sd", s.sd());
    }
}
