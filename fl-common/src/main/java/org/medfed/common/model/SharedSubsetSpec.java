package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * A task's shared subset (issue 15, two-stage training after Zhao et al. 2018): the datasets that contribute rows
 * (sorted, unique dataset ids), the rows of each class the subset wants in all (uniform over classes), β (the share
 * of the training data the subset stands for, recorded with the spec; {@code rowsPerClass} is the count that is
 * enforced), α (the fraction of the subset each site adds to its own rows in stage 2), the consent the contributing
 * holders must hold for rows to leave their site, and the stage-1 warm-up on the subset.
 */
public record SharedSubsetSpec(
        List<String> contributors,
        long rowsPerClass,
        BigDecimal beta,
        BigDecimal alpha,
        String consent,
        WarmUpSpec warmUp)
        implements JsonRecord {
    public static final long MAX_ROWS_PER_CLASS = 1_000_000;
    public static final int MAX_CONSENT = 1024;

    public SharedSubsetSpec {
        contributors =
                Checks.sortedUnique("sharedSubset.contributors", contributors, 1, TaskSpec.MAX_DATASETS, Checks::id);
        Checks.range("sharedSubset.rowsPerClass", rowsPerClass, 1, MAX_ROWS_PER_CLASS);
        beta = Checks.decimal("sharedSubset.beta", Checks.positive("sharedSubset.beta", beta), null, BigDecimal.ONE);
        alpha = Checks.decimal("sharedSubset.alpha", alpha, BigDecimal.ZERO, BigDecimal.ONE);
        Checks.text("sharedSubset.consent", consent, MAX_CONSENT);
        Checks.required("sharedSubset.warmUp", warmUp);
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
