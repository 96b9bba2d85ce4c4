package org.medfed.client.train;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.medfed.common.aggregation.Scaffold;
import org.medfed.common.dp.noise.GridGaussianSum;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.Mlp;
import org.medfed.common.nn.ParameterLayout;
import org.medfed.common.secagg.DistributedDp;

/**
 * Local training of the task's MLP on {@code float[][] x, int[] y}, in plain Java ({@link Mlp}): per step a Poisson
 * batch, per-example gradients, (with DP) clipping to C and discrete Gaussian noise σ·C on the sum
 * ({@link GridGaussianSum}), division by the expected batch size q·N, then an SGD step with the FedProx gradient
 * μ(w − w_global). The FedProx term depends on no record, so it is added after the noise and costs no privacy; so
 * is SCAFFOLD's correction c − c_i ({@link Scaffold}), when the settings carry the controls, and the run then also
 * returns the site's next control (option II, from the steps taken at the learning rate).
 * Sampling and noise come from two injected sources: {@code SecureRandom} in production ({@link #secure()}),
 * seeded sources in tests, which then make a run exactly reproducible. For a secure round,
 * {@link #secureInput} computes the site's share of one DP-SGD step instead, with the same sources.
 */
public final class LocalTrainer {
    private final RandomGenerator sampling;
    private final RandomGenerator noise;

    public LocalTrainer(RandomGenerator sampling, RandomGenerator noise) {
        this.sampling = Objects.requireNonNull(sampling, "sampling");
        this.noise = Objects.requireNonNull(noise, "noise");
    }

