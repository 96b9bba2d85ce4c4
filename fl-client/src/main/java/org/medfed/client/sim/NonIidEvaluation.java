package org.medfed.client.sim;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.medfed.client.data.DataException;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.train.InitialModel;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.Metrics;
import org.medfed.client.train.TrainingSettings;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.TrainingSpec;

/**
 * The section "Non-IID sites" (issue 15): maternal health risk and WDBC dealt to 3 and 10 sites with Dirichlet(α)
 * classes, α ∈ {0.1, 0.3, 1}, comparing federated arms that address label skew with IID FedAvg and pooled training
 * as bounds, on a balanced held-back test set and on each site's own held-back rows; and the goal row
 * (maternal, Dirichlet(0.5), 3 gateways: the best federated arm within 1 point of pooled).
 */
final class NonIidEvaluation {
    static final String HEADING = "## Non-IID sites: FedProx, SCAFFOLD and a shared subset against label skew";
    static final String GOAL_HEADING = "### Goal: maternal, Dirichlet(0.5), 3 gateways";
    static final String POOLED = "pooled (bound)";
    static final String IID = "FedAvg, IID sites (bound)";
    /** The balanced test set's share of all rows (before anything is dealt). */
    static final double TEST_FRACTION = 0.2;

    static final double PROX_MU = 0.1;
    /** The two-stage arms' subset sizes (share of all training rows) and the share of the subset each site adds. */
    static final List<Double> BETAS = List.of(0.01, 0.05);

    static final double SUBSET_ALPHA = 0.5;
    /** Stage 1: full-batch gradient descent epochs on the subset, at the task's learning rate. */
    static final long WARM_UP_EPOCHS = 100;

    /** One table's rows, their mapping and the settings every arm shares (rounds, epochs, model, seeds). */
    record Dataset(String name, String slug, SimInput input, ConfigBuilder base) {}

    /** One arm's scores in one seed. */
    record Scores(double accuracy, double worstSiteF1) {}

    private final ResultsMarkdown md;
    private final Path charts;
    private final boolean quick;
    private final PrintWriter progress;

    NonIidEvaluation(ResultsMarkdown md, Path charts, boolean quick, PrintWriter progress) {
        this.md = md;
        this.charts = charts;
        this.quick = quick;
        this.progress = progress;
    }

    List<Integer> siteCounts() {
        return quick ? List.of(3) : List.of(3, 10);
    }

    List<Double> alphas() {
        return quick ? List.of(0.3) : List.of(0.1, 0.3, 1.0);
    }

    /** The arms in table order: federated arms first, then the two bounds. */
    static List<String> arms() {
        List<String> arms = new ArrayList<>(List.of("FedAvg", "FedProx μ " + PROX_MU));
        arms.add("SCAFFOLD");
        BETAS.forEach(beta -> arms.add(twoStage(beta)));
        arms.add(IID);
        arms.add(POOLED);
        return arms;
    }

    static String twoStage(double beta) {
        return "two-stage β " + SimText.trim(100 * beta) + " %";
    }

    /** @param maternal the goal row's data set (its base settings) */
    void run(List<Dataset> datasets, Dataset maternal) throws Exception {
        List<String> arms = arms();
        md.line(HEADING).line("").line(intro(datasets, arms)).line("");
        for (Dataset d : datasets) {
            TabularDataset all = rows(d);
            Map<String, Map<String, SimSummary.Stat>> accuracy = new LinkedHashMap<>();
            md.line("### " + d.name()).line("");
            for (int sites : siteCounts()) {
                Map<Long, Scores> iid = runIid(d, all, sites);
                List<String> header = new ArrayList<>(List.of("arm (simulation), " + sites + " sites"));
                Map<Double, Map<String, List<Scores>>> byAlpha = new LinkedHashMap<>();
                for (double alpha : alphas()) {
                    header.add("α " + SimText.trim(alpha) + " accuracy");
                    header.add("α " + SimText.trim(alpha) + " worst site F1");
                    Map<String, List<Scores>> scores = runSetting(d, all, sites, alpha, iid);
                    byAlpha.put(alpha, scores);
                    scores.forEach((arm, s) -> accuracy.computeIfAbsent(arm, a -> new LinkedHashMap<>())
                            .put(sites + " sites, α " + SimText.trim(alpha), stat(s, Scores::accuracy)));
                }
                List<List<String>> rows = new ArrayList<>();
                for (String arm : arms) {
                    List<String> row = new ArrayList<>(List.of(arm));
                    byAlpha.values().forEach(scores -> {
                        row.add(stat(scores.get(arm), Scores::accuracy).format());
                        row.add(stat(scores.get(arm), Scores::worstSiteF1).format());
                    });
                    rows.add(row);
                }
                md.table(header, rows);
            }
            md.chart(
                    d.name() + " accuracy per arm across α",
                    EvalCharts.groupedBars(
                                    charts.resolve("noniid-" + d.slug() + ".png"),
                                    d.name() + ", Dirichlet(α) sites (simulation): balanced test accuracy",
                                    "accuracy",
                                    accuracy,
                                    0.3)
                            .getFileName()
                            .toString());
        }
        goal(maternal, arms);
    }

