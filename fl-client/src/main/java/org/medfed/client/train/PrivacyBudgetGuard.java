package org.medfed.client.train;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.medfed.common.budget.DpCharge;
import org.medfed.common.budget.EpsilonAccountant;
import org.medfed.common.budget.PrivacyAccounting;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/**
 * Decides, before any training, whether the next round may run: the ε after it (the ledger's accountant over the
 * participant's accepted history plus the next run, at the task's δ and conversion) must stay within both the task's
 * cap, judged by the ledger's own {@link PrivacyAccounting} so the node and the chaincode cannot disagree, and this
 * node's local limit. The node's limit is compared with the same ε; to cap a node across tasks, pass the combined
 * history.
 */
public final class PrivacyBudgetGuard {
    public enum Limit {
        NODE,
        TASK
    }

    /** {@code exceeded} is empty when training may go ahead. */
    public record Decision(Set<Limit> exceeded, double epsilonAfter, String message) {
        public boolean allowed() {
            return exceeded.isEmpty();
        }
    }

    private final EpsilonAccountant accountant;
    private final PrivacyAccounting accounting;

    public PrivacyBudgetGuard(EpsilonAccountant accountant) {
        this.accountant = Objects.requireNonNull(accountant, "accountant");
        this.accounting = new PrivacyAccounting(accountant);
    }

    /**
     * @param nodeMaxEpsilon the node's local limit (positive)
     * @param spent          the participant's budget in the task as the ledger has it ({@code PrivacyBudget.unspent}
     *                       before the first accepted update)
     * @param next           the next round's (q, σ, steps, C)
     */
    public Decision check(BigDecimal nodeMaxEpsilon, DpPolicy policy, PrivacyBudget spent, long round, DpUsage next) {
        return check(nodeMaxEpsilon, policy, spent, List.of(), round, next);
    }

    /**
     * As above, with what the node's other tasks have charged on the same records ({@code otherTasks}): the node's
     * limit holds for all its tasks together (RDP composes across tasks), the task's cap for this task alone.
     */
    public Decision check(
            BigDecimal nodeMaxEpsilon,
            DpPolicy policy,
            PrivacyBudget spent,
            List<DpCharge> otherTasks,
            long round,
            DpUsage next) {
        Objects.requireNonNull(nodeMaxEpsilon, "nodeMaxEpsilon");
        if (nodeMaxEpsilon.signum() <= 0) {
            throw new IllegalArgumentException("the node's max epsilon must be positive");
        }
        List<DpCharge> history = new ArrayList<>(otherTasks);
        history.addAll(spent.charges());
        history.add(DpCharge.of(round, next));
        double epsilon = next.noiseMultiplier().signum() == 0
                ? Double.POSITIVE_INFINITY
                : accountant
                        .epsilon(history, policy.delta(), policy.conversion())
                        .epsilon();
        Set<Limit> exceeded = EnumSet.noneOf(Limit.class);
        if (!Double.isFinite(epsilon) || CanonicalJson.decimal(epsilon).compareTo(nodeMaxEpsilon) > 0) {
            exceeded.add(Limit.NODE);
        }
        try {
            accounting.charge(spent, policy, round, next, Instant.EPOCH);
        } catch (RuleViolation e) {
            if (e.code() != ErrorCode.PRIVACY_BUDGET_EXCEEDED) {
                throw e;
            }
            exceeded.add(Limit.TASK);
        }
        return new Decision(
                Set.copyOf(exceeded), epsilon, message(exceeded, epsilon, nodeMaxEpsilon, policy, spent, round));
    }

    private static String message(
            Set<Limit> exceeded, double epsilon, BigDecimal nodeMax, DpPolicy policy, PrivacyBudget spent, long round) {
        String after = Double.isFinite(epsilon)
                ? CanonicalJson.decimal(epsilon)
                        .setScale(4, RoundingMode.HALF_EVEN)
                        .toPlainString()
                : "infinity";
        String where = "round " + round + " of task " + spent.taskId() + " would bring epsilon to " + after
                + " (delta " + policy.delta().toPlainString() + ", spent so far "
                + spent.epsilon().toPlainString()
                + ")";
        List<String> limits = new ArrayList<>();
        if (exceeded.contains(Limit.NODE)) {
            limits.add("this node's limit " + nodeMax.toPlainString());
        }
        if (exceeded.contains(Limit.TASK)) {
            limits.add("the task's cap " + policy.maxEpsilon().toPlainString());
        }
        return limits.isEmpty()
                ? "within budget: " + where
                : "refusing to train: " + where + ", above " + String.join(" and ", limits);
    }
}