    /** Told after each epoch; for a progress line. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (epoch, epochs, meanLoss) -> {};

        /** @param meanLoss mean loss of the examples sampled in that epoch (NaN if none was) */
        void epochDone(long epoch, long epochs, double meanLoss);
    }

    /** Both sources cryptographically secure: the privacy proof assumes unpredictable sampling and noise. */
    public static LocalTrainer secure() {
        return new LocalTrainer(new SecureRandom(), new SecureRandom());
    }

    /**
     * @param global      the round's global model (wire order), also the FedProx anchor
     * @param validationX held-out examples for the metrics (not used for training)
     */
    public TrainingResult train(
            ModelSpec spec,
            float[] global,
            float[][] x,
            int[] y,
            TrainingSettings settings,
            float[][] validationX,
            int[] validationY) {
        return train(spec, global, x, y, settings, validationX, validationY, Progress.NONE, () -> false);
    }

    /**
     * As above, telling {@code progress} after each epoch and checking {@code cancelled} before each step.
     *
     * @throws CancellationException when cancelled; nothing of the run is returned, so nothing half-trained can be
     *                               submitted
     */
    public TrainingResult train(
            ModelSpec spec,
            float[] global,
            float[][] x,
            int[] y,
            TrainingSettings settings,
            float[][] validationX,
            int[] validationY,
            Progress progress,
            BooleanSupplier cancelled) {
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        ParameterLayout layout = ParameterLayout.of(spec);
        requireData(layout, x, y, "training");
        requireData(layout, validationX, validationY, "validation");
        if (global.length != layout.parameterCount()) {
            throw new IllegalArgumentException(
                    "the global model has " + global.length + " values, the task's model " + layout.parameterCount());
        }
        TrainingSettings.Controls controls = settings.controls();
        if (controls != null && controls.site().length != global.length) {
            throw new IllegalArgumentException("the SCAFFOLD controls have " + controls.site().length
                    + " values, the task's model " + global.length);
        }
        Mlp mlp = new Mlp(layout);
        int d = layout.parameterCount();
        double[] w = toDouble(global);
        double[] anchor = toDouble(global);
        double[] gradient = new double[d];
        double[] plainSum = new double[d];
        TrainingSettings.Privacy privacy = settings.privacy();
        GridGaussianSum noisySum = privacy == null
                ? null
                : new GridGaussianSum(d, Double.parseDouble(privacy.clipNorm().toString()), privacy.noiseMultiplier());
        double q = settings.samplingProbability();
        double expectedBatch = q * x.length;
        long stepsPerEpoch = settings.stepsPerEpoch();
        double[] epochLosses = new double[Math.toIntExact(settings.epochs())];
        double epochLoss = 0;
        long epochExamples = 0;

        for (long step = 0; step < settings.steps(); step++) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException(
                        "training cancelled after " + step + " of " + settings.steps() + " steps");
            }
            java.util.Arrays.fill(plainSum, 0);
            for (int i = 0; i < x.length; i++) {
                if (sampling.nextDouble() >= q) {
                    continue;
                }
                epochLoss += mlp.lossAndGradient(w, x[i], y[i], gradient);
                epochExamples++;
                if (noisySum != null) {
                    noisySum.add(gradient);
                } else {
                    for (int k = 0; k < d; k++) {
                        plainSum[k] += gradient[k];
                    }
                }
            }
            double[] sum = noisySum != null ? noisySum.release(noise) : plainSum;
            if (controls == null) {
                sgdStep(w, sum, expectedBatch, settings.learningRate(), settings.fedProxMu(), anchor);
            } else {
                scaffoldStep(w, sum, expectedBatch, settings.learningRate(), settings.fedProxMu(), anchor, controls);
            }
            if ((step + 1) % stepsPerEpoch == 0) {
                int epoch = (int) (step / stepsPerEpoch);
                epochLosses[epoch] = epochExamples == 0 ? Double.NaN : epochLoss / epochExamples;
                progress.epochDone(epoch + 1, settings.epochs(), epochLosses[epoch]);
                epochLoss = 0;
                epochExamples = 0;
            }
        }
        float[] params = toFloat(w);
        float[] siteControl = controls == null
                ? null
                : Scaffold.nextSiteControl(
                        controls.site(), controls.global(), global, params, settings.steps(), settings.learningRate());
        return new TrainingResult(
                params,
                settings.steps(),
                settings.samplingRate(),
                privacy == null ? null : privacy.noiseMultiplier(),
                privacy == null ? null : privacy.clipNorm(),
                epochLosses,
                evaluate(mlp, params, validationX, validationY),
                siteControl,
                siteControl == null ? null : difference(siteControl, controls.site()));
    }

    /**
     * A site's input to a secure round: one Poisson sample of its records (probability q each), their gradients at
     * the global model clipped to C and put on the grid of 2^b steps per C, the integer sum plus its share of the
     * noise N_ℤ(0, σ²·4^b / n_min), each coordinate reduced mod 2^32 (no clipping). No SGD step: the step is taken on
     * the unmasked sum of all sites' inputs ({@code SecureStep}), which is what makes the round one centralized
     * DP-SGD step over the union of the sites' samples.
     *
     * @param global the round's global model (wire order); not modified
     * @return P signed grid counts, to be masked
     */
    public int[] secureInput(ModelSpec spec, float[] global, float[][] x, int[] y, SecureInputSettings settings) {
        Objects.requireNonNull(settings, "settings");
        ParameterLayout layout = ParameterLayout.of(spec);
        requireData(layout, x, y, "training");
        int d = layout.parameterCount();
        if (global.length != d) {
            throw new IllegalArgumentException(
                    "the global model has " + global.length + " values, the task's model " + d);
        }
        DistributedDp.gridBound(settings.inputBound(), settings.gridBits());
        GridGaussianSum sum = new GridGaussianSum(
                d, settings.clip(), settings.noiseMultiplier(), settings.gridBits(), settings.minSurvivors());
        Mlp mlp = new Mlp(layout);
        double[] w = toDouble(global);
        double[] gradient = new double[d];
        double q = settings.samplingProbability();
        for (int i = 0; i < x.length; i++) {
            if (sampling.nextDouble() >= q) {
                continue;
            }
            mlp.lossAndGradient(w, x[i], y[i], gradient);
            sum.add(gradient);
        }
        return DistributedDp.toMaskingGroup(sum.releaseGridUnits(noise));
    }

    /** w ← w − η·(sum / (q·N) + μ·(w − w_global)). */
    static void sgdStep(
            double[] w, double[] gradientSum, double expectedBatch, double learningRate, double mu, double[] anchor) {
        for (int k = 0; k < w.length; k++) {
            w[k] -= learningRate * (gradientSum[k] / expectedBatch + mu * (w[k] - anchor[k]));
        }
    }

    /** As {@link #sgdStep}, with the averaged gradient corrected by SCAFFOLD's c − c_i before the FedProx term. */
    static void scaffoldStep(
            double[] w,
            double[] gradientSum,
            double expectedBatch,
            double learningRate,
            double mu,
            double[] anchor,
            TrainingSettings.Controls controls) {
        double[] mean = new double[w.length];
        for (int k = 0; k < w.length; k++) {
            mean[k] = gradientSum[k] / expectedBatch;
        }
        double[] corrected = Scaffold.correctedGradient(mean, controls.site(), controls.global());
        for (int k = 0; k < w.length; k++) {
            w[k] -= learningRate * (corrected[k] + mu * (w[k] - anchor[k]));
        }
    }

    private static float[] difference(float[] after, float[] before) {
        float[] out = new float[after.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = (float) ((double) after[k] - before[k]);
        }
        return out;
    }

    /** Metrics of {@code params} (wire order, as published) on the given examples. */
    public static Metrics.Validation evaluate(ModelSpec spec, float[] params, float[][] x, int[] y) {
        return evaluate(new Mlp(ParameterLayout.of(spec)), params, x, y);
    }

    private static Metrics.Validation evaluate(Mlp mlp, float[] params, float[][] x, int[] y) {
        return Metrics.evaluate(probabilities(mlp, params, x), y);
    }

    /** The class {@code params} (wire order) predicts for each example: the arg max, as {@link #evaluate} scores. */
    public static int[] predict(ModelSpec spec, float[] params, float[][] x) {
        return Metrics.predictions(probabilities(new Mlp(ParameterLayout.of(spec)), params, x));
    }

    private static double[][] probabilities(Mlp mlp, float[] params, float[][] x) {
        double[] w = toDouble(params);
        double[][] probabilities = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            probabilities[i] = mlp.probabilities(w, x[i]);
        }
        return probabilities;
    }

    private static void requireData(ParameterLayout layout, float[][] x, int[] y, String what) {
        if (x.length != y.length) {
            throw new IllegalArgumentException(what + " data has " + x.length + " rows but " + y.length + " labels");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(what + " data is empty");
        }
        int classes = layout.layers().get(layout.layers().size() - 1).cols();
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != layout.layers().get(0).rows()) {
                throw new IllegalArgumentException(
                        what + " row " + i + " has " + x[i].length + " features, the model expects "
                                + layout.layers().get(0).rows());
            }
            if (y[i] < 0 || y[i] >= classes) {
                throw new IllegalArgumentException(
                        what + " label " + y[i] + " at row " + i + " is not in [0, " + classes + ")");
            }
        }
    }

    static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
