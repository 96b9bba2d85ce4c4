package org.medfed.common.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.Checks;
import org.medfed.common.model.DpPolicy;

/**
 * A participant's privacy spending in a task: every accepted update's DP parameters, in submission order, and the
 * cumulative ε at the task's δ that the accountant computes from them (exact decimal value of the double result).
 */
public record PrivacyBudget(
        String taskId,
        String participantId,
        BigDecimal delta,
        EpsilonConversion conversion,
        BigDecimal maxEpsilon,
        BigDecimal epsilon,
        BigDecimal epsilonOrder,
        List<DpCharge> charges,
        Instant updatedAt)
        implements JsonRecord {

    public PrivacyBudget {
        Checks.id("taskId", taskId);
        Checks.sha256("participantId", participantId);
        delta = Checks.openUnit("delta", delta);
        Checks.required("conversion", conversion);
        maxEpsilon = Checks.positive("maxEpsilon", maxEpsilon);
        epsilon = Checks.decimal("epsilon", epsilon, BigDecimal.ZERO, null);
        charges = List.copyOf(charges);
        if (charges.isEmpty() != (epsilonOrder == null && updatedAt == null)) {
            throw new IllegalArgumentException("epsilonOrder and updatedAt are set exactly once something is spent");
        }
        epsilonOrder = epsilonOrder == null ? null : Checks.positive("epsilonOrder", epsilonOrder);
    }

    /** Nothing spent yet. */
    public static PrivacyBudget unspent(
            String taskId,
            String participantId,
            BigDecimal delta,
            EpsilonConversion conversion,
            BigDecimal maxEpsilon) {
        return new PrivacyBudget(
                taskId, participantId, delta, conversion, maxEpsilon, BigDecimal.ZERO, null, List.of(), null);
    }

    /** Nothing spent yet under the task's policy. */
    public static PrivacyBudget unspent(String taskId, String participantId, DpPolicy policy) {
        return unspent(taskId, participantId, policy.delta(), policy.conversion(), policy.maxEpsilon());
    }

    public BigDecimal remaining() {
        return maxEpsilon.subtract(epsilon).max(BigDecimal.ZERO).stripTrailingZeros();
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("participantId", participantId);
        json.put("delta", delta);
        json.put("conversion", conversion.wire());
        json.put("maxEpsilon", maxEpsilon);
        json.put("epsilon", epsilon);
        json.put("epsilonOrder", epsilonOrder);
        json.put("charges", charges.stream().map(DpCharge::toJson).toList());
        json.put("updatedAt", updatedAt == null ? null : updatedAt.toString());
        return json;
    }

    public static PrivacyBudget fromJson(Map<String, Object> json) {
        return new PrivacyBudget(
                JsonFields.string(json, "taskId"),
                JsonFields.string(json, "participantId"),
                JsonFields.decimal(json, "delta"),
                EpsilonConversion.fromWire(JsonFields.string(json, "conversion")),
                JsonFields.decimal(json, "maxEpsilon"),
                JsonFields.decimal(json, "epsilon"),
                JsonFields.optionalDecimal(json, "epsilonOrder"),
                JsonFields.objects(json, "charges").stream()
                        .map(DpCharge::fromJson)
                        .toList(),
                JsonFields.optionalInstant(json, "updatedAt"));
    }
}
