package org.medfed.client.participation;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.UpdateKind;

/**
 * What local training produced for one round: the parameters to publish (already clipped and noised when the task
 * asks for DP), how many local examples they came from, the dataset, the local validation metrics and the DP
 * parameters actually used (the ledger charges the privacy budget from these).
 */
public record TrainedUpdate(
        float[] parameters,
        UpdateKind kind,
        long numExamples,
        String datasetId,
        SortedMap<String, BigDecimal> metrics,
        DpUsage dp) {

    public TrainedUpdate {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(datasetId, "datasetId");
        metrics = new TreeMap<>(Objects.requireNonNull(metrics, "metrics"));
        Objects.requireNonNull(dp, "dp");
    }
}
