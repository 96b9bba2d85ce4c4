package org.medfed.client.sim;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.medfed.common.model.RiskModelSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.UsePurpose;

/**
 * One simulation's settings: how rows become participants, the task (strategy, rounds, local training, model,
 * DP) and the attack, run once per seed.
 *
 * @param strategy fedavg, median, trimmed-mean, krum, fedadam, fedyogi or scaffold
 * @param dpEpsilon pick the smallest noise multiplier that keeps every participant within this ε, or null
 * @param noiseMultiplier a fixed σ, or null; with neither, no DP (which the network's accountant would refuse)
 * @param malicious how many participants (the last ones) misbehave
 * @param attack what the attackers do, as {@link Attack#parse} reads it ({@link Attack#USAGE}); null without attackers
 * @param usePurpose what the task declares it uses the sites' datasets for (each site approves it before round 1),
 *     or null: none
 * @param risk the risk class of each of the model's classes, making the task a risk task (needs a purpose), or null
 */
public record SimConfig(
        SimData.Partitioning partitioning,
        double testFraction,
        String strategy,
        double beta,
        Double serverLearningRate,
        boolean reputationWeighted,
        int rounds,
        int epochs,
        int batch,
        double learningRate,
        double fedProxMu,
        List<Long> hidden,
        Double dpEpsilon,
        Double noiseMultiplier,
        double clip,
        double delta,
        List<Long> seeds,
        int malicious,
        String attack,
        UsePurpose usePurpose,
        RiskModelSpec risk) {

    public static final List<String> STRATEGIES =
            List.of("fedavg", "median", "trimmed-mean", "krum", "fedadam", "fedyogi", "scaffold");

    public SimConfig {
        hidden = List.copyOf(hidden);
        seeds = List.copyOf(seeds);
        if (!STRATEGIES.contains(strategy)) {
            throw new IllegalArgumentException("unknown strategy '" + strategy + "'; use one of " + STRATEGIES);
        }
        if (rounds < 1 || epochs < 1 || batch < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("rounds, epochs, batch and the learning rate must be positive");
        }
        if (dpEpsilon != null && noiseMultiplier != null) {
            throw new IllegalArgumentException("give --dp-epsilon or --noise-multiplier, not both");
        }
        if (dpEpsilon != null && !(dpEpsilon > 0) || noiseMultiplier != null && !(noiseMultiplier > 0)) {
            throw new IllegalArgumentException("--dp-epsilon and --noise-multiplier must be positive");
        }
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("give at least one seed");
        }
        if (malicious < 0 || malicious > 0 && attack == null) {
            throw new IllegalArgumentException("--malicious needs --attack " + Attack.USAGE);
        }
        if (attack != null) {
            Attack.parse(attack);
        }
        if (risk != null && usePurpose == null) {
            throw new IllegalArgumentException("a risk task must declare a purpose of use");
        }
    }

    /** The attackers' attack, or null without one. */
    Attack parsedAttack() {
        return attack == null ? null : Attack.parse(attack);
    }

    boolean dp() {
        return dpEpsilon != null || noiseMultiplier != null;
    }

    /** The task's strategy for {@code participants} participants. */
    StrategySpec strategySpec(int participants) {
        SortedMap<String, BigDecimal> params = new TreeMap<>();
        String name = strategy;
        switch (strategy) {
            case "trimmed-mean" -> params.put("beta", BigDecimal.valueOf(beta));
            case "krum" -> {
                // Multi-Krum needs K >= 2f + 3; m keeps all but the f (at least one) most isolated updates.
                int f = Math.max(0, Math.min(Math.max(1, malicious), (participants - 3) / 2));
                name = "multi-krum";
                params.put("f", BigDecimal.valueOf(f));
                params.put("m", BigDecimal.valueOf(Math.max(1, participants - Math.max(1, f))));
            }
            case "fedadam", "fedyogi" -> {
                if (serverLearningRate != null) {
                    params.put("eta", BigDecimal.valueOf(serverLearningRate));
                }
            }
            default -> {}
        }
        if (reputationWeighted) {
            params.put("reputationWeighted", BigDecimal.ONE);
        }
        return new StrategySpec(name, params);
    }

    /** A short description of the federated method, e.g. {@code fedavg} or {@code trimmed-mean(β 0.25) + reputation}. */
    String describeStrategy() {
        String s = switch (strategy) {
            case "trimmed-mean" -> "trimmed-mean (β " + beta + ")";
            case "fedadam", "fedyogi" ->
                strategy + (serverLearningRate == null ? "" : " (η " + serverLearningRate + ")");
            default -> strategy;
        };
        s += fedProxMu > 0 ? " + FedProx μ " + fedProxMu : "";
        return s + (reputationWeighted ? " + reputation weighting" : "");
    }
}
