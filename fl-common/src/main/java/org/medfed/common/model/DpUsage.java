package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;

/**
 * The DP-SGD parameters a participant actually used for one update: Poisson sampling rate, noise multiplier,
 * number of steps and clipping norm. The ledger feeds them to the RDP accountant.
 */
public record DpUsage(BigDecimal samplingRate, BigDecimal noiseMultiplier, long steps, BigDecimal clipNorm)
        implements JsonRecord {
    public static final long MAX_STEPS = 1_000_000_000L;

    public DpUsage {
        samplingRate =
                Checks.decimal("samplingRate", Checks.positive("samplingRate", samplingRate), null, BigDecimal.ONE);
        noiseMultiplier = Checks.decimal("noiseMultiplier", noiseMultiplier, BigDecimal.ZERO, null);
        Checks.range("steps", steps, 1, MAX_STEPS);
        clipNorm = Checks.positive("clipNorm", clipNorm);
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of(
                "samplingRate", samplingRate, "noiseMultiplier", noiseMultiplier, "steps", steps, "clipNorm", clipNorm);
    }

    public static DpUsage fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "samplingRate", "noiseMultiplier", "steps", "clipNorm");
        return new DpUsage(
                JsonFields.decimal(json, "samplingRate"),
                JsonFields.decimal(json, "noiseMultiplier"),
                JsonFields.integer(json, "steps"),
                JsonFields.decimal(json, "clipNorm"));
    }
}
