package org.medfed.common.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.dp.DpParams;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.dp.EpsilonResult;
import org.medfed.common.dp.RdpAccountant;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.Samples;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

class PrivacyAccountingTest {
    private final DpPolicy policy = Samples.dpPolicy();
    private final PrivacyBudget unspent =
            PrivacyBudget.unspent("sepsis", Samples.ALICE, policy.delta(), policy.conversion(), policy.maxEpsilon());

    @Test
    void chargesTheWholeHistoryAndStoresTheAccountantsExactResult() {
        List<List<DpCharge>> seen = new ArrayList<>();
        PrivacyAccounting accounting = new PrivacyAccounting((history, delta, conversion) -> {
            seen.add(history);
            return new EpsilonResult(0.1 * history.size(), 32);
        });

        PrivacyBudget once = accounting.charge(unspent, policy, 1, Samples.dpUsage(), Samples.T0);
        PrivacyBudget twice = accounting.charge(once, policy, 2, Samples.dpUsage(), Samples.T0);

        assertThat(seen.get(1)).extracting(DpCharge::round).containsExactly(1L, 2L);
        assertThat(twice.epsilon()).isEqualTo(CanonicalJson.decimal(0.2));
        assertThat(twice.epsilonOrder()).isEqualByComparingTo("32");
        assertThat(twice.charges()).hasSize(2);
    }

    @Test
    void refusesAnUpdateThatWouldExceedTheCapButAcceptsOneThatReachesIt() {
        PrivacyAccounting atCap = new PrivacyAccounting((h, d, c) -> new EpsilonResult(10.0, 8));
        PrivacyAccounting above = new PrivacyAccounting((h, d, c) -> new EpsilonResult(Math.nextUp(10.0), 8));

        assertThat(atCap.charge(unspent, policy, 1, Samples.dpUsage(), Samples.T0)
                        .epsilon())
                .isEqualByComparingTo("10");
        assertThatThrownBy(() -> above.charge(unspent, policy, 1, Samples.dpUsage(), Samples.T0))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRIVACY_BUDGET_EXCEEDED));
    }

    @Test
    void treatsAnUpdateWithoutNoiseAsExceedingAnyCap() {
        PrivacyAccounting accounting = new PrivacyAccounting(new RdpEpsilonAccountant());
        DpUsage noiseless = new DpUsage(new BigDecimal("0.01"), BigDecimal.ZERO, 1, BigDecimal.ONE);

        assertThatThrownBy(() -> accounting.charge(unspent, policy, 1, noiseless, Samples.T0))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRIVACY_BUDGET_EXCEEDED));
    }

    @Test
    void aTaskWithoutDpChargesNothingAndReadsNoBudget() {
        PrivacyAccounting accounting = new PrivacyAccounting(new RdpEpsilonAccountant());
        DpUsage noiseless = new DpUsage(new BigDecimal("0.01"), BigDecimal.ZERO, 1, BigDecimal.ONE);

        assertThat(accounting.chargeUpdate(
                        Samples.specWithoutDp(),
                        Samples.ALICE,
                        () -> {
                            throw new AssertionError("a task without DP has no budget to read");
                        },
                        1,
                        noiseless,
                        Samples.T0))
                .isEmpty();
    }

    @Test
    void aTaskWithAPolicyStillRefusesAnUnnoisedUpdate() {
        PrivacyAccounting accounting = new PrivacyAccounting(new RdpEpsilonAccountant());
        DpUsage noiseless = new DpUsage(new BigDecimal("0.01"), BigDecimal.ZERO, 1, BigDecimal.ONE);

        assertThatThrownBy(() -> accounting.chargeUpdate(
                        Samples.spec(), Samples.ALICE, Optional::empty, 1, noiseless, Samples.T0))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PRIVACY_BUDGET_EXCEEDED));
    }

    @Test
    void chargesAnUpdateOfADpTaskFromAnUnspentBudgetBeforeItsFirstUpdate() {
        PrivacyAccounting accounting = new PrivacyAccounting((h, d, c) -> new EpsilonResult(0.5, 16));

        assertThat(accounting.chargeUpdate(
                        Samples.spec(), Samples.ALICE, Optional::empty, 1, Samples.dpUsage(), Samples.T0))
                .hasValueSatisfying(b -> {
                    assertThat(b.epsilon()).isEqualByComparingTo("0.5");
                    assertThat(b.charges()).hasSize(1);
                    assertThat(b.maxEpsilon()).isEqualTo(policy.maxEpsilon());
                });
    }

    @Test
    void agreesWithTheRdpAccountantOnTheDecimalInputs() {
        PrivacyAccounting accounting = new PrivacyAccounting(new RdpEpsilonAccountant());
        PrivacyBudget budget = accounting.charge(unspent, policy, 1, Samples.dpUsage(), Samples.T0);
        budget = accounting.charge(budget, policy, 2, Samples.dpUsage(), Samples.T0);

        double expected = new RdpAccountant()
                .epsilon(
                        List.of(new DpParams(0.01, 1.0, 100), new DpParams(0.01, 1.0, 100)),
                        1e-5,
                        EpsilonConversion.IMPROVED)
                .epsilon();
        assertThat(budget.epsilon()).isEqualTo(CanonicalJson.decimal(expected));
    }

    @Test
    void convertsDecimalsToTheNearestDouble() {
        assertThat(RdpEpsilonAccountant.toDouble(new BigDecimal("0.00001"))).isEqualTo(1e-5);
        assertThat(RdpEpsilonAccountant.toDouble(new BigDecimal("1E-7"))).isEqualTo(1e-7);
    }

    @Test
    void budgetsSurviveCanonicalJsonRoundTrips() {
        PrivacyBudget budget = new PrivacyAccounting((h, d, c) -> new EpsilonResult(0.5, 16))
                .charge(unspent, policy, 1, Samples.dpUsage(), Samples.T0);

        for (PrivacyBudget value : List.of(unspent, budget)) {
            assertThat(PrivacyBudget.fromJson(
                            JsonFields.object(CanonicalJson.parse(CanonicalJson.encode(value.toJson())))))
                    .isEqualTo(value);
        }
        assertThat(budget.remaining()).isEqualByComparingTo("9.5");
        assertThat(unspent.conversion()).isEqualTo(EpsilonConversion.IMPROVED);
    }
}
