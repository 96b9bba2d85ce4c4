package org.medfed.client.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.client.report.ReportCharts.Scale;

/**
 * The poisoning section: one of four WDBC participants attacks (label flipping, or its update scaled by 10) under
 * FedAvg, trimmed mean and Multi-Krum with reputation weighting; accuracy per round and the attacker's reputation
 * per round, as the chaincode's reputation rule moved it.
 */
final class PoisoningEvaluation {
    private static final List<String> ATTACKS = List.of("label-flip", "scale:10");

    private final Evaluation.Runner sim;
    private final ResultsMarkdown md;
    private final Path charts;

    PoisoningEvaluation(Evaluation.Runner sim, ResultsMarkdown md, Path charts) {
        this.sim = sim;
        this.md = md;
        this.charts = charts;
    }

    void run(SimInput data, List<Long> seeds, int rounds) throws Exception {
        ConfigBuilder base = new ConfigBuilder().partitioning(new SimData.Iid(4));
        base.rounds = rounds;
        base.seeds = seeds;
        ConfigBuilder krum = base.strategy("krum", null);
        krum.reputationWeighted = true;
        Map<String, ConfigBuilder> strategies = new LinkedHashMap<>();
        strategies.put("FedAvg", base);
        strategies.put("trimmed mean (β 0.25)", base.strategy("trimmed-mean", null));
        strategies.put("Multi-Krum (f 0, m 3) + reputation weighting", krum);
        SimSummary clean = sim.run("poisoning, no attacker, FedAvg", data, base);
        Map<String, List<Double>> accuracy = new LinkedHashMap<>();
        Map<String, List<Double>> reputation = new LinkedHashMap<>();
        accuracy.put("no attacker, FedAvg", Evaluation.means(clean.accuracyPerRound()));
        List<List<String>> rows = new ArrayList<>();
        rows.add(row("none", "FedAvg", clean, false));
        for (String attack : ATTACKS) {
            for (var strategy : strategies.entrySet()) {
                String label = attack + ", " + strategy.getKey().replaceAll(" \\(.*\\)", "");
                SimSummary s =
                        sim.run("poisoning, " + label, data, strategy.getValue().attack(1, attack));
                rows.add(row(attack, strategy.getKey(), s, true));
                accuracy.put(label, Evaluation.means(s.accuracyPerRound()));
                String attacker = s.participants().get(s.participants().size() - 1);
                reputation.put(label, s.reputationPerRound().get(attacker));
                md.compare(
                        "Poisoning (" + attack + ", 1 of 4), " + strategy.getKey(),
                        s.federated("").accuracy(),
                        "FedAvg without attacker",
                        clean.federated("").accuracy());
            }
        }
        md.line("## Poisoning: one of four participants attacks")
                .line("")
                .line("WDBC as above, dealt to 4 participants (IID); participant p4 attacks in every round: "
                        + "**label flipping** (it trains on inverted labels) or **scaled updates** (it sends "
                        + "global + 10 × its honest change). Compared: FedAvg; trimmed mean (β 0.25: the largest "
                        + "and smallest value of each coordinate dropped); and Multi-Krum keeping the 3 of 4 updates "
                        + "closest to their neighbours, averaged with reputation weighting (trimmed mean and median "
                        + "ignore weights, so weighting would change nothing there). The ledger's reputation rule "
                        + "is part of every task, so it runs under all three: the chaincode scores every "
                        + "update (`QualityScores`: an update opposed to the aggregate or 3× the median norm scores 0),"
                        + " moves reputations (w 0.3, from 0.5) and, below 0.2, refuses the participant's updates with"
                        + " `REPUTATION_TOO_LOW`. " + rounds + " rounds, logistic regression, no DP; seeds " + seeds
                        + ". In the charts, runs with identical values overlap; each keeps its own "
                        + "colour, dash pattern and marker shape, so every run stays visible.")
                .line("")
                .table(
                        List.of(
                                "attack",
                                "strategy",
                                "final accuracy",
                                "attacker's reputation at the end",
                                "lowest honest reputation",
                                "attacker's updates refused"),
                        rows)
                .chart(
                        "accuracy per round under attack",
                        EvalCharts.lines(
                                        charts.resolve("poisoning-accuracy.png"),
                                        "Poisoning, 1 of 4 WDBC participants (simulation): test accuracy per round",
                                        "mean over seeds " + seeds + " of the global model's accuracy on the "
                                                + "held-back rows after each round",
                                        "accuracy",
                                        Scale.SCORE,
                                        accuracy)
                                .getFileName()
                                .toString())
                .chart(
                        "attacker reputation per round",
                        EvalCharts.lines(
                                        charts.resolve("poisoning-reputation.png"),
                                        "Poisoning (simulation): the attacker's reputation after each round",
                                        "mean over seeds " + seeds + " of the reputation the ledger's rule gave "
                                                + "p4; below 0.2 its updates are refused",
                                        "reputation score",
                                        Scale.FROM_ZERO,
                                        reputation)
                                .getFileName()
                                .toString());
    }

    private static List<String> row(String attack, String strategy, SimSummary s, boolean attacked) {
        List<String> names = s.participants();
        Map<String, List<Double>> reputation = s.reputationPerRound();
        double lowestHonest = Double.MAX_VALUE;
        for (int i = 0; i < names.size() - (attacked ? 1 : 0); i++) {
            List<Double> r = reputation.get(names.get(i));
            lowestHonest = Math.min(lowestHonest, r.get(r.size() - 1));
        }
        String attacker = "—";
        String refused = "—";
        if (attacked) {
            List<Double> r = reputation.get(names.get(names.size() - 1));
            attacker = ResultsMarkdown.f(r.get(r.size() - 1));
            long count = s.seeds().stream()
                    .flatMap(seed -> seed.federation().events().stream())
                    .filter(e -> e.contains("REPUTATION_TOO_LOW"))
                    .count();
            refused = String.format(
                    java.util.Locale.ROOT,
                    "%.1f rounds per seed",
                    (double) count / s.seeds().size());
        }
        return List.of(
                attack,
                strategy,
                s.federated("").accuracy().format(),
                attacker,
                ResultsMarkdown.f(lowestHonest),
                refused);
    }
}
