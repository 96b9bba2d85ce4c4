package org.medfed.client.sim;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import org.medfed.client.data.DataException;
import org.medfed.common.secagg.DistributedDp;

/**
 * {@code medfed simulate --secure-aggregation}: FedAvg with secure aggregation and distributed DP (one DP-SGD step
 * per round, {@link SecureSimulation}) and, for comparison, centralized DP-SGD with the same q, steps, η and σ.
 * The task's {@code --rounds} and {@code --lr} are the secure task's rounds and η.
 */
public final class SecureSimText {
    private SecureSimText() {}

    /**
     * @param minSurvivors n_min, or null for every participant
     * @param inputBound   in units of C, or null for the largest the 32-bit sum allows
     */
    public static String run(
            SimConfig config,
            SimInput input,
            String source,
            BigDecimal samplingRate,
            Long minSurvivors,
            Long inputBound)
            throws DataException {
        long start = System.nanoTime();
        List<SimData> seeds = Simulation.prepare(config, input.table(), input.mapping(), input.standardize());
        int sites = seeds.get(0).trains().size();
        long nMin = minSurvivors != null ? minSurvivors : sites;
        if (nMin > sites) {
            throw new IllegalArgumentException("--min-survivors " + nMin + " is more than the " + sites + " sites");
        }
        SecureConfig secure = new SecureConfig(samplingRate, config.rounds(), config.learningRate(), nMin, inputBound);
        List<SecureSimulation.SeedResult> results = SecureSimulation.run(
                config,
                secure,
                seeds,
                false,
                SecureRounds.Engine.LEDGER,
                input.mapping().fingerprint());
        SecureSimulation.SeedResult first = results.get(0);
        SimSummary.Row secureRow = SecureEvaluation.summary(results, SecureSimulation.SeedResult::secure);
        SimSummary.Row centralRow =
                SecureEvaluation.summary(results, SecureSimulation.SeedResult::centralizedSameSteps);
        long clipped = results.stream()
                .mapToLong(SecureSimulation.SeedResult::clippedCoordinates)
                .sum();
        StringBuilder out = new StringBuilder();
        out.append(
                "medfed simulate --secure-aggregation: every figure below is from a simulation; each round runs on the"
                        + " simulated ledger's chaincode (keys, shares, masked inputs, reveals, unmasking)\n\n");
        out.append(String.format(
                Locale.ROOT,
                "data       %s: %d sites, %d test rows; %s%n",
                source,
                sites,
                first.secure().examples(),
                String.join("; ", input.notes())));
        out.append(String.format(
                Locale.ROOT,
                "task       FedAvg, secure aggregation: %s, one DP-SGD step per round; %s%n",
                secure.describe(),
                config.hidden().isEmpty() ? "logistic regression" : "MLP " + config.hidden()));
        out.append(String.format(
                Locale.ROOT,
                "privacy    σ %s (%s), C %s, δ %s; grid 2^%d per C, n_min %d of %d survivors (noise added: σ·%.3f),"
                        + " input bound ±%d·C, coordinates beyond it %d%n",
                first.sigma().toPlainString(),
                config.dpEpsilon() != null ? "chosen for ε ≤ " + SimText.trim(config.dpEpsilon()) : "given",
                SimText.trim(config.clip()),
                SimText.trim(config.delta()),
                first.gridBits(),
                nMin,
                sites,
                DistributedDp.effectiveNoiseMultiplier(1, sites, nMin),
                first.inputBound(),
                clipped));
        out.append("seeds      ")
                .append(config.seeds())
                .append(String.format(Locale.ROOT, " (%.1f s)%n%n", (System.nanoTime() - start) / 1e9));
        out.append(String.format("%-52s %-15s %-15s %-15s %s%n", "method (simulation)", "accuracy", "F1", "AUC", "ε"));
        String epsilon = String.format(Locale.ROOT, "%.3f", first.epsilon());
        line(out, "FedAvg + secure aggregation, n_min " + nMin, secureRow, epsilon);
        line(out, "centralized DP-SGD, same q, steps, η, σ", centralRow, epsilon);
        return out.toString();
    }

    private static void line(StringBuilder out, String method, SimSummary.Row row, String epsilon) {
        out.append(String.format(
                "%-52s %-15s %-15s %-15s %s%n",
                method, row.accuracy().format(), row.f1().format(), row.auc().format(), epsilon));
    }
}
