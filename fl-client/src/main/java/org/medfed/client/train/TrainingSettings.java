package org.medfed.client.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.TrainingSpec;

/**
 * One local training run: epochs × stepsPerEpoch SGD steps on Poisson batches (each example independently with
 * probability {@code samplingRate}), each gradient sum divided by the expected batch size q·N, FedProx term μ. With
 * {@code privacy} the per-example gradients are clipped and the sum gets discrete Gaussian noise (DP-SGD); without
 * it, plain SGD on the same batches. With {@code controls} (a SCAFFOLD task; null otherwise) each step's gradient
 * is corrected by c − c_i.
 */
public record TrainingSettings(
        BigDecimal samplingRate,
        long epochs,
        long stepsPerEpoch,
        double learningRate,
        double fedProxMu,
        Privacy privacy,
        Controls controls) {

    /**
     * SCAFFOLD's controls for one run, both of the model's size in wire order: the site's c_i and the task's c after
     * the previous round. Neither depends on a record of this round, so correcting a noised step by them costs no
     * privacy.
     */
    public record Controls(float[] site, float[] global) {
        public Controls {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(global, "global");
            if (site.length != global.length) {
                throw new IllegalArgumentException(
                        "the site control has " + site.length + " values, the global control " + global.length);
            }
        }
    }

    /** σ and C, the exact decimals the update declares. */
    public record Privacy(BigDecimal noiseMultiplier, BigDecimal clipNorm) {
        public Privacy {
            Objects.requireNonNull(noiseMultiplier, "noiseMultiplier");
            if (noiseMultiplier.signum() <= 0) {
                throw new IllegalArgumentException("noiseMultiplier must be positive for DP-SGD");
            }
            Objects.requireNonNull(clipNorm, "clipNorm");
            if (clipNorm.signum() <= 0) {
                throw new IllegalArgumentException("clipNorm must be positive");
            }
        }
    }

    /** Settings without SCAFFOLD's controls. */
    public TrainingSettings(
            BigDecimal samplingRate,
            long epochs,
            long stepsPerEpoch,
            double learningRate,
            double fedProxMu,
            Privacy privacy) {
        this(samplingRate, epochs, stepsPerEpoch, learningRate, fedProxMu, privacy, null);
    }

    public TrainingSettings {
        Objects.requireNonNull(samplingRate, "samplingRate");
        if (samplingRate.signum() <= 0 || samplingRate.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("samplingRate must be in (0, 1]");
        }
        if (epochs < 1 || stepsPerEpoch < 1) {
            throw new IllegalArgumentException("epochs and stepsPerEpoch must be at least 1");
        }
        Math.multiplyExact(epochs, stepsPerEpoch);
        if (!(learningRate > 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("learningRate must be positive and finite");
        }
        if (!(fedProxMu >= 0 && fedProxMu < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("fedProxMu must be at least 0 and finite");
        }
    }

    /**
     * The task's settings for {@code examples} local training examples: q = batchSize / N rounded up to six
     * significant digits (at most 1; rounding up can only over-state ε, and the rounded q is both the one sampled
     * with and the one declared), and
     * epochs × ⌈N / batchSize⌉ steps, so an epoch is one expected pass over the data. {@code dp} null trains
     * without DP (only for tasks without a DP policy, and for tests).
     */
    public static TrainingSettings forTask(TrainingSpec training, DpPolicy dp, int examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("there are no training examples");
        }
        if (!"sgd".equals(training.optimizer())) {
            throw new IllegalArgumentException(
                    "optimizer \"" + training.optimizer() + "\" is not supported for DP-SGD; use \"sgd\"");
        }
        BigDecimal q = BigDecimal.valueOf(training.batchSize())
                .divide(BigDecimal.valueOf(examples), new MathContext(6, RoundingMode.CEILING))
                .min(BigDecimal.ONE);
        long stepsPerEpoch = (examples + training.batchSize() - 1) / training.batchSize();
        Privacy privacy = dp == null ? null : new Privacy(dp.noiseMultiplier(), dp.clipNorm());
        return new TrainingSettings(
                q,
                training.epochs(),
                stepsPerEpoch,
                training.learningRate().doubleValue(),
                training.fedProxMu().doubleValue(),
                privacy);
    }

    /** These settings with SCAFFOLD's controls (null: none). */
    public TrainingSettings withControls(Controls scaffold) {
        return new TrainingSettings(samplingRate, epochs, stepsPerEpoch, learningRate, fedProxMu, privacy, scaffold);
    }

    /** q as a double for the Bernoulli draws, correctly rounded from the decimal. */
    public double samplingProbability() {
        return Double.parseDouble(samplingRate.toString());
    }

    /** The number of DP-SGD steps, T in the accountant. */
    public long steps() {
        return epochs * stepsPerEpoch;
    }
}
