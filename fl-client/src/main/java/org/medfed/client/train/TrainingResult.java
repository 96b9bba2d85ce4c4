package org.medfed.client.train;

import java.math.BigDecimal;

/**
 * What local training produced: the new parameters (wire order), the DP-SGD parameters actually used (what the
 * update must declare to the ledger; noiseMultiplier null without DP), the mean training loss of each epoch's
 * sampled examples and the validation metrics of the returned parameters.
 */
public record TrainingResult(float[] params, long steps, double samplingRate, BigDecimal noiseMultiplier,
        double clipNorm, double[] epochLosses, Metrics.Validation validation) {
}
