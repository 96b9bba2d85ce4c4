package org.medfed.client.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.client.report.ReportCharts.Scale;

/**
 * The heart disease section: the four hospitals of the UCI table as participants, following FLamby's
 * Fed-Heart-Disease protocol (mapping-heart-disease-4sites.json, per-site stratified 66/34 split, logistic
 * regression, accuracy on the pooled test rows over seeds 42–46), comparing local-only, pooled, FedAvg, FedProx,
 * FedAdam, FedYogi and the best of a small grid.
 */
final class HeartEvaluation {
    private final Evaluation.Runner sim;
    private final ResultsMarkdown md;
    private final Path charts;
    private final boolean quick;

    HeartEvaluation(Evaluation.Runner sim, ResultsMarkdown md, Path charts, boolean quick) {
        this.sim = sim;
        this.md = md;
        this.charts = charts;
        this.quick = quick;
    }

    void run(SimInput data, List<Long> seeds, int rounds) throws Exception {
        ConfigBuilder base = new ConfigBuilder().partitioning(new SimData.BySite("site"));
        base.testFraction = 0.34;
        base.rounds = rounds;
        base.batch = 16;
        base.lr = 0.05;
        base.seeds = seeds;
        Map<String, SimSummary> named = new LinkedHashMap<>();
        named.put("FedAvg", sim.run("heart, FedAvg", data, base));
        named.put("FedProx μ 0.1", sim.run("heart, FedProx", data, base.mu(0.1)));
        named.put("FedAdam η 0.1", sim.run("heart, FedAdam", data, base.strategy("fedadam", 0.1)));
        named.put("FedYogi η 0.1", sim.run("heart, FedYogi", data, base.strategy("fedyogi", 0.1)));
        Map<String, SimSummary> tried = new LinkedHashMap<>(named);
        if (!quick) {
            ConfigBuilder longer = base.copy();
            longer.epochs = 5;
            tried.put("FedAvg, 5 local epochs", sim.run("heart, FedAvg 5 epochs", data, longer));
            ConfigBuilder faster = base.copy();
            faster.lr = 0.2;
            tried.put("FedAvg, learning rate 0.2", sim.run("heart, FedAvg lr 0.2", data, faster));
            tried.put("FedProx μ 0.01", sim.run("heart, FedProx 0.01", data, base.mu(0.01)));
            tried.put("FedAdam η 0.03", sim.run("heart, FedAdam 0.03", data, base.strategy("fedadam", 0.03)));
            tried.put("FedYogi η 0.3", sim.run("heart, FedYogi 0.3", data, base.strategy("fedyogi", 0.3)));
        }
        String best = null;
        for (var e : tried.entrySet()) {
            if (best == null
                    || e.getValue().federated("").accuracy().mean()
                            > tried.get(best).federated("").accuracy().mean()) {
                best = e.getKey();
            }
        }
        SimSummary fedavg = named.get("FedAvg");
        List<List<String>> rows = new ArrayList<>();
        List<String> sites = fedavg.participants();
        Map<String, SimSummary.Stat> bars = new LinkedHashMap<>();
        for (int i = 0; i < sites.size(); i++) {
            int n = fedavg.seeds().get(0).data().trains().get(i).rowCount();
            rows.add(ResultsMarkdown.scores(
                    "local-only: " + sites.get(i) + " (" + n + " training rows)", fedavg.localRow(i, ""), null));
            bars.put("local " + sites.get(i), fedavg.localAccuracy(i));
        }
        rows.add(ResultsMarkdown.scores("local-only, mean of the 4 sites", fedavg.localMean(), null));
        rows.add(ResultsMarkdown.scores("pooled (centralized)", fedavg.centralized(), null));
        bars.put("pooled", fedavg.centralized().accuracy());
        named.forEach((name, s) -> {
            rows.add(ResultsMarkdown.scores(name, s.federated(""), null));
            bars.put(name, s.federated("").accuracy());
        });
        rows.add(ResultsMarkdown.scores(
                "best configuration: " + best, tried.get(best).federated(""), null));
        md.compare(
                "Heart disease, best federated configuration (" + best + ")",
                tried.get(best).federated("").accuracy(),
                "pooled training",
                fedavg.centralized().accuracy());
        md.compare(
                "Heart disease, FedAvg",
                fedavg.federated("").accuracy(),
                "pooled training",
                fedavg.centralized().accuracy());
        int bestSite = 0;
        for (int i = 1; i < sites.size(); i++) {
            if (fedavg.localAccuracy(i).mean() > fedavg.localAccuracy(bestSite).mean()) {
                bestSite = i;
            }
        }
        md.compare(
                "Heart disease, FedAvg",
                fedavg.federated("").accuracy(),
                "the best hospital training alone (" + sites.get(bestSite) + ", scored on all four sites' test rows)",
                fedavg.localAccuracy(bestSite));
        Map<String, List<Double>> lines = new LinkedHashMap<>();
        named.forEach((name, s) -> lines.put(name, Evaluation.means(s.accuracyPerRound())));
        List<List<String>> grid = new ArrayList<>();
        tried.forEach(
                (name, s) -> grid.add(List.of(name, s.federated("").accuracy().format())));
        md.line("## Heart disease: four real hospitals (FLamby Fed-Heart-Disease)")
                .line("")
                .line("`data/heart_disease_uci_4sites.csv` with `mapping-heart-disease-4sites.json`, as FLamby's "
                        + "Fed-Heart-Disease: `slope`, `ca`, `thal` dropped, rows still missing a value dropped, `cp` "
                        + "and `restecg` one-hot without their first level, label `num ≥ 1`, z-scored (declared "
                        + "statistics); each `site` is a participant with its own stratified 66/34 train/test split, "
                        + "and every method is scored on the pooled test rows. Logistic regression (an MLP without "
                        + "hidden layer), " + rounds + " rounds of 1 local epoch, batch 16, SGD learning rate 0.05, "
                        + "no DP; seeds " + seeds + ". FLamby trains with Adam and batch 4; we use the client's "
                        + "DP-SGD trainer without noise, so our figures are ours, not FLamby's.")
                .line("")
                .table(List.of("method (simulation)", "accuracy", "F1", "AUC"), rows)
                .line("The best configuration was picked by mean accuracy among these runs (on the same test rows, "
                        + "so the pick is optimistic):")
                .line("")
                .table(List.of("configuration", "accuracy"), grid)
                .chart(
                        "heart disease accuracy",
                        EvalCharts.bars(
                                        charts.resolve("heart-accuracy.png"),
                                        "Heart disease, 4 hospitals (simulation): pooled test accuracy",
                                        "accuracy",
                                        bars,
                                        0.4)
                                .getFileName()
                                .toString())
                .chart(
                        "heart disease accuracy per round",
                        EvalCharts.lines(
                                        charts.resolve("heart-rounds.png"),
                                        "Heart disease, 4 hospitals (simulation): pooled test accuracy per round",
                                        "mean over seeds " + seeds + " of the global model's accuracy after each "
                                                + "round",
                                        "accuracy",
                                        Scale.SCORE,
                                        lines)
                                .getFileName()
                                .toString());
    }
}
