package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * Stage 1 of a two-stage task: full-batch gradient descent epochs over the shared subset and its learning rate (see
 * {@code org.medfed.common.subset.WarmUp}, which takes {@code learningRate.doubleValue()}).
 */
public record WarmUpSpec(long epochs, BigDecimal learningRate) implements JsonRecord {
    public static final long MAX_EPOCHS = 10_000;

    public WarmUpSpec {
        Checks.range("sharedSubset.warmUp.epochs", epochs, 1, MAX_EPOCHS);
        learningRate = Checks.positive("sharedSubset.warmUp.learningRate", learningRate);
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("epochs", epochs, "learningRate", learningRate);
    }

    public static WarmUpSpec fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "epochs", "learningRate");
        return new WarmUpSpec(JsonFields.integer(json, "epochs"), JsonFields.decimal(json, "learningRate"));
    }
}
