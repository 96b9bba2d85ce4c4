package org.medfed.client.train;

import java.math.BigDecimal;
import org.medfed.common.model.DpUsage;

/**
 * What local training produced: the new parameters (wire order), the DP-SGD parameters actually used (what the
 * update must declare to the ledger; noiseMultiplier null without DP), the mean training loss of each epoch's
 * sampled examples and the validation metrics of the returned parameters. With SCAFFOLD's controls, also the site's
 * next control c_i⁺ and its change c_i⁺ − c_i, the control delta the update carries (both null otherwise).
 */
public record TrainingResult(
        float[] params,
        long steps,
        BigDecimal samplingRate,
        BigDecimal noiseMultiplier,
        BigDecimal clipNorm,
        double[] epochLosses,
        Metrics.Validation validation,
        float[] siteControl,
        float[] controlDelta) {

    /** A run without SCAFFOLD's controls. */
    public TrainingResult(
            float[] params,
            long steps,
            BigDecimal samplingRate,
            BigDecimal noiseMultiplier,
            BigDecimal clipNorm,
            double[] epochLosses,
            Metrics.Validation validation) {
        this(params, steps, samplingRate, noiseMultiplier, clipNorm, epochLosses, validation, null, null);
    }

    /**
     * What an update trained without DP declares, for a task without a DP policy: noise multiplier 0, which marks it
     * as not private. Nothing was clipped; the record needs a positive clip norm and a task without DP checks none,
     * so it declares 1.
     */
    public DpUsage unnoisedUsage() {
        if (noiseMultiplier != null) {
            throw new IllegalStateException("this run used differential privacy");
        }
        return new DpUsage(samplingRate, BigDecimal.ZERO, steps, BigDecimal.ONE);
    }

    /** What the update declares to the ledger (and the budget guard charges). */
    public DpUsage dpUsage() {
        if (noiseMultiplier == null) {
            throw new IllegalStateException("this run used no differential privacy");
        }
        return new DpUsage(samplingRate, noiseMultiplier, steps, clipNorm);
    }
}
