package org.medfed.client.federation;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.medfed.client.sim.SecureTraining;
import org.medfed.client.train.Metrics;

/**
 * How {@link FederationOptions#wdbcSecureDemo}'s settings were chosen (issue 13: the demo with secure aggregation at
 * no more ε than in clear reaches F1 ≥ 0.95 on the held-back rows in at least 9 runs of 10). Every candidate (model,
 * q, rounds, η; σ the smallest that keeps the ledger's ε within the target) runs {@code runs} times with
 * SecureRandom sampling and noise on the demo's split, run r holding back fold r mod 5 of each site's rows for
 * validation (5-fold cross-validation on the training rows); the candidate with the lowest mean validation log-loss
 * wins (then fewer rounds, then the grid order). Validation F1 cannot rank them: the folds are small and most
 * candidates classify them all correctly, while the loss still tells a model that separates the classes with a
 * margin from one that barely does. Only the winner is then run on the held-back test rows, with n_min 3 and with n_min 2 (three
 * survivors: each site adds σ²/2, so the sum carries σ·√(3/2)). Rounds stay at most 20, so that the demo's secure
 * rounds, a few seconds each on the network, take about two minutes.
 *
 * <pre>
 * ./mvnw -B -o -q -pl fl-client -am test-compile -Dshellcheck.skip=true
 * java -cp fl-client/target/test-classes:fl-client/target/classes:fl-common/target/classes:$(cat cp.txt) \
 *     org.medfed.client.federation.SecureDemoSweep [runs] [target ε ...]
 * </pre>
 *
 * {@code SecureDemoSweep confirm [runs]} runs the chosen setting alone on the held-back rows.
 *
 * (cp.txt from {@code ./mvnw -o -q -pl fl-client dependency:build-classpath -Dmdep.outputFile=cp.txt}.)
 */
final class SecureDemoSweep {
    static final List<List<Long>> MODELS = List.of(List.of(), List.of(4L));
    static final List<BigDecimal> SAMPLING_RATES =
            List.of(new BigDecimal("0.3"), new BigDecimal("0.5"), new BigDecimal("0.7"), BigDecimal.ONE);
    static final List<Long> ROUNDS = List.of(8L, 12L, 16L, 20L, 24L);
    static final List<BigDecimal> LEARNING_RATES =
            List.of(BigDecimal.ONE, new BigDecimal("2"), new BigDecimal("4"), new BigDecimal("8"));
    static final int FOLDS = 5;
    static final double F1_GOAL = 0.95;

    /** Scores of one candidate over its runs. */
    record Scores(double share, double meanF1, double minF1, double meanAccuracy, double meanLoss) {
        static Scores of(List<Metrics.Validation> runs) {
            double[] f1 = runs.stream().mapToDouble(Metrics.Validation::f1).toArray();
            return new Scores(
                    Arrays.stream(f1).filter(f -> f >= F1_GOAL).count() / (double) f1.length,
                    Arrays.stream(f1).average().orElse(Double.NaN),
                    Arrays.stream(f1).min().orElse(Double.NaN),
                    runs.stream()
                            .mapToDouble(Metrics.Validation::accuracy)
                            .average()
                            .orElse(Double.NaN),
                    runs.stream()
                            .mapToDouble(Metrics.Validation::loss)
                            .average()
                            .orElse(Double.NaN));
        }

        String format() {
            return String.format(
                    Locale.ROOT,
                    "F1 >= %.2f in %3.0f %%, mean F1 %.3f, min F1 %.3f, mean accuracy %.3f, mean loss %.4f",
                    F1_GOAL,
                    100 * share,
                    meanF1,
                    minF1,
                    meanAccuracy,
                    meanLoss);
        }
    }

