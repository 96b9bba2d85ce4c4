package org.medfed.client.sim;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.medfed.client.report.ReportCharts.Scale;

/**
 * The Byzantine section of {@code eval}: WDBC dealt to 4 participants of whom 1 attacks, and to 10 of whom 3 attack;
 * no attack and each of {@link #ATTACKS} under FedAvg, trimmed mean and Multi-Krum, each without and with reputation
 * weighting (trimmed mean ignores weights, so its two rows are one run). Each run is the federated task alone
 * ({@link Simulation#runFederated}); all runs are submitted at once so the seeds' threads never idle between them.
 * Reported: final accuracy and F1, the backdoor's success, the attackers' and the honest participants' reputation as
 * the chaincode's rule moved it, refused submissions, and rounds aggregated.
 */
final class ByzantineEvaluation {
    static final String HEADING = "## Byzantine participants";
    static final String ONLY = "byzantine";
    /** The attacks of the table, as {@code --attack} takes them. */
    static final List<String> ATTACKS =
            List.of("label-flip", "sign-flip", "scale:10", "gaussian:0.5", "alie", "backdoor");

    /** Participants, attackers among them, and the trimmed mean's β (⌊βn⌋ trimmed per side: the attackers' count). */
    record Setting(int participants, int attackers, double beta) {
        String label() {
            return attackers + " of " + participants;
        }
    }

    static final List<Setting> SETTINGS = List.of(new Setting(4, 1, 0.25), new Setting(10, 3, 0.3));

    /** A defence: the task's strategy, with or without reputation weighting. */
    record Defence(String strategy, boolean reputationWeighted) {}

    static final List<Defence> DEFENCES = List.of(
            new Defence("fedavg", false),
            new Defence("fedavg", true),
            new Defence("trimmed-mean", false),
            new Defence("trimmed-mean", true),
            new Defence("krum", false),
            new Defence("krum", true));

    /** What the reading below the tables lists, in this order. */
    private static final List<String> READING = List.of(
            "Honest participants refused (reputation below 0.2), refusals per seed",
            "Attackers ending with a higher mean reputation than the lowest honest participant",
            "Tasks stopped by a refused aggregation",
            "Backdoor success above 0.5",
            "Seeds whose final model is worse than a coin (accuracy below 0.5)");

    private final Map<String, List<String>> reading = new LinkedHashMap<>();
    private final ResultsMarkdown md;
    private final Path charts;
    private final PrintWriter progress;

    ByzantineEvaluation(ResultsMarkdown md, Path charts, PrintWriter progress) {
        this.md = md;
        this.charts = charts;
        this.progress = progress;
    }

    /**
     * Runs only this section and puts it in place of its previous version in {@code out/results.md} (or before the
     * access-stream section, where a whole run writes it), its lines of the shortfall list too, its charts in
     * {@code out/results/}; returns the file.
     */
    static Path only(Path repo, Path out, boolean quick, PrintWriter progress) throws Exception {
        ResultsMarkdown md = new ResultsMarkdown();
        Path charts = Files.createDirectories(out.resolve("results"));
        long start = System.nanoTime();
        new ByzantineEvaluation(md, charts, progress)
                .run(Evaluation.wdbcInput(repo), Evaluation.seedList(1, 3, quick), quick ? 2 : 10, quick);
        String section = md.toString();
        int afterHeading = section.indexOf("\n\n") + 2;
        String note = String.format(
                Locale.ROOT,
                "_Written by `./medfed eval --only %s%s` on %s in %.0f s (%d available processors); a whole `./medfed"
                        + " eval` writes the same figures._%n%n",
                ONLY,
                quick ? " --quick" : "",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                (System.nanoTime() - start) / 1e9,
                Runtime.getRuntime().availableProcessors());
        section = section.substring(0, afterHeading) + note + section.substring(afterHeading);
        Path file = out.resolve("results.md");
        String before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Results\n\n";
        String after = ResultsMarkdown.spliceShortfalls(
                ResultsMarkdown.splice(before, HEADING, AccessStreamEvaluation.HEADING, section),
                "- Byzantine (",
                md.shortfalls());
        Files.writeString(file, after, StandardCharsets.UTF_8);
        return file;
    }

