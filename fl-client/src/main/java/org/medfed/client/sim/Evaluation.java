package org.medfed.client.sim;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.medfed.client.report.ReportCharts.Scale;

/**
 * {@code medfed eval}: runs the evaluation's simulations and writes {@code results.md} with its PNG charts under
 * {@code results/}. Every figure in the file comes from a run made here; the text around them is fixed, and the
 * shortfall list is derived from the figures. {@code quick} runs one seed and two or three rounds, for a smoke test.
 */
public final class Evaluation {
    static final String MAPPINGS = "fl-client/src/main/resources/examples/";

    private final Path repo;
    private final Path charts;
    private final boolean quick;
    private final PrintWriter progress;
    private final ResultsMarkdown md = new ResultsMarkdown();
    /** The secure-aggregation section's data sets, filled by the sections whose DP runs it compares with. */
    private final List<SecureEvaluation.Dataset> secure = new ArrayList<>();

    private Evaluation(Path repo, Path charts, boolean quick, PrintWriter progress) {
        this.repo = repo;
        this.charts = charts;
        this.quick = quick;
        this.progress = progress;
    }

    /** Writes {@code out/results.md} and {@code out/results/*.png}; returns the Markdown file. */
    public static Path run(Path repo, Path out, boolean quick, PrintWriter progress) throws Exception {
        Path charts = Files.createDirectories(out.resolve("results"));
        Evaluation e = new Evaluation(repo, charts, quick, progress);
        long start = System.nanoTime();
        String body = e.sections();
        double seconds = (System.nanoTime() - start) / 1e9;
        Path file = out.resolve("results.md");
        Files.writeString(file, e.header(seconds) + body + e.shortfalls(), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Runs only the maternal simulations the risk subsection reads and writes it, alone, to {@code out/results-risk.md}
     * (the same figures as in a whole run, which is much longer); returns that file.
     */
    public static Path runRisk(Path repo, Path out, boolean quick, PrintWriter progress) throws Exception {
        Files.createDirectories(out);
        Evaluation e = new Evaluation(repo, out, quick, progress);
        long start = System.nanoTime();
        SimInput data = e.maternalInput();
        ConfigBuilder base = e.maternalBase();
        new RiskEvaluation(e.md).run(e.maternalSkewed(data, base), e.maternalIid(data, base), base);
        return e.writeAlone(
                out.resolve("results-risk.md"),
                "risk",
                "only the two maternal gateway simulations this subsection reads, with the same seeds and settings "
                        + "as the section above, so a whole `./medfed eval` writes the same figures here",
                start);
    }

    /**
     * Runs only the non-IID section and writes it, with the comparisons it adds to the shortfall list, to {@code
     * out/results-noniid.md} and its charts to {@code out/results/}; returns that file.
     */
    public static Path runNonIid(Path repo, Path out, boolean quick, PrintWriter progress) throws Exception {
        Evaluation e = new Evaluation(repo, Files.createDirectories(out.resolve("results")), quick, progress);
        long start = System.nanoTime();
        e.noniid();
        e.md.line("Its lines for \"Where medfed falls short\":").line("");
        e.md.shortfalls().forEach(e.md::line);
        return e.writeAlone(
                out.resolve("results-noniid.md"),
                "noniid",
                "the section alone, with the same seeds and settings as in a whole `./medfed eval`",
                start);
    }

    /**
     * Runs only the Byzantine section and puts it in place of its previous version in {@code out/results.md}, with its
     * lines of the shortfall list; returns that file.
     */
    public static Path runByzantine(Path repo, Path out, boolean quick, PrintWriter progress) throws Exception {
        return ByzantineEvaluation.only(repo, out, quick, progress);
    }

    /** Writes what {@link #md} holds to {@code file}, with a note under its heading on the run that made it. */
    private Path writeAlone(Path file, String only, String what, long start) throws Exception {
        double seconds = (System.nanoTime() - start) / 1e9;
        String body = md.toString();
        int afterHeading = body.indexOf("\n\n") + 2;
        String note = String.format(
                java.util.Locale.ROOT,
                "_Written by `./medfed eval --only %s%s` on %s in %.0f s (%d available processors): %s._%n%n",
                only,
                quick ? " --quick" : "",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                seconds,
                Runtime.getRuntime().availableProcessors(),
                what);
        Files.writeString(
                file, body.substring(0, afterHeading) + note + body.substring(afterHeading), StandardCharsets.UTF_8);
        return file;
    }

    private String header(double seconds) {
        return "# Results\n\n"
                + "Written by `./medfed eval" + (quick ? " --quick" : "") + "` on "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS)
                + String.format(
                        java.util.Locale.ROOT,
                        " in %.0f s (%d available processors). ",
                        seconds,
                        Runtime.getRuntime().availableProcessors())
                + "**Every figure in this file is from simulation** (`medfed simulate`'s engine: one JVM, the "
                + "chaincode's own transactions on the embedded ledger in process with an in-memory blob store, the "
                + "production trainer, DP-SGD, accountant and aggregation code), not from the network, unless a "
                + "section says otherwise. No figure is typed by hand: rerun `./medfed eval` to regenerate the file."
                + (quick
                        ? " This is the `--quick` smoke version: one seed and two or three rounds, so the figures "
                                + "are not meaningful."
                        : "")
                + "\n\nFigures are mean ± sample standard deviation over seeds; each seed changes the split, the initial"
                + " model, the sampling and the noise. Accuracy, F1 (macro for three classes) and ROC AUC (macro "
                + "one-vs-rest) are measured on held-back test rows that every method of a row group shares.\n\n"
                + "## On the real network\n\n"
                + "_Not filled by this evaluation._ The headline run on the network (WDBC, hospital, clinic and "
                + "wearable-gateway participants, DP on) is `./medfed demo`, which writes its own report to "
                + "`out/demo/`; costs per round (training, IPFS, endorsement and commit, aggregation), ledger bytes "
                + "and peak RSS are likewise only measurable there. `eval --network` is not implemented.\n\n";
    }

    private String sections() throws Exception {
        wdbc();
        heart();
        maternal();
        noniid();
        new SecureEvaluation(md, quick, progress).run(secure);
        byzantine();
        new AccessStreamEvaluation(md, repo, quick, progress).run("./medfed eval" + (quick ? " --quick" : ""));
        return md.toString();
    }

    private List<Long> seeds(long first, int count) {
        return seedList(first, count, quick);
    }

    private List<Double> epsilons() {
        return quick ? List.of(3.0) : List.of(1.0, 3.0, 8.0);
    }

    private int rounds(int full) {
        return quick ? 2 : full;
    }

    private SimSummary sim(String what, SimInput input, ConfigBuilder config) throws Exception {
        long start = System.nanoTime();
        SimSummary summary =
                new SimSummary(Simulation.run(config.build(), input.table(), input.mapping(), input.standardize()));
        progress.printf(java.util.Locale.ROOT, "eval: %-50s %6.1f s%n", what, (System.nanoTime() - start) / 1e9);
        progress.flush();
        return summary;
    }

    private SimInput input(String csv, String label, String mapping, String partitionBy) throws Exception {
        return SimInput.load(
                repo.resolve("data/" + csv), label, repo.resolve(MAPPINGS + mapping), List.of(), partitionBy, null);
    }

    private void wdbc() throws Exception {
        SimInput data = input("breast_cancer_wisconsin_diagnostic.csv", "diagnosis", "mapping-wdbc.json", null);
        ConfigBuilder base = new ConfigBuilder();
        base.rounds = rounds(10);
        base.seeds = seeds(1, 5);
        SimSummary plain = sim("WDBC, 3 participants, no DP", data, base);
        List<List<String>> rows = new ArrayList<>();
        Map<String, SimSummary.Stat> bars = new LinkedHashMap<>();
        rows.add(ResultsMarkdown.scores("centralized (pooled)", plain.centralized(), "no DP"));
        rows.add(ResultsMarkdown.scores("local-only (mean of 3)", plain.localMean(), "no DP"));
        rows.add(ResultsMarkdown.scores("FedAvg", plain.federated("fedavg"), "no DP"));
        bars.put("centralized", plain.centralized().accuracy());
        bars.put("local-only", plain.localMean().accuracy());
        bars.put("FedAvg", plain.federated("fedavg").accuracy());
        md.compare(
                "WDBC, FedAvg without DP",
                plain.federated("").accuracy(),
                "centralized",
                plain.centralized().accuracy());
        Map<Double, SimSummary> dps = new LinkedHashMap<>();
        for (double eps : epsilons()) {
            SimSummary dp = sim("WDBC, 3 participants, DP ε " + eps, data, base.dp(eps));
            dps.put(eps, dp);
            String e = "ε " + SimText.trim(eps) + " (σ " + dp.seeds().get(0).sigmaCentralized() + ")";
            rows.add(ResultsMarkdown.scores("centralized + DP", dp.centralized(), e));
            rows.add(ResultsMarkdown.scores(
                    "local-only + DP (mean of 3)",
                    dp.localMean(),
                    "ε " + SimText.trim(eps) + " (σ " + dp.seeds().get(0).sigmaFederated() + ")"));
            rows.add(ResultsMarkdown.scores(
                    "FedAvg + DP",
                    dp.federated(""),
                    "ε " + SimText.trim(eps) + " (σ "
                            + dp.seeds().get(0).sigmaFederated() + "; ledger: "
                            + ResultsMarkdown.f(dp.federatedEpsilonSpent())
                            + ")"));
            bars.put("centralized ε" + SimText.trim(eps), dp.centralized().accuracy());
            bars.put("FedAvg ε" + SimText.trim(eps), dp.federated("").accuracy());
            md.compare(
                    "WDBC, FedAvg + DP at ε " + SimText.trim(eps),
                    dp.federated("").accuracy(),
                    "centralized DP-SGD at the same ε",
                    dp.centralized().accuracy());
            md.compare(
                    "WDBC, FedAvg + DP at ε " + SimText.trim(eps),
                    dp.federated("").accuracy(),
                    "local-only DP-SGD at the same ε (mean of 3)",
                    dp.localMean().accuracy());
        }
        secure.add(new SecureEvaluation.Dataset(
                "WDBC", "As in the WDBC section: 3 participants (IID), logistic regression.", data, base, dps));
        md.line("## WDBC: three participants")
                .line("")
                .line("`data/breast_cancer_wisconsin_diagnostic.csv` with `mapping-wdbc.json` (its declared z-score "
                        + "statistics), 20% of the rows held back (stratified), the rest dealt to 3 participants "
                        + "(stratified, IID); logistic regression; " + base.rounds + " rounds of 1 local epoch, batch "
                        + "32, learning rate 0.1; seeds " + base.seeds + ". Centralized and local-only training run "
                        + "as many epochs as a participant runs in all rounds. With DP, each method gets the smallest "
                        + "noise multiplier σ (clip 1, δ 1e-5) that keeps its ε at or below the target after all "
                        + "rounds, so a participant spends the same ε in local-only and federated training; the "
                        + "\"ledger\" ε is the largest any participant was charged by the simulation's ledger's "
                        + "accountant.")
                .line("")
                .table(List.of("method (simulation)", "privacy", "accuracy", "F1", "AUC"), rows)
                .chart(
                        "WDBC accuracy",
                        EvalCharts.bars(
                                        charts.resolve("wdbc-accuracy.png").toAbsolutePath(),
                                        "WDBC, 3 participants (simulation): test accuracy",
                                        "accuracy",
                                        bars,
                                        0.8)
                                .getFileName()
                                .toString());
    }

    private void heart() throws Exception {
        new HeartEvaluation(this::sim, md, charts, quick)
                .run(
                        input("heart_disease_uci_4sites.csv", "num", "mapping-heart-disease-4sites.json", "site"),
                        seeds(42, 5),
                        rounds(20));
    }

    private SimInput maternalInput() throws Exception {
        return input("maternal_health_risk.csv", "RiskLevel", "mapping-maternal-health-risk.json", null);
    }

    /** The maternal section's gateways: 3, Dirichlet(0.5) classes, MLP with 16 ReLU units. */
    private ConfigBuilder maternalBase() {
        ConfigBuilder base = new ConfigBuilder().partitioning(new SimData.Dirichlet(3, 0.5));
        base.rounds = rounds(20);
        base.seeds = seeds(1, 5);
        base.hidden = List.of(16L);
        return base;
    }

    private SimSummary maternalSkewed(SimInput data, ConfigBuilder base) throws Exception {
        return sim("maternal, 3 gateways, Dirichlet 0.5", data, base);
    }

    private SimSummary maternalIid(SimInput data, ConfigBuilder base) throws Exception {
        return sim("maternal, 3 gateways, IID", data, base.partitioning(new SimData.Iid(3)));
    }

    private void maternal() throws Exception {
        SimInput data = maternalInput();
        ConfigBuilder base = maternalBase();
        SimSummary skewed = maternalSkewed(data, base);
        SimSummary iid = maternalIid(data, base);
        SimSummary prox = sim("maternal, 3 gateways, Dirichlet 0.5, FedProx", data, base.mu(0.1));
        Map<Double, SimSummary> dps = new LinkedHashMap<>();
        for (double eps : epsilons()) {
            dps.put(eps, sim("maternal, 3 gateways, Dirichlet 0.5, DP ε " + eps, data, base.dp(eps)));
        }
        secure.add(new SecureEvaluation.Dataset(
                "Maternal health risk",
                "As in the maternal section: 3 gateways with Dirichlet(0.5) classes, MLP with 16 ReLU units; local DP and centralized DP-SGD with the same "
                        + base.rounds + " rounds of 1 "
                        + "epoch, batch 32, learning rate 0.1, σ calibrated as for WDBC.",
                data,
                base,
                dps));
        double[] range = skewed.localAccuracyRange();
        List<List<String>> rows = List.of(
                ResultsMarkdown.scores("centralized (pooled)", skewed.centralized(), null),
                ResultsMarkdown.scores(
                        "local-only, Dirichlet (mean of 3; worst " + ResultsMarkdown.f(range[0]) + ", best "
                                + ResultsMarkdown.f(range[1]) + ")",
                        skewed.localMean(),
                        null),
                ResultsMarkdown.scores("FedAvg, IID gateways", iid.federated(""), null),
                ResultsMarkdown.scores("FedAvg, Dirichlet gateways", skewed.federated(""), null),
                ResultsMarkdown.scores("FedProx μ 0.1, Dirichlet gateways", prox.federated(""), null));
        md.compare(
                "Maternal health risk, FedAvg over Dirichlet(0.5) gateways",
                skewed.federated("").accuracy(),
                "centralized",
                skewed.centralized().accuracy());
        md.compare(
                "Maternal health risk, FedAvg over Dirichlet(0.5) gateways",
                skewed.federated("").accuracy(),
                "FedAvg over IID gateways",
                iid.federated("").accuracy());
        Simulation.SeedResult first = skewed.seeds().get(0);
        List<List<String>> gateways = new ArrayList<>();
        for (int i = 0; i < first.data().names().size(); i++) {
            int[] counts = first.data().trains().get(i).classCounts();
            List<String> row =
                    new ArrayList<>(List.of("gateway " + first.data().names().get(i)));
            for (int c : counts) {
                row.add(Integer.toString(c));
            }
            gateways.add(row);
        }
        List<String> header = new ArrayList<>(List.of("seed " + first.seed() + " training rows"));
        header.addAll(first.data().test().classNames());
        Map<String, List<Double>> lines = new LinkedHashMap<>();
        lines.put("FedAvg, IID", means(iid.accuracyPerRound()));
        lines.put("FedAvg, Dirichlet 0.5", means(skewed.accuracyPerRound()));
        lines.put("FedProx 0.1, Dirichlet 0.5", means(prox.accuracyPerRound()));
        md.line("## Maternal health risk on wearable gateways")
                .line("")
                .line("`data/maternal_health_risk.csv` with `mapping-maternal-health-risk.json`: three classes (low, "
                        + "mid, high risk). 20% held back, the rest dealt to 3 gateways with Dirichlet(0.5) class "
                        + "proportions (Hsu et al. 2019; each gateway sees a skewed mix of classes), compared with an "
                        + "IID deal of the same rows; MLP with one hidden layer of 16 ReLU units; " + base.rounds
                        + " rounds of 1 epoch, batch 32, learning rate 0.1, no DP; seeds " + base.seeds + ".")
                .line("")
                .table(header, gateways)
                .table(List.of("method (simulation)", "accuracy", "F1 (macro)", "AUC (macro)"), rows)
                .chart(
                        "maternal accuracy per round",
                        EvalCharts.lines(
                                        charts.resolve("maternal-rounds.png"),
                                        "Maternal health risk, 3 gateways (simulation): test accuracy per round",
                                        "mean over seeds " + base.seeds + " of the global model's accuracy on the "
                                                + "held-back rows after each round",
                                        "accuracy",
                                        Scale.SCORE,
                                        lines)
                                .getFileName()
                                .toString());
        new RiskEvaluation(md).run(skewed, iid, base);
    }

    private void noniid() throws Exception {
        SimInput wdbc = input("breast_cancer_wisconsin_diagnostic.csv", "diagnosis", "mapping-wdbc.json", null);
        ConfigBuilder wdbcBase = new ConfigBuilder();
        wdbcBase.rounds = rounds(10);
        wdbcBase.seeds = seeds(1, 5);
        NonIidEvaluation.Dataset maternal =
                new NonIidEvaluation.Dataset("Maternal health risk", "maternal", maternalInput(), maternalBase());
        new NonIidEvaluation(md, charts, quick, progress)
                .run(List.of(maternal, new NonIidEvaluation.Dataset("WDBC", "wdbc", wdbc, wdbcBase)), maternal);
    }

    private void byzantine() throws Exception {
        new ByzantineEvaluation(md, charts, progress).run(wdbcInput(repo), seeds(1, 3), rounds(10), quick);
    }

    /** The WDBC table with its shipped mapping. */
    static SimInput wdbcInput(Path repo) throws Exception {
        return SimInput.load(
                repo.resolve("data/breast_cancer_wisconsin_diagnostic.csv"),
                "diagnosis",
                repo.resolve(MAPPINGS + "mapping-wdbc.json"),
                List.of(),
                null,
                null);
    }

    /** {@code count} seeds from {@code first}, or only the first with {@code quick}. */
    static List<Long> seedList(long first, int count, boolean quick) {
        return LongStream.range(first, first + (quick ? 1 : count)).boxed().toList();
    }

    private String shortfalls() {
        StringBuilder s = new StringBuilder(ResultsMarkdown.SHORTFALLS + "\n\nDerived from the figures above (a gap "
                + "counts when it exceeds the combined standard deviation over seeds):\n\n");
        md.shortfalls().forEach(line -> s.append(line).append('\n'));
        s.append("\nAnd what these figures do not show:\n\n"
                + "- They are simulations. The network runs the same rules and code, but its costs (time per round "
                + "split into training, IPFS, endorsement and aggregation; ledger bytes; memory) are not measured "
                + "here, and the network's figures may differ by its own randomness (`SecureRandom` noise).\n"
                + "- FedAdam and FedYogi run here through the aggregator's own code with their optimizer state as a "
                + "blob by CID, as on the network.\n"
                + "- The shipped mappings declare z-score statistics computed from the whole public table, test rows "
                + "included; a real consortium would take them from a reference sample, which can only be worse.\n"
                + "- The \"best configuration\" of the heart disease section is chosen on the same test rows it is "
                + "scored on, so it is optimistic.\n"
                + "- DP-SGD's privacy is per participant and per task; centralized DP protects each record of the "
                + "pooled table, which no real hospital would hand over.\n");
        return s.toString();
    }

    static List<Double> means(List<SimSummary.Stat> stats) {
        return stats.stream().map(SimSummary.Stat::mean).toList();
    }

    /** Runs one simulation and logs its time (what the sections share). */
    @FunctionalInterface
    interface Runner {
        SimSummary run(String what, SimInput input, ConfigBuilder config) throws Exception;
    }
}
