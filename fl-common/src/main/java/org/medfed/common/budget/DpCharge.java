package org.medfed.common.budget;

import java.math.BigDecimal;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.DpUsage;

/** One accepted update's contribution to a participant's privacy loss: the DP-SGD parameters it used. */
public record DpCharge(long round, BigDecimal samplingRate, BigDecimal noiseMultiplier, long steps)
        implements JsonRecord {

    public DpCharge {
        Checks.range("round", round, 1, Long.MAX_VALUE);
        samplingRate =
                Checks.decimal("samplingRate", Checks.positive("samplingRate", samplingRate), null, BigDecimal.ONE);
        noiseMultiplier = Checks.decimal("noiseMultiplier", noiseMultiplier, BigDecimal.ZERO, null);
        Checks.range("steps", steps, 1, DpUsage.MAX_STEPS);
    }

    public static DpCharge of(long round, DpUsage usage) {
        return new DpCharge(round, usage.samplingRate(), usage.noiseMultiplier(), usage.steps());
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("round", round, "samplingRate", samplingRate, "noiseMultiplier", noiseMultiplier, "steps", steps);
    }

    public static DpCharge fromJson(Map<String, Object> json) {
        return new DpCharge(
                JsonFields.integer(json, "round"),
                JsonFields.decimal(json, "samplingRate"),
                JsonFields.decimal(json, "noiseMultiplier"),
                JsonFields.integer(json, "steps"));
    }
}