    void run(SimInput data, List<Long> seeds, int rounds, boolean quick) throws Exception {
        long start = System.nanoTime();
        Map<Setting, Map<String, Map<Defence, CompletableFuture<SimSummary>>>> runs = new LinkedHashMap<>();
        ExecutorService callers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "medfed-eval-byzantine");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Setting setting : SETTINGS) {
                Map<String, Map<Defence, CompletableFuture<SimSummary>>> byAttack = new LinkedHashMap<>();
                for (String attack : attacks(quick)) {
                    Map<Defence, CompletableFuture<SimSummary>> byDefence = new LinkedHashMap<>();
                    for (Defence defence : defences(quick)) {
                        if (defence.strategy().equals("trimmed-mean") && defence.reputationWeighted()) {
                            continue; // the same run as without weighting
                        }
                        SimConfig config = config(setting, attack, defence, seeds, rounds);
                        String what = "byzantine " + setting.label() + ", " + attack + ", " + describe(config);
                        byDefence.put(defence, CompletableFuture.supplyAsync(() -> run(what, data, config), callers));
                    }
                    byAttack.put(attack, byDefence);
                }
                runs.put(setting, byAttack);
            }
            write(runs, seeds, rounds, quick, start);
        } finally {
            callers.shutdownNow();
        }
    }

    /** No attack first, then {@link #ATTACKS}; with {@code quick} (a smoke test) only sign-flip and backdoor. */
    private static List<String> attacks(boolean quick) {
        List<String> all = new ArrayList<>();
        all.add("none");
        all.addAll(quick ? List.of("sign-flip", "backdoor") : ATTACKS);
        return all;
    }

    /** {@link #DEFENCES}; with {@code quick} only FedAvg and Multi-Krum with reputation weighting. */
    private static List<Defence> defences(boolean quick) {
        return quick ? List.of(DEFENCES.get(0), DEFENCES.get(5)) : DEFENCES;
    }

    static SimConfig config(Setting setting, String attack, Defence defence, List<Long> seeds, int rounds) {
        ConfigBuilder c = new ConfigBuilder().partitioning(new SimData.Iid(setting.participants()));
        c = c.strategy(defence.strategy());
        c.reputationWeighted = defence.reputationWeighted();
        c.beta = setting.beta();
        c.rounds = rounds;
        c.seeds = seeds;
        if (!attack.equals("none")) {
            c = c.attack(setting.attackers(), attack);
        }
        return c.build();
    }

    private SimSummary run(String what, SimInput data, SimConfig config) {
        long start = System.nanoTime();
        try {
            SimSummary summary =
                    new SimSummary(Simulation.runFederated(config, data.table(), data.mapping(), data.standardize()));
            synchronized (progress) {
                progress.printf(Locale.ROOT, "eval: %-70s %6.1f s%n", what, (System.nanoTime() - start) / 1e9);
                progress.flush();
            }
            return summary;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** The defence as the table names it, e.g. {@code Multi-Krum (f 3, m 7) + reputation weighting}. */
    static String describe(SimConfig config) {
        Map<String, BigDecimal> params =
                config.strategySpec(participants(config)).params();
        String name = switch (config.strategy()) {
            case "trimmed-mean" -> "trimmed mean (β " + SimText.trim(config.beta()) + ")";
            case "krum" -> "Multi-Krum (f " + params.get("f") + ", m " + params.get("m") + ")";
            default -> "FedAvg";
        };
        return name + (config.reputationWeighted() ? " + reputation weighting" : "");
    }

    private static int participants(SimConfig config) {
        return ((SimData.Iid) config.partitioning()).participants();
    }

    private void write(
            Map<Setting, Map<String, Map<Defence, CompletableFuture<SimSummary>>>> runs,
            List<Long> seeds,
            int rounds,
            boolean quick,
            long start)
            throws Exception {
        md.line(HEADING)
                .line("")
                .line("WDBC as above (logistic regression, " + rounds + " rounds of 1 epoch, batch 32, learning rate "
                        + "0.1, no DP; seeds " + seeds + "), its training rows dealt IID to 4 participants of whom "
                        + "the last 1 attacks, and to 10 of whom the last 3 attack, in every round. Only the "
                        + "federated task runs (no centralized or local-only training). The attacks "
                        + "(`--attack`, [simulation.md](simulation.md#byzantine-attacks)): **label-flip** (trains on "
                        + "inverted labels); **sign-flip** (sends global − 1 × its honest change); **scale:10** "
                        + "(global + 10 × its change); **gaussian:0.5** (global + N(0, 0.5²) per parameter, no "
                        + "training); **alie** (\"a little is enough\", Baruch et al. 2019: every attacker sends "
                        + "global + μ − z·σ, μ and σ the mean and sample sd of every participant's trained change that "
                        + "round, z = Φ⁻¹((n − s)/n) with s = ⌊n/2 + 1⌋ − f: 0 for 1 of 4, so it sends the honest "
                        + "mean, and 0.524 for 3 of 10); **backdoor** (model replacement, Bagdasaryan et al. 2020: "
                        + "trains on its rows plus a copy of its malignant rows with the last feature, "
                        + "`fractal_dimension_worst`, set to 10 (z-score units) relabelled benign, and sends its "
                        + "change boosted by all participants' examples / (attackers × its own), so that FedAvg's "
                        + "aggregate becomes its model). Backdoor success: the share of the malignant test rows, "
                        + "triggered, that the final model calls benign.")
                .line("")
                .line("Defences: FedAvg; trimmed mean with β = attackers / participants (1 of 4: β 0.25, 3 of 10: "
                        + "β 0.3, so ⌊βK⌋ values are dropped per side); Multi-Krum with f the attackers' count as far "
                        + "as K ≥ 2f + 3 allows and m = K − f (1 of 4: f 0, m 3; 3 of 10: f 3, m 7; a round with fewer "
                        + "updates, once reputation has excluded attackers, tolerates f' = ⌊(K − 3)/2⌋); each without "
                        + "and with reputation weighting (trimmed mean ignores weights: its weighted row is the same "
                        + "run). The ledger's reputation rule runs under all of them (`QualityScores`: an update "
                        + "opposed to the aggregate or above 3× the median norm scores 0; w 0.3 from 0.5; below 0.2 "
                        + "`REPUTATION_TOO_LOW`). Reputation columns: the attackers' final reputation (mean over "
                        + "attackers and seeds, and the highest of any), the lowest final reputation of any honest "
                        + "participant in any seed; refused submissions per seed; rounds aggregated per seed (fewer "
                        + "than " + rounds + " when an aggregation was refused and the task stopped).")
                .line("");
        for (var setting : runs.entrySet()) {
            Setting s = setting.getKey();
            SimSummary clean =
                    setting.getValue().get("none").get(DEFENCES.get(0)).join();
            List<List<String>> rows = new ArrayList<>();
            for (var attack : setting.getValue().entrySet()) {
                for (Defence defence : defences(quick)) {
                    boolean same = defence.strategy().equals("trimmed-mean") && defence.reputationWeighted();
                    Defence ran = same ? new Defence("trimmed-mean", false) : defence;
                    SimSummary summary = attack.getValue().get(ran).join();
                    SimConfig config = config(s, attack.getKey(), defence, seeds, rounds);
                    rows.add(row(s, attack.getKey(), config, summary, same));
                    if (same) {
                        continue;
                    }
                    // the rows without an attacker too: an honest site refused there is the worst finding
                    observe(s, attack.getKey(), config, summary);
                    if (!attack.getKey().equals("none")) {
                        shortfall(s, attack.getKey(), config, summary, clean);
                    }
                }
            }
            md.line("### " + s.label() + " attack")
                    .line("")
                    .table(
                            List.of(
                                    "attack",
                                    "defence",
                                    "accuracy",
                                    "F1",
                                    "backdoor success",
                                    "attackers' reputation, final: mean (highest)",
                                    "lowest honest reputation, final",
                                    "refused per seed: attackers / honest",
                                    "rounds aggregated"),
                            rows);
        }
        md.line("Read from the rows above (attacked runs; a trimmed mean's weighted row is not listed twice):")
                .line("");
        for (String kind : READING) {
            List<String> where = reading.getOrDefault(kind, List.of());
            md.line("- " + kind + ": " + (where.isEmpty() ? "none" : String.join("; ", where)) + ".");
        }
        md.line("");
        charts(runs, seeds);
        md.line(String.format(
                Locale.ROOT,
                "The %d runs of this section took %.0f s together%s.",
                runs.values().stream()
                        .flatMap(a -> a.values().stream())
                        .mapToInt(Map::size)
                        .sum(),
                (System.nanoTime() - start) / 1e9,
                quick
                        ? " (`--quick`: one seed, two rounds, three attacks, two defences; the figures are not"
                                + " meaningful)"
                        : ""));
        md.line("");
    }

    private static List<String> row(Setting setting, String attack, SimConfig config, SimSummary s, boolean same) {
        SimSummary.Stat backdoor = config.malicious() > 0 ? s.backdoorSuccess(config) : null;
        String backdoorCell = backdoor != null
                ? backdoor.format()
                : attack.equals("none") ? s.triggered(config).format() + " (the trigger alone)" : "—";
        String defence = describe(config) + (same ? " (= without: weights ignored)" : "");
        List<String> names = s.participants();
        int attackers = config.malicious();
        String attackerReputation = "—";
        if (attackers > 0) {
            double sum = 0;
            double highest = 0;
            int count = 0;
            for (Simulation.SeedResult seed : s.seeds()) {
                for (String name : names.subList(names.size() - attackers, names.size())) {
                    double last = last(seed.federation().reputation().get(name));
                    sum += last;
                    highest = Math.max(highest, last);
                    count++;
                }
            }
            attackerReputation = ResultsMarkdown.f(sum / count) + " (" + ResultsMarkdown.f(highest) + ")";
        }
        double lowestHonest = Double.MAX_VALUE;
        long refusedAttackers = 0;
        long refusedHonest = 0;
        double aggregated = 0;
        boolean stalled = false;
        for (Simulation.SeedResult seed : s.seeds()) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                boolean attacker = i >= names.size() - attackers;
                if (!attacker) {
                    lowestHonest = Math.min(
                            lowestHonest, last(seed.federation().reputation().get(name)));
                }
                long refused = seed.federation().events().stream()
                        .filter(e -> e.contains(": " + name + " refused: "))
                        .count();
                if (attacker) {
                    refusedAttackers += refused;
                } else {
                    refusedHonest += refused;
                }
            }
            aggregated += seed.perRound().size();
            stalled |= seed.federation().events().stream().anyMatch(e -> e.contains("aggregation refused"));
        }
        int n = s.seeds().size();
        return List.of(
                attack,
                defence,
                s.federated("").accuracy().format(),
                s.federated("").f1().format(),
                backdoorCell,
                attackerReputation,
                ResultsMarkdown.f(lowestHonest),
                String.format(Locale.ROOT, "%.1f / %.1f", (double) refusedAttackers / n, (double) refusedHonest / n),
                String.format(Locale.ROOT, "%.1f", aggregated / n)
                        + (stalled ? " (stopped: " + stopReason(s) + ")" : ""));
    }

    /** Notes the run under the kinds of {@link #READING} it shows. */
    private void observe(Setting setting, String attack, SimConfig config, SimSummary s) {
        String where = setting.label() + " " + attack + ", " + describe(config);
        List<String> names = s.participants();
        int honest = names.size() - config.malicious();
        long refused = 0;
        double lowestHonest = Double.MAX_VALUE;
        double attackers = 0;
        boolean stopped = false;
        for (Simulation.SeedResult seed : s.seeds()) {
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                double last = last(seed.federation().reputation().get(name));
                if (i < honest) {
                    refused += seed.federation().events().stream()
                            .filter(e -> e.contains(": " + name + " refused: "))
                            .count();
                    lowestHonest = Math.min(lowestHonest, last);
                } else {
                    attackers += last / (config.malicious() * s.seeds().size());
                }
            }
            stopped |= seed.federation().events().stream().anyMatch(e -> e.contains("aggregation refused"));
        }
        if (refused > 0) {
            String perSeed = String.format(
                    Locale.ROOT, "%.1f", (double) refused / s.seeds().size());
            note(0, where + " (" + perSeed + ")");
            md.shortfall(String.format(
                    Locale.ROOT,
                    "- Byzantine (%s, %s), %s: honest participants refused for low reputation %s times per seed.",
                    attack,
                    setting.label(),
                    describe(config),
                    perSeed));
        }
        if (attackers > lowestHonest) {
            note(1, where + " (" + ResultsMarkdown.f(attackers) + " vs " + ResultsMarkdown.f(lowestHonest) + ")");
        }
        if (stopped) {
            note(2, where);
        }
        SimSummary.Stat backdoor = s.backdoorSuccess(config);
        if (backdoor != null && backdoor.mean() > 0.5) {
            note(3, where + " (" + ResultsMarkdown.f(backdoor.mean()) + ")");
        }
        for (Simulation.SeedResult seed : s.seeds()) {
            double accuracy = seed.federated().accuracy();
            if (accuracy < 0.5) {
                note(4, where + " (seed " + seed.seed() + ": " + ResultsMarkdown.f(accuracy) + ")");
                md.shortfall(String.format(
                        Locale.ROOT,
                        "- Byzantine (%s, %s), %s: seed %d ends at accuracy %s, worse than a coin.",
                        attack,
                        setting.label(),
                        describe(config),
                        seed.seed(),
                        ResultsMarkdown.f(accuracy)));
            }
        }
    }

    private void note(int kind, String where) {
        reading.computeIfAbsent(READING.get(kind), k -> new ArrayList<>()).add(where);
    }

    /** Why the first stopped seed's task stopped: the ledger's refusal of its aggregation. */
    private static String stopReason(SimSummary s) {
        for (Simulation.SeedResult seed : s.seeds()) {
            for (String e : seed.federation().events()) {
                int at = e.indexOf("aggregation refused: ");
                if (at >= 0) {
                    String reason = e.substring(at + "aggregation refused: ".length());
                    int peer = reason.indexOf(" (peer ");
                    return (peer >= 0 ? reason.substring(0, peer) : reason).replace("|", "/");
                }
            }
        }
        return "";
    }

    private static double last(List<BigDecimal> values) {
        return values.get(values.size() - 1).doubleValue();
    }

    /** Lists in the shortfalls the attacked runs whose accuracy falls short of clean FedAvg, and planted backdoors. */
    private void shortfall(Setting setting, String attack, SimConfig config, SimSummary s, SimSummary clean) {
        String what = "Byzantine (" + attack + ", " + setting.label() + "), " + describe(config);
        SimSummary.Stat attacked = s.federated("").accuracy();
        SimSummary.Stat reference = clean.federated("").accuracy();
        double spread = Math.sqrt(attacked.sd() * attacked.sd() + reference.sd() * reference.sd());
        if (reference.mean() - attacked.mean() > spread) {
            md.compare(what, attacked, "FedAvg without attackers", reference);
        }
        SimSummary.Stat backdoor = s.backdoorSuccess(config);
        if (backdoor != null && backdoor.mean() > 0.5) {
            md.shortfall(String.format(
                    Locale.ROOT,
                    "- %s: the backdoor succeeds on %s of the triggered malignant test rows.",
                    what,
                    backdoor.format()));
        }
    }

    private void charts(Map<Setting, Map<String, Map<Defence, CompletableFuture<SimSummary>>>> runs, List<Long> seeds)
            throws Exception {
        Setting ten = SETTINGS.get(1);
        Defence fedavg = DEFENCES.get(0);
        Map<String, List<Double>> accuracy = new LinkedHashMap<>();
        Map<String, List<Double>> reputation = new LinkedHashMap<>();
        for (var attack : runs.get(ten).entrySet()) {
            SimSummary s = attack.getValue().get(fedavg).join();
            accuracy.put(attack.getKey(), Evaluation.means(s.accuracyPerRound()));
            if (!attack.getKey().equals("none")) {
                List<Double> mean = new ArrayList<>();
                var perAttacker = s.attackersReputationPerRound(ten.attackers());
                int rounds = perAttacker.values().iterator().next().size();
                for (int r = 0; r < rounds; r++) {
                    int round = r;
                    mean.add(perAttacker.values().stream()
                            .mapToDouble(v -> v.get(round))
                            .average()
                            .orElseThrow());
                }
                reputation.put(attack.getKey(), mean);
            }
        }
        reputation.put(
                "lowest honest (no attack)",
                runs.get(ten).get("none").get(fedavg).join().lowestHonestReputationPerRound(0));
        Map<String, List<Double>> backdoor = new LinkedHashMap<>();
        for (Setting setting : SETTINGS) {
            for (var defence : runs.get(setting).get("backdoor").entrySet()) {
                SimConfig config = config(setting, "backdoor", defence.getKey(), seeds, 1);
                backdoor.put(
                        setting.label() + ", " + describe(config),
                        Evaluation.means(defence.getValue().join().backdoorSuccessPerRound(config)));
            }
        }
        String mean = "mean over seeds " + seeds;
        md.chart(
                        "accuracy per round, 3 of 10 attack, FedAvg",
                        EvalCharts.lines(
                                        charts.resolve("byzantine-accuracy.png"),
                                        "3 of 10 WDBC participants attack, FedAvg (simulation): accuracy per round",
                                        mean + " of the global model's test accuracy after each round",
                                        "accuracy",
                                        Scale.SCORE,
                                        accuracy)
                                .getFileName()
                                .toString())
                .chart(
                        "attackers' reputation per round, 3 of 10 attack, FedAvg",
                        EvalCharts.lines(
                                        charts.resolve("byzantine-reputation.png"),
                                        "3 of 10 attack, FedAvg (simulation): the attackers' reputation per round",
                                        mean + " and attackers of the reputation the ledger's rule gave them; below"
                                                + " 0.2 their updates are refused",
                                        "reputation score",
                                        Scale.FROM_ZERO,
                                        reputation)
                                .getFileName()
                                .toString())
                .chart(
                        "backdoor success per round",
                        EvalCharts.lines(
                                        charts.resolve("byzantine-backdoor.png"),
                                        "Backdoor by model replacement (simulation): success per round",
                                        mean + " of the share of triggered malignant test rows called benign",
                                        "backdoor success",
                                        Scale.FROM_ZERO,
                                        backdoor)
                                .getFileName()
                                .toString());
    }
}
