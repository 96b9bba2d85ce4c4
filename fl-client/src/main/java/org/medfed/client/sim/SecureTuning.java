package org.medfed.client.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks a secure task's q, rounds and η on training rows only: each candidate runs with a fifth of every site's
 * training rows held back ({@link SecureSimulation}'s validation mode), and the best mean accuracy on those rows
 * over the seeds wins. Candidates run on {@link SummedSecureRounds}, the fast path that gives the chaincode's model
 * bits without the ledger's transactions (the first in grid order on a tie: fewer rounds, then smaller q, then smaller η). The test
 * rows play no part, so the scores reported afterwards are not optimistic.
 */
final class SecureTuning {
    static final List<BigDecimal> SAMPLING_RATES = List.of(new BigDecimal("0.3"), new BigDecimal("0.5"));
    static final List<Integer> ROUNDS = List.of(25, 50, 100, 200);
    static final List<Double> LEARNING_RATES = List.of(0.5, 1.0, 2.0, 4.0);

    /** The winner and its validation accuracy. */
    record Choice(SecureConfig config, SimSummary.Stat validationAccuracy, int candidates) {}

    private SecureTuning() {}

    static Choice tune(SimConfig config, List<SimData> seeds, long minSurvivors, boolean quick, String schemaSha256) {
        List<SecureConfig> grid = new ArrayList<>();
        for (int rounds : quick ? List.of(5) : ROUNDS) {
            for (BigDecimal q : quick ? SAMPLING_RATES.subList(0, 1) : SAMPLING_RATES) {
                for (double lr : quick ? LEARNING_RATES.subList(1, 3) : LEARNING_RATES) {
                    grid.add(new SecureConfig(q, rounds, lr, minSurvivors, null));
                }
            }
        }
        SecureConfig best = null;
        SimSummary.Stat bestScore = null;
        for (SecureConfig candidate : grid) {
            SimSummary.Stat score = SimSummary.Stat.of(
                    SecureSimulation.run(config, candidate, seeds, true, SecureRounds.Engine.SUMMED, schemaSha256)
                            .stream()
                            .mapToDouble(r -> r.secure().accuracy())
                            .toArray());
            if (bestScore == null || score.mean() > bestScore.mean()) {
                best = candidate;
                bestScore = score;
            }
        }
        return new Choice(best, bestScore, grid.size());
    }

    static String describeGrid() {
        return "q ∈ " + SAMPLING_RATES + ", rounds ∈ " + ROUNDS + ", η ∈ " + LEARNING_RATES;
    }
}
