package org.medfed.client.ledger;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.reputation.ReputationScore;

/** {@code reputation:getReputation}: the current score, the task's exclusion threshold and whether it excludes. */
public record ReputationView(ReputationScore score, BigDecimal threshold, boolean excluded) {

    static ReputationView fromJson(Map<String, Object> json) {
        Map<String, Object> score = new TreeMap<>(json);
        score.remove("threshold");
        score.remove("excluded");
        return new ReputationView(
                ReputationScore.fromJson(score),
                JsonFields.decimal(json, "threshold"),
                JsonFields.bool(json, "excluded"));
    }
}
