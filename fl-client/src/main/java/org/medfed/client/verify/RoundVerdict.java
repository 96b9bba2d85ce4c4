package org.medfed.client.verify;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.model.AggregationRecord;

/**
 * One round checked: the ledger's record, the recomputation (null when it refused the round) and the first
 * difference, if any.
 */
public record RoundVerdict(
        String taskId,
        long round,
        int updates,
        AggregationRecord recorded,
        RoundOutcome recomputed,
        Difference difference) {

    public boolean ok() {
        return difference == null;
    }

    public Optional<Difference> firstDifference() {
        return Optional.ofNullable(difference);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("round", round);
        json.put("result", ok() ? "OK" : "MISMATCH");
        json.put("updates", (long) updates);
        json.put("recordedModel", recorded.globalModel().toJson());
        json.put("recomputedSha256", recomputed == null ? null : recomputed.sha256());
        json.put(
                "recordedOptimizerState",
                recorded.optimizerState() == null
                        ? null
                        : recorded.optimizerState().toJson());
        if (recorded.controlVariate() != null) {
            json.put("recordedControlVariate", recorded.controlVariate().toJson());
        }
        json.put("contributions", (long) recorded.contributions().size());
        json.put("excluded", (long) recorded.excluded().size());
        json.put("difference", difference == null ? null : difference.toJson());
        return json;
    }
}