    private String intro(List<Dataset> datasets, List<String> arms) {
        StringBuilder settings = new StringBuilder();
        for (Dataset d : datasets) {
            settings.append(d.name())
                    .append(": ")
                    .append(d.base().hidden.isEmpty() ? "logistic regression" : "MLP " + d.base().hidden + " ReLU")
                    .append(", ")
                    .append(d.base().rounds)
                    .append(" rounds; ");
        }
        return "Each seed holds back a **balanced test set** first (⌊20 % · N / C⌋ rows of each class, at most half "
                + "of the smallest class), deals the other rows to the sites with Dirichlet(α) class proportions "
                + "(smaller α, fewer classes per site; the same deal for every arm of a seed), then holds back a "
                + "stratified " + NonIidData.SITE_TEST_PERCENT + " % of each site's share (at least one row) as that "
                + "site's own test rows. **Accuracy** is on the balanced test set. **Worst site F1** is, per seed, "
                + "the lowest over sites of the final model's macro F1 on the site's own held-back rows (mean F1 "
                + "over the classes that occur there as truth or prediction; for pooled training, the pooled model "
                + "on each site's rows), then mean ± sd over seeds. Every arm runs the same rounds of 1 local epoch, "
                + "batch 32, learning rate 0.1, no DP, on the simulation's ledger: FedAvg; FedProx (μ " + PROX_MU
                + "); SCAFFOLD (control variates by CID on the ledger); two-stage with a shared subset of ⌈β · N / C⌉ "
                + "training rows of each class, taken from the sites' training rows only and removed from the sites "
                + "that gave them (each site's fair share, in site order, sealed to the organisation and published "
                + "with `subset:contributeRows`), stage 1 the ledger's `aggregator:warmUp`: " + WARM_UP_EPOCHS
                + " epochs of full-batch gradient descent on the subset from the initial model, stage 2 FedAvg where each site adds a share α' = "
                + SUBSET_ALPHA
                + " of the subset's rows of each class to its own; bounds: FedAvg over the same rows dealt IID "
                + "(round robin per class) and pooled training on all sites' training rows for rounds × epochs "
                + "epochs. " + settings + "seeds " + datasets.get(0).base().seeds + ".";
    }

    private void goal(Dataset maternal, List<String> arms) throws Exception {
        TabularDataset all = rows(maternal);
        Map<Long, Scores> iid = runIid(maternal, all, 3);
        Map<String, List<Scores>> scores = runSetting(maternal, all, 3, 0.5, iid);
        SimSummary.Stat pooled = stat(scores.get(POOLED), Scores::accuracy);
        List<List<String>> rows = new ArrayList<>();
        Map<String, SimSummary.Stat> federated = new LinkedHashMap<>();
        for (String arm : arms) {
            SimSummary.Stat acc = stat(scores.get(arm), Scores::accuracy);
            rows.add(List.of(
                    arm,
                    acc.format(),
                    String.format(Locale.ROOT, "%+.1f", 100 * (acc.mean() - pooled.mean()) + 0.0),
                    stat(scores.get(arm), Scores::worstSiteF1).format()));
            if (!arm.equals(POOLED) && !arm.equals(IID)) {
                federated.put(arm, acc);
                md.compare("Maternal, Dirichlet(0.5), 3 gateways, " + arm, acc, "pooled training", pooled);
            }
        }
        md.line(GOAL_HEADING)
                .line("")
                .line("As above (balanced test set, " + maternal.base().rounds + " rounds, seeds "
                        + maternal.base().seeds + ") for the maternal section's setting, the issue's target.")
                .line("")
                .table(List.of("arm (simulation)", "accuracy", "vs pooled (points)", "worst site F1"), rows)
                .line(goal(federated, pooled))
                .line("");
    }

