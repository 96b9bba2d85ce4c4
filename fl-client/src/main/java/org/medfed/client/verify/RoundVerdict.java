package org.medfed.client.verify;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.model.AggregationRecord;

/**
 * One round checked: the ledger's record, the recomputation (null when it refused the round, or when the round's
 * inputs were pruned) and the first difference, if any. {@code pruned} (null unless so) says why the round could not
 * be recomputed: its task's retention policy released its inputs and this node no longer holds them. That is neither
 * a match nor a mismatch.
 */
public record RoundVerdict(
        String taskId,
        long round,
        int updates,
        AggregationRecord recorded,
        RoundOutcome recomputed,
        Difference difference,
        String pruned) {

    /** Recomputed bit for bit. */
    public boolean ok() {
        return difference == null && pruned == null;
    }

    /** Recomputed, and something differs from the record. */
    public boolean mismatch() {
        return difference != null;
    }

    /** Not recomputed: the inputs went by the task's retention policy. */
    public boolean inputsPruned() {
        return pruned != null;
    }

    public Optional<Difference> firstDifference() {
        return Optional.ofNullable(difference);
    }

    /** {@code OK}, {@code MISMATCH} or {@code PRUNED}. */
    public String result() {
        return ok() ? "OK" : mismatch() ? "MISMATCH" : "PRUNED";
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("taskId", taskId);
        json.put("round", round);
        json.put("result", result());
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
        if (pruned != null) {
            json.put("pruned", pruned);
        }
        return json;
    }
}
