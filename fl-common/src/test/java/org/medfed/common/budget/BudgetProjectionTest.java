package org.medfed.common.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.dp.EpsilonResult;

class BudgetProjectionTest {
    private static final String TASK = "t";
    private static final String P = "a".repeat(64);

    /** A toy accountant whose ε is the sum of steps, so projections can be checked by hand. */
    private static final EpsilonAccountant STEPS = (history, delta, conversion) ->
            new EpsilonResult(history.stream().mapToLong(DpCharge::steps).sum(), 2);

    private static PrivacyBudget spent(DpCharge... charges) {
        return new PrivacyBudget(
                TASK,
                P,
                new BigDecimal("1e-5"),
                EpsilonConversion.IMPROVED,
                new BigDecimal("8"),
                new BigDecimal("1"),
                new BigDecimal("2"),
                List.of(charges),
                Instant.EPOCH);
    }

    private static DpCharge charge(long round, long steps) {
        return new DpCharge(round, new BigDecimal("0.5"), new BigDecimal("1.1"), steps);
    }

    @Test
    void repeatsTheLatestChargeForEveryRemainingRound() {
        // Charged 3 then 2 steps in rounds 1-2; rounds 3-5 each repeat the latest 2: 5+2, 5+4, 5+6.
        var projected = BudgetProjection.remainingRounds(spent(charge(1, 3), charge(2, 2)), 5, STEPS);
        assertThat(projected).containsExactly(entry(3L, 7.0), entry(4L, 9.0), entry(5L, 11.0));
    }

    @Test
    void projectsNothingBeforeTheFirstChargeOrAfterTheLastRound() {
        assertThat(BudgetProjection.remainingRounds(
                        PrivacyBudget.unspent(
                                TASK, P, new BigDecimal("1e-5"), EpsilonConversion.IMPROVED, BigDecimal.TEN),
                        5,
                        STEPS))
                .isEmpty();
        assertThat(BudgetProjection.remainingRounds(spent(charge(5, 1)), 5, STEPS))
                .isEmpty();
    }

    @Test
    void theLedgersAccountantGivesTheSameEpsilonAsChargingThoseRounds() {
        PrivacyBudget budget = spent(charge(1, 4));
        var projected = BudgetProjection.remainingRounds(budget, 3, new RdpEpsilonAccountant());
        List<DpCharge> three = new ArrayList<>(List.of(charge(1, 4), charge(2, 4), charge(3, 4)));
        double expected = new RdpEpsilonAccountant()
                .epsilon(three, budget.delta(), budget.conversion())
                .epsilon();
        assertThat(projected.get(3L)).isEqualTo(expected);
        assertThat(projected.get(2L)).isLessThan(projected.get(3L));
    }
}
