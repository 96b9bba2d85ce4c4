package org.medfed.client.train;

import java.math.BigDecimal;
import org.medfed.common.model.DpUsage;

/**
 * What local training produced: the new parameters (wire order), the DP-SGD parameters actually used (what the
 * update must declare to the ledger; noiseMultiplier null without DP), the mean training loss of each epoch's
 * sampled examples and the validation metrics of the returned parameters.
 */
public record TrainingResult(float[] params, long steps, BigDecimal samplingRate, BigDecimal noiseMultiplier,
        BigDecimal clipNorm, double[] epochLosses, Metrics.Validation validation) {

    /** What the update declares to the ledger (and the budget guard charges). */
    public DpUsage dpUsage() {
        if (noiseMultiplier == null) {
            throw new IllegalStateException("this run used no differential privacy");
        }
        return new DpUsage(samplingRate, noiseMultiplier, steps, clipNorm);
    }
}
