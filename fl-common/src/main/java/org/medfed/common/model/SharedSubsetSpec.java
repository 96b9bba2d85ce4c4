package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * A task's consented shared subset (Zhao et al. 2018; the seed's Lian et al. two-stage training): the holders of
 * {@code contributors} each publish some of their rows, encrypted to the consortium's members, until every class has
 * {@code rowsPerClass} rows; the task's initial model is warmed up on them ({@code warmUp}) before round 1, and in
 * every round each site trains on its own rows plus a share {@code alpha} of the subset. {@code beta} is the subset's
 * intended size as a fraction of all the task's rows, from which the creator derived {@code rowsPerClass}; it is kept
 * for the record. {@code consent} is what each contributing holder affirms its patients consented to: the rows leave
 * the site and are outside the DP-SGD guarantee (docs/privacy.md#the-shared-subset).
 */
public record SharedSubsetSpec(
        List<String> contributors,
        long rowsPerClass,
        BigDecimal beta,
        BigDecimal alpha,
        String consent,
        WarmUpSpec warmUp)
        implements JsonRecord {
    public static final int MAX_CONSENT = 1024;
    public static final long MAX_ROWS_PER_CLASS = 100_000;

    public SharedSubsetSpec {
        contributors = Checks.sortedUnique(
                "sharedSubset.contributors", contributors, 1, TaskSpec.MAX_DATASETS, Checks::id);
        Checks.range("sharedSubset.rowsPerClass", rowsPerClass, 1, MAX_ROWS_PER_CLASS);
        beta = Checks.decimal("sharedSubset.beta", beta, BigDecimal.ZERO, BigDecimal.ONE);
        if (beta.signum() == 0) {
            throw new IllegalArgumentException("sharedSubset.beta must be above 0, got 0");
        }
        alpha = Checks.decimal("sharedSubset.alpha", alpha, BigDecimal.ZERO, BigDecimal.ONE);
        Checks.text("sharedSubset.consent", consent, MAX_CONSENT);
        Checks.required("sharedSubset.warmUp", warmUp);
    }

    /** The rows the whole subset holds once every class is full. */
    public long totalRows(long classes) {
        return rowsPerClass * classes;
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("contributors", contributors);
        json.put("rowsPerClass", rowsPerClass);
        json.put("beta", beta);
        json.put("alpha", alpha);
        json.put("consent", consent);
        json.put("warmUp", warmUp.toJson());
        return json;
    }

    public static SharedSubsetSpec fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "contributors", "rowsPerClass", "beta", "alpha", "consent", "warmUp");
        return new SharedSubsetSpec(
                JsonFields.strings(json, "contributors"),
                JsonFields.integer(json, "rowsPerClass"),
                JsonFields.decimal(json, "beta"),
                JsonFields.decimal(json, "alpha"),
                JsonFields.string(json, "consent"),
                WarmUpSpec.fromJson(JsonFields.object(json, "warmUp")));
    }
}
