package org.medfed.common.model;

import java.math.BigDecimal;
import java.util.Map;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.reputation.ReputationPolicy;

/** An update that went into an aggregate, named by its participant, with the aggregator's quality score in [0, 1]. */
public record Contribution(String participantId, BigDecimal qualityScore) implements JsonRecord {

    public Contribution {
        Checks.sha256("participantId", participantId);
        qualityScore = ReputationPolicy.checkQuality(qualityScore);
    }

    @Override
    public Map<String, Object> toJson() {
        return Map.of("participantId", participantId, "qualityScore", qualityScore);
    }

    public static Contribution fromJson(Map<String, Object> json) {
        JsonFields.requireOnly(json, "participantId", "qualityScore");
        return new Contribution(JsonFields.string(json, "participantId"), JsonFields.decimal(json, "qualityScore"));
    }
}
