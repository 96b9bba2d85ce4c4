package org.medfed.client.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.medfed.client.train.Metrics;

/** Figures over the seeds of one simulation: mean and sample standard deviation of each metric per method. */
public record SimSummary(List<Simulation.SeedResult> seeds) {

    /** Mean and sample standard deviation (0 for one seed). */
    public record Stat(double mean, double sd) {
        static Stat of(double[] values) {
            double sum = 0;
            for (double v : values) {
                sum += v;
            }
            double mean = sum / values.length;
            double squares = 0;
            for (double v : values) {
                squares += (v - mean) * (v - mean);
            }
            return new Stat(mean, values.length > 1 ? Math.sqrt(squares / (values.length - 1)) : 0);
        }

        public String format() {
            return String.format(java.util.Locale.ROOT, "%.3f ± %.3f", mean, sd);
        }
    }

    /** Accuracy, F1 and AUC of one method. */
    public record Row(String method, Stat accuracy, Stat f1, Stat auc) {}

    public static final ToDoubleFunction<Metrics.Validation> ACCURACY = Metrics.Validation::accuracy;

    public Row centralized() {
        return row("centralized (pooled)", s -> s.centralized());
    }

    public Row federated(String strategy) {
        return row("federated: " + strategy, s -> s.federated());
    }

    /** Local-only: each seed's mean over participants. */
    public Row localMean() {
        return new Row(
                "local-only (mean of participants)",
                stat(s -> mean(s.local(), Metrics.Validation::accuracy)),
                stat(s -> mean(s.local(), Metrics.Validation::f1)),
                stat(s -> mean(s.local(), Metrics.Validation::auc)));
    }

    /** Local-only scores of participant {@code i} over seeds. */
    public Row localRow(int i, String method) {
        return row(method, s -> s.local().get(i));
    }

    /** Local-only accuracy of participant {@code i} over seeds. */
    public Stat localAccuracy(int i) {
        return stat(s -> s.local().get(i).accuracy());
    }

    /** The worst and the best participant's local-only accuracy, each averaged over seeds. */
    public double[] localAccuracyRange() {
        return new double[] {
            stat(s -> s.local().stream()
                            .mapToDouble(Metrics.Validation::accuracy)
                            .min()
                            .orElseThrow())
                    .mean(),
            stat(s -> s.local().stream()
                            .mapToDouble(Metrics.Validation::accuracy)
                            .max()
                            .orElseThrow())
                    .mean()
        };
    }

    public List<String> participants() {
        return seeds.get(0).data().names();
    }

    /** Federated test accuracy after each round, mean over seeds (rounds all seeds reached). */
    public List<Stat> accuracyPerRound() {
        int rounds = seeds.stream().mapToInt(s -> s.perRound().size()).min().orElse(0);
        List<Stat> stats = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            int round = r;
            stats.add(stat(s -> s.perRound().get(round).accuracy()));
        }
        return stats;
    }

    /** Each participant's reputation after each round, mean over seeds. */
    public Map<String, List<Double>> reputationPerRound() {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        int rounds = seeds.stream().mapToInt(s -> s.perRound().size()).min().orElse(0);
        for (String name : participants()) {
            List<Double> values = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                int round = r;
                values.add(stat(s ->
                                s.federation().reputation().get(name).get(round).doubleValue())
                        .mean());
            }
            out.put(name, values);
        }
        return out;
    }

    /** The last {@code attackers} participants' reputation after each round, mean over seeds. */
    public Map<String, List<Double>> attackersReputationPerRound(int attackers) {
        Map<String, List<Double>> all = reputationPerRound();
        Map<String, List<Double>> out = new LinkedHashMap<>();
        List<String> names = participants();
        names.subList(names.size() - attackers, names.size()).forEach(n -> out.put(n, all.get(n)));
        return out;
    }

    /**
     * After each round (that all seeds reached), the lowest reputation of any honest participant (all but the last
     * {@code attackers}) in any seed.
     */
    public List<Double> lowestHonestReputationPerRound(int attackers) {
        int rounds = seeds.stream().mapToInt(s -> s.perRound().size()).min().orElse(0);
        List<String> names = participants();
        List<Double> out = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double lowest = Double.MAX_VALUE;
            for (Simulation.SeedResult s : seeds) {
                for (String name : names.subList(0, names.size() - attackers)) {
                    lowest = Math.min(
                            lowest, s.federation().reputation().get(name).get(r).doubleValue());
                }
            }
            out.add(lowest);
        }
        return out;
    }

    /**
     * The backdoor's success rate ({@link Trigger#successRate}) of the global model after each round (that all
     * seeds reached), over seeds; empty unless the attackers plant a backdoor.
     */
    public List<Stat> backdoorSuccessPerRound(SimConfig config) {
        if (config.malicious() == 0 || !(config.parsedAttack() instanceof Attack.Backdoor backdoor)) {
            return List.of();
        }
        int rounds = seeds.stream().mapToInt(s -> s.perRound().size()).min().orElse(0);
        List<Stat> stats = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            int round = r;
            stats.add(stat(s -> backdoor.trigger(s.data().test().featureNames().size())
                    .successRate(
                            Simulation.shape(config, s.data().test()),
                            s.federation().roundModels().get(round),
                            s.data().test())));
        }
        return stats;
    }

    /** The backdoor's success rate of the final global model over seeds, or null unless there is a backdoor. */
    public Stat backdoorSuccess(SimConfig config) {
        if (config.malicious() == 0 || !(config.parsedAttack() instanceof Attack.Backdoor)) {
            return null;
        }
        return triggered(config);
    }

    /**
     * {@link Trigger#standard}'s success rate on the final global model over seeds, whoever trained it: without a
     * backdoor, how often the trigger alone moves a row into the target class.
     */
    Stat triggered(SimConfig config) {
        return stat(s -> Trigger.standard(s.data().test().featureNames().size())
                .successRate(
                        Simulation.shape(config, s.data().test()),
                        s.federation().model(),
                        s.data().test()));
    }

    /** The largest ε any participant spent in the federated run (charged by the simulation's ledger), over seeds. */
    public double federatedEpsilonSpent() {
        double worst = 0;
        for (Simulation.SeedResult s : seeds) {
            for (BigDecimal e : s.federation().epsilon().values()) {
                worst = Math.max(worst, e.doubleValue());
            }
        }
        return worst;
    }

    private Row row(String method, java.util.function.Function<Simulation.SeedResult, Metrics.Validation> pick) {
        return new Row(
                method,
                stat(s -> pick.apply(s).accuracy()),
                stat(s -> pick.apply(s).f1()),
                stat(s -> pick.apply(s).auc()));
    }

    /** Any per-seed figure over the seeds. */
    Stat stat(ToDoubleFunction<Simulation.SeedResult> value) {
        return Stat.of(seeds.stream().mapToDouble(value).toArray());
    }

    private static double mean(List<Metrics.Validation> scores, ToDoubleFunction<Metrics.Validation> metric) {
        return scores.stream().mapToDouble(metric).average().orElseThrow();
    }
}
