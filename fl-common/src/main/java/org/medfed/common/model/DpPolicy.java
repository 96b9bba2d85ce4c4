package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.dp.EpsilonConversion;

/**
 * The task's differential-privacy policy: updates must be clipped to at most {@code clipNorm} with a noise
 * multiplier of at least {@code noiseMultiplier}, and no participant may spend more than {@code maxEpsilon} at
 * {@code delta} over the task, as the RDP accountant computes with {@code conversion}.
 */
public record DpPolicy(
        BigDecimal clipNorm,
        BigDecimal noiseMultiplier,
        BigDecimal delta,
        BigDecimal maxEpsilon,
        EpsilonConversion conversion)
        implements JsonRecord {

    public DpPolicy {
        clipNorm = Checks.positive("clipNorm", clipNorm);
        noiseMultiplier = Checks.decimal("noiseMultiplier", noiseMultiplier, BigDecimal.ZERO, null);
        delta = Checks.openUnit("delta", delta);
        maxEpsilon = Checks.positive("maxEpsilon", maxEpsilon);
        Checks.required("conversion", conversion);
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of(
                "clipNorm",
                clipNorm,
                "noiseMultiplier",
                noiseMultiplier,
                "delta",
                delta,
                "maxEpsilon",
                maxEpsilon,
                "conversion",
                conversion.wire());
    }

    public static DpPolicy fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "clipNorm", "noiseMultiplier", "delta", "maxEpsilon", "conversion");
        return new DpPolicy(
                JsonFields.decimal(json, "clipNorm"),
                JsonFields.decimal(json, "noiseMultiplier"),
                JsonFields.decimal(json, "delta"),
                JsonFields.decimal(json, "maxEpsilon"),
                EpsilonConversion.fromWire(JsonFields.string(json, "conversion")));
    }
}