    /** The goal's verdict: the best federated arm (highest mean accuracy) within 1 point of pooled, or not. */
    static String goal(Map<String, SimSummary.Stat> federated, SimSummary.Stat pooled) {
        String best = null;
        for (var e : federated.entrySet()) {
            if (best == null || e.getValue().mean() > federated.get(best).mean()) {
                best = e.getKey();
            }
        }
        SimSummary.Stat b = federated.get(best);
        double gap = 100 * (pooled.mean() - b.mean()) + 0.0;
        double spread = 100 * Math.sqrt(b.sd() * b.sd() + pooled.sd() * pooled.sd());
        return String.format(
                Locale.ROOT,
                "Goal (best federated arm within 1 point of pooled): **%s**. Best arm %s: %s vs pooled %s, "
                        + "gap (pooled − best) %+.1f points (combined sd over seeds %.1f points).",
                gap <= 1 ? "met" : "not met",
                best,
                b.format(),
                pooled.format(),
                gap,
                spread);
    }

    private static TabularDataset rows(Dataset d) throws DataException {
        if (d.input().standardize()) {
            throw new IllegalArgumentException(
                    d.name() + ": the non-IID section takes a mapping with declared scaling");
        }
        return d.input().mapping().apply(d.input().table());
    }

    /** IID FedAvg over {@code sites}, per seed (it does not depend on α). */
    private Map<Long, Scores> runIid(Dataset d, TabularDataset all, int sites) {
        long start = System.nanoTime();
        Map<Long, Scores> out = new LinkedHashMap<>();
        List<CompletableFuture<Scores>> runs = new ArrayList<>();
        for (long seed : d.base().seeds) {
            runs.add(CompletableFuture.supplyAsync(
                    () -> {
                        NonIidData data = NonIidData.prepare(all, new SimData.Iid(sites), TEST_FRACTION, seed);
                        SimConfig config = d.base().build();
                        ModelSpec shape = Simulation.shape(config, data.sites().test());
                        SimFederation.Outcome o = SimFederation.run(
                                config,
                                data.sites(),
                                shape,
                                Simulation.training(config, config.epochs(), 0),
                                null,
                                seed,
                                d.input().mapping().fingerprint());
                        return scores(shape, o.model(), data);
                    },
                    Simulation.SEEDS));
        }
        List<Scores> done = joined(runs);
        for (int i = 0; i < done.size(); i++) {
            out.put(d.base().seeds.get(i), done.get(i));
        }
        log(d.name() + ", " + sites + " sites, IID FedAvg", start);
        return out;
    }

    /** Every arm on Dirichlet(α) sites, per seed; the IID arm's scores come from {@code iid}. */
    private Map<String, List<Scores>> runSetting(
            Dataset d, TabularDataset all, int sites, double alpha, Map<Long, Scores> iid) {
        long start = System.nanoTime();
        List<CompletableFuture<Map<String, Scores>>> runs = new ArrayList<>();
        for (long seed : d.base().seeds) {
            runs.add(CompletableFuture.supplyAsync(() -> runSeed(d, all, sites, alpha, seed), Simulation.SEEDS));
        }
        List<Map<String, Scores>> done = joined(runs);
        Map<String, List<Scores>> out = new LinkedHashMap<>();
        for (int i = 0; i < done.size(); i++) {
            done.get(i).put(IID, iid.get(d.base().seeds.get(i)));
            done.get(i)
                    .forEach((arm, s) ->
                            out.computeIfAbsent(arm, a -> new ArrayList<>()).add(s));
        }
        log(d.name() + ", " + sites + " sites, Dirichlet " + SimText.trim(alpha), start);
        return out;
    }

