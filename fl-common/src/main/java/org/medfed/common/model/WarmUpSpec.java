package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * Stage 1 of two-stage training: full-batch gradient descent of the task's initial model on the shared subset,
 * {@code epochs} passes at {@code learningRate}, recomputed by every endorsing organisation
 * ({@code org.medfed.common.subset.WarmUp}).
 */
public record WarmUpSpec(long epochs, BigDecimal learningRate) implements JsonRecord {
    public static final long MAX_EPOCHS = 10_000;

    public WarmUpSpec {
        Checks.range("warmUp.epochs", epochs, 1, MAX_EPOCHS);
        learningRate = Checks.positive("warmUp.learningRate", learningRate);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("epochs", epochs);
        json.put("learningRate", learningRate);
        return json;
    }

    public static WarmUpSpec fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "epochs", "learningRate");
        return new WarmUpSpec(JsonFields.integer(json, "epochs"), JsonFields.decimal(json, "learningRate"));
    }
}
