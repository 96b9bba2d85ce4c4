package org.medfed.common.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.dp.EpsilonResult;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/**
 * Charges an update to a participant's privacy budget: the accountant recomputes ε over the whole history including
 * the new update (RDP composes by adding, so the history, not the last ε, is the state), and the update is refused
 * when ε would exceed the task's cap or is not finite. The exact decimal value of the accountant's double is
 * compared and stored, so no text conversion of a double is involved.
 */
public final class PrivacyAccounting {
    private final EpsilonAccountant accountant;

    public PrivacyAccounting(EpsilonAccountant accountant) {
        this.accountant = accountant;
    }

    /**
     * The one rule for whether an update is charged: under a task's DP policy it is charged to the participant's
     * budget (the recorded one, or unspent before its first update) and the new budget is returned; a task without
     * DP keeps no budget, so nothing is charged, nothing is read and the result is empty.
     *
     * @param recorded the participant's budget record in the task, read only for a task with a DP policy
     */
    public Optional<PrivacyBudget> chargeUpdate(
            TaskSpec spec,
            String participantId,
            Supplier<Optional<PrivacyBudget>> recorded,
            long round,
            DpUsage usage,
            Instant now) {
        return spec.dpPolicy()
                .map(policy -> charge(
                        recorded.get().orElseGet(() -> PrivacyBudget.unspent(spec.id(), participantId, policy)),
                        policy,
                        round,
                        usage,
                        now));
    }

    /** @param spent the budget so far, {@link PrivacyBudget#unspent} before the first update */
    public PrivacyBudget charge(PrivacyBudget spent, DpPolicy policy, long round, DpUsage usage, Instant now) {
        List<DpCharge> history = new ArrayList<>(spent.charges());
        history.add(DpCharge.of(round, usage));
        EpsilonResult epsilon = usage.noiseMultiplier().signum() == 0
                ? new EpsilonResult(Double.POSITIVE_INFINITY, 1)
                : accountant.epsilon(history, policy.delta(), policy.conversion());
        if (!Double.isFinite(epsilon.epsilon())
                || CanonicalJson.decimal(epsilon.epsilon()).compareTo(policy.maxEpsilon()) > 0) {
            throw new RuleViolation(
                    ErrorCode.PRIVACY_BUDGET_EXCEEDED,
                    "this update would bring participant "
                            + spent.participantId() + "'s ε in task " + spent.taskId() + " to "
                            + describe(epsilon.epsilon())
                            + ", above the cap " + policy.maxEpsilon().toPlainString() + " (δ = "
                            + policy.delta().toPlainString() + "); spent so far "
                            + spent.epsilon().toPlainString());
        }
        BigDecimal value = CanonicalJson.decimal(epsilon.epsilon());
        return new PrivacyBudget(
                spent.taskId(),
                spent.participantId(),
                policy.delta(),
                policy.conversion(),
                policy.maxEpsilon(),
                value,
                CanonicalJson.decimal(epsilon.bestOrder()),
                history,
                now);
    }

    private static String describe(double epsilon) {
        return Double.isFinite(epsilon)
                ? CanonicalJson.decimal(epsilon)
                        .setScale(4, RoundingMode.HALF_EVEN)
                        .toPlainString()
                : "infinity";
    }
}
