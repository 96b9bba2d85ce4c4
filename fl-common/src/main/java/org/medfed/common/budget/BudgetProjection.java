package org.medfed.common.budget;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a participant's ε is heading: the cumulative ε after each remaining round of a task if every one of them
 * charges what the participant's latest update charged (same sampling rate, noise multiplier and steps). A
 * projection, not a promise: a site that trains longer or with less noise spends faster.
 */
public final class BudgetProjection {
    private BudgetProjection() {}

    /**
     * Round → projected cumulative ε for the rounds after the budget's last charge up to {@code lastRound}; empty
     * when nothing was charged yet or no round remains.
     */
    public static SortedMap<Long, Double> remainingRounds(
            PrivacyBudget budget, long lastRound, EpsilonAccountant accountant) {
        SortedMap<Long, Double> projected = new TreeMap<>();
        if (budget.charges().isEmpty()) {
            return projected;
        }
        List<DpCharge> history = new ArrayList<>(budget.charges());
        DpCharge latest = history.get(history.size() - 1);
        for (long round = latest.round() + 1; round <= lastRound; round++) {
            history.add(new DpCharge(round, latest.samplingRate(), latest.noiseMultiplier(), latest.steps()));
            projected.put(
                    round,
                    accountant
                            .epsilon(history, budget.delta(), budget.conversion())
                            .epsilon());
        }
        return projected;
    }
}
