package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/** Local training hyper-parameters; {@code fedProxMu} 0 means plain FedAvg local training. */
public record TrainingSpec(long epochs, long batchSize, BigDecimal learningRate, String optimizer, BigDecimal fedProxMu)
        implements JsonRecord {

    public TrainingSpec {
        Checks.range("epochs", epochs, 1, 10_000);
        Checks.range("batchSize", batchSize, 1, 1 << 24);
        learningRate = Checks.positive("learningRate", learningRate);
        Checks.name("optimizer", optimizer);
        fedProxMu = Checks.decimal("fedProxMu", fedProxMu, BigDecimal.ZERO, null);
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of(
                "epochs",
                epochs,
                "batchSize",
                batchSize,
                "learningRate",
                learningRate,
                "optimizer",
                optimizer,
                "fedProxMu",
                fedProxMu);
    }

    public static TrainingSpec fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "epochs", "batchSize", "learningRate", "optimizer", "fedProxMu");
        return new TrainingSpec(
                JsonFields.integer(json, "epochs"),
                JsonFields.integer(json, "batchSize"),
                JsonFields.decimal(json, "learningRate"),
                JsonFields.string(json, "optimizer"),
                JsonFields.decimal(json, "fedProxMu"));
    }
}