    private static Map<String, Scores> runSeed(Dataset d, TabularDataset all, int sites, double alpha, long seed) {
        NonIidData data = NonIidData.prepare(all, new SimData.Dirichlet(sites, alpha), TEST_FRACTION, seed);
        SimConfig config = d.base().build();
        String schema = d.input().mapping().fingerprint();
        ModelSpec shape = Simulation.shape(config, data.sites().test());
        TrainingSpec perRound = Simulation.training(config, config.epochs(), 0);
        Map<String, Scores> out = new LinkedHashMap<>();
        out.put("FedAvg", federated(config, data, shape, perRound, seed, schema));
        SimConfig prox = d.base().mu(PROX_MU).build();
        out.put(
                "FedProx μ " + PROX_MU,
                federated(prox, data, shape, Simulation.training(prox, prox.epochs(), PROX_MU), seed, schema));
        out.put(
                "SCAFFOLD",
                federated(d.base().strategy("scaffold", null).build(), data, shape, perRound, seed, schema));
        for (double beta : BETAS) {
            SimFederation.Outcome o = TwoStage.train(
                    data.sites(), config, shape, perRound, beta, SUBSET_ALPHA, WARM_UP_EPOCHS, seed, schema);
            out.put(twoStage(beta), scores(shape, o.model(), data));
        }
        out.put(POOLED, scores(shape, pooled(config, shape, data.sites().pooled(), seed), data));
        return out;
    }

    private static Scores federated(
            SimConfig config, NonIidData data, ModelSpec shape, TrainingSpec perRound, long seed, String schema) {
        SimFederation.Outcome o = SimFederation.run(config, data.sites(), shape, perRound, null, seed, schema);
        return scores(shape, o.model(), data);
    }

    /** All sites' training rows in one place, trained for rounds × epochs epochs from the seed's initial model. */
    private static float[] pooled(SimConfig config, ModelSpec shape, TabularDataset rows, long seed) {
        TrainingSpec whole = Simulation.training(config, (long) config.epochs() * config.rounds(), 0);
        LocalTrainer trainer = new LocalTrainer(SimData.random(seed, 301), SimData.random(seed, 401));
        float[][] x = rows.features();
        int[] y = rows.labels();
        return trainer.train(
                        shape,
                        InitialModel.generate(shape, seed),
                        x,
                        y,
                        TrainingSettings.forTask(whole, null, rows.rowCount()),
                        x,
                        y)
                .params();
    }

    static Scores scores(ModelSpec shape, float[] model, NonIidData data) {
        TabularDataset test = data.sites().test();
        double accuracy = LocalTrainer.evaluate(shape, model, test.features(), test.labels())
                .accuracy();
        return new Scores(accuracy, worstSiteF1(shape, model, data.siteTests()));
    }

    /** The lowest macro F1 of {@code model} over the sites' own held-back rows. */
    static double worstSiteF1(ModelSpec shape, float[] model, List<TabularDataset> siteTests) {
        double worst = Double.POSITIVE_INFINITY;
        for (TabularDataset site : siteTests) {
            int[] predicted = LocalTrainer.predict(shape, model, site.features());
            worst = Math.min(
                    worst,
                    Metrics.macroF1(predicted, site.labels(), site.classNames().size()));
        }
        return worst;
    }

    private static SimSummary.Stat stat(List<Scores> scores, java.util.function.ToDoubleFunction<Scores> metric) {
        return SimSummary.Stat.of(scores.stream().mapToDouble(metric).toArray());
    }

    private static <T> List<T> joined(List<CompletableFuture<T>> runs) {
        List<T> done = new ArrayList<>();
        for (CompletableFuture<T> run : runs) {
            try {
                done.add(run.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return done;
    }

    private void log(String what, long start) {
        progress.printf(Locale.ROOT, "eval: non-IID %-43s %6.1f s%n", what, (System.nanoTime() - start) / 1e9);
        progress.flush();
    }
}