    record Candidate(FederationOptions options, double epsilon, Scores validation) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "hidden %-4s q %-4s R %2d eta %-4s sigma %-5s n_min %d epsilon %.2f",
                    options.hiddenLayers(),
                    options.secureAggregation().samplingRate().toPlainString(),
                    options.rounds(),
                    options.learningRate().toPlainString(),
                    options.noiseMultiplier().toPlainString(),
                    options.secureAggregation().minSurvivors(),
                    epsilon);
        }
    }

    private SecureDemoSweep() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("confirm")) {
            confirm(args.length > 1 ? Integer.parseInt(args[1]) : 200);
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<Double> targets = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            targets.add(Double.parseDouble(args[i]));
        }
        if (targets.isEmpty()) {
            targets.add(7.5);
        }
        FederationOptions clear = FederationOptions.wdbcDemo("wdbc-demo");
        List<SecureDemoSimulation.Data> folds = new ArrayList<>();
        for (int fold = 0; fold < FOLDS; fold++) {
            folds.add(SecureDemoSimulation.validation(clear, fold, FOLDS));
        }
        SecureDemoSimulation.Data heldBack = SecureDemoSimulation.heldBack(clear);
        System.out.printf(
                Locale.ROOT,
                "demo split (seed %d, test fraction %.2f): sites %s rows, %d held back; validation: %d folds, fold 1:"
                        + " sites %s rows, %d validation rows; %d runs per candidate, SecureRandom%n",
                clear.seed(),
                clear.testFraction(),
                heldBack.sites().stream().map(d -> d.rowCount()).toList(),
                heldBack.scored().rowCount(),
                FOLDS,
                folds.get(0).sites().stream().map(d -> d.rowCount()).toList(),
                folds.get(0).scored().rowCount(),
                runs);
        for (double target : targets) {
            List<Candidate> candidates = new ArrayList<>();
            for (List<Long> hidden : MODELS) {
                for (BigDecimal q : SAMPLING_RATES) {
                    for (long rounds : ROUNDS) {
                        BigDecimal sigma = SecureDemoSimulation.sigma(target, clear.delta(), q, rounds);
                        for (BigDecimal eta : LEARNING_RATES) {
                            FederationOptions options =
                                    FederationOptions.wdbcSecure("sweep", hidden, q, rounds, eta, sigma, 3);
                            Candidate c = new Candidate(
                                    options, SecureDemoSimulation.epsilon(options), scores(options, folds, runs));
                            candidates.add(c);
                            System.out.printf(
                                    "target %.1f  %s  validation: %s%n",
                                    target, c.describe(), c.validation().format());
                        }
                    }
                }
            }
            List<Candidate> ranked = new ArrayList<>(candidates);
            ranked.sort(
                    Comparator.comparingDouble((Candidate c) -> c.validation().meanLoss())
                            .thenComparingLong(c -> c.options().rounds()));
            System.out.printf(
                    "%ntarget epsilon %.1f, %d candidates; best five on validation:%n", target, ranked.size());
            ranked.subList(0, Math.min(5, ranked.size()))
                    .forEach(c -> System.out.println(
                            "  " + c.describe() + "  " + c.validation().format()));
            FederationOptions best = ranked.get(0).options();
            System.out.println("chosen: " + ranked.get(0).describe());
            for (long minSurvivors : List.of(3L, 2L)) {
                FederationOptions o = FederationOptions.wdbcSecure(
                        "sweep",
                        best.hiddenLayers(),
                        best.secureAggregation().samplingRate(),
                        best.rounds(),
                        best.learningRate(),
                        best.noiseMultiplier(),
                        minSurvivors);
                System.out.printf(
                        Locale.ROOT,
                        "  held-back rows (%d), n_min %d, 3 survivors, epsilon %.2f: %s%n",
                        heldBack.scored().rowCount(),
                        minSurvivors,
                        SecureDemoSimulation.epsilon(o),
                        scores(o, List.of(heldBack), runs).format());
            }
            System.out.println();
        }
    }

    /** The demo's own setting, {@code runs} times on the held-back rows, SecureRandom: the rate, not a choice. */
    static void confirm(int runs) throws Exception {
        FederationOptions options = FederationOptions.wdbcSecureDemo("wdbc-demo");
        SecureDemoSimulation.Data heldBack = SecureDemoSimulation.heldBack(options);
        System.out.printf(
                Locale.ROOT,
                "wdbcSecureDemo, %d runs on the %d held-back rows, epsilon %.2f: %s%n",
                runs,
                heldBack.scored().rowCount(),
                SecureDemoSimulation.epsilon(options),
                scores(options, List.of(heldBack), runs).format());
    }

    /** {@code runs} runs, run r on {@code data.get(r mod size)}. */
    static Scores scores(FederationOptions options, List<SecureDemoSimulation.Data> data, int runs) {
        List<Metrics.Validation> results = new ArrayList<>();
        SecureRandom random = new SecureRandom();
        for (int r = 0; r < runs; r++) {
            results.add(SecureDemoSimulation.run(
                    options, data.get(r % data.size()), i -> random, SecureTraining.RoundObserver.NONE));
        }
        return Scores.of(results);
    }
}
