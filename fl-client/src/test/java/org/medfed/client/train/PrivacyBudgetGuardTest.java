package org.medfed.client.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.medfed.common.budget.DpCharge;
import org.medfed.common.budget.EpsilonAccountant;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.budget.RdpEpsilonAccountant;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.dp.EpsilonResult;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;

class PrivacyBudgetGuardTest {
    private static final String TASK = "wdbc-mlp";
    private static final String PARTICIPANT = "a".repeat(64);
    private final DpPolicy policy = new DpPolicy(
            BigDecimal.ONE,
            new BigDecimal("1.1"),
            new BigDecimal("1e-5"),
            new BigDecimal("8"),
            EpsilonConversion.IMPROVED);
    private final PrivacyBudget unspent =
            PrivacyBudget.unspent(TASK, PARTICIPANT, policy.delta(), policy.conversion(), policy.maxEpsilon());
    private final DpUsage next = new DpUsage(new BigDecimal("0.07"), new BigDecimal("1.1"), 450, BigDecimal.ONE);

    /** An accountant that answers a fixed ε, so each verdict below depends on the comparison alone. */
    private static PrivacyBudgetGuard answering(double epsilon) {
        EpsilonAccountant fixed = (history, delta, conversion) -> new EpsilonResult(epsilon, 8);
        return new PrivacyBudgetGuard(fixed);
    }

    @Test
    void allowsARoundWithinBothLimits() {
        PrivacyBudgetGuard.Decision d = answering(5).check(new BigDecimal("6"), policy, unspent, 1, next);
        assertThat(d.allowed()).isTrue();
        assertThat(d.message()).startsWith("within budget");
    }

    @Test
    void namesTheTaskCapWhenOnlyItWouldBeExceeded() {
        PrivacyBudgetGuard.Decision d = answering(8.5).check(new BigDecimal("10"), policy, unspent, 1, next);
        assertThat(d.exceeded()).containsExactly(PrivacyBudgetGuard.Limit.TASK);
        assertThat(d.message()).contains("the task's cap 8").doesNotContain("node");
    }

    @Test
    void namesTheNodeLimitWhenOnlyItWouldBeExceeded() {
        PrivacyBudgetGuard.Decision d = answering(5).check(new BigDecimal("4"), policy, unspent, 1, next);
        assertThat(d.exceeded()).containsExactly(PrivacyBudgetGuard.Limit.NODE);
        assertThat(d.message()).contains("this node's limit 4").doesNotContain("task's cap");
    }

    @Test
    void namesBothWhenBothWouldBeExceeded() {
        PrivacyBudgetGuard.Decision d = answering(9).check(new BigDecimal("4"), policy, unspent, 1, next);
        assertThat(d.exceeded())
                .containsExactlyInAnyOrder(PrivacyBudgetGuard.Limit.NODE, PrivacyBudgetGuard.Limit.TASK);
    }

    @Test
    void aLimitEqualToEpsilonIsNotExceeded() {
        PrivacyBudgetGuard.Decision d = answering(8).check(new BigDecimal("8"), policy, unspent, 1, next);
        assertThat(d.allowed()).isTrue();
    }

    @Test
    void noNoiseMeansInfiniteEpsilonAndBothLimits() {
        DpUsage noiseless = new DpUsage(new BigDecimal("0.07"), BigDecimal.ZERO, 10, BigDecimal.ONE);
        PrivacyBudgetGuard.Decision d = answering(0.1).check(new BigDecimal("100"), policy, unspent, 1, noiseless);
        assertThat(d.exceeded()).hasSize(2);
        assertThat(d.message()).contains("infinity");
    }

    @Test
    void chargesTheWholeHistoryPlusTheNextRound() {
        RdpEpsilonAccountant accountant = new RdpEpsilonAccountant();
        DpCharge round1 = DpCharge.of(1, next);
        PrivacyBudget afterRound1 = new PrivacyBudget(
                TASK,
                PARTICIPANT,
                policy.delta(),
                policy.conversion(),
                policy.maxEpsilon(),
                BigDecimal.ONE,
                BigDecimal.TEN,
                List.of(round1),
                Instant.EPOCH);
        double expected = accountant
                .epsilon(List.of(round1, DpCharge.of(2, next)), policy.delta(), policy.conversion())
                .epsilon();
        PrivacyBudgetGuard.Decision d =
                new PrivacyBudgetGuard(accountant).check(new BigDecimal("100"), policy, afterRound1, 2, next);
        assertThat(d.epsilonAfter()).isEqualTo(expected);
        // two rounds cost more than one
        assertThat(expected)
                .isGreaterThan(accountant
                        .epsilon(List.of(round1), policy.delta(), policy.conversion())
                        .epsilon());
    }
}
