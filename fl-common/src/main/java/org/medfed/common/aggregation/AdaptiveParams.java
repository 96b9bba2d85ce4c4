package org.medfed.common.aggregation;

/**
 * Hyperparameters of the adaptive server optimizers (Reddi et al. 2021, "Adaptive Federated Optimization"):
 * server learning rate η, moment decays β1 and β2, adaptivity τ, and whether to apply Adam's bias correction.
 *
 * <p>Defaults ({@link #defaults()}): β1 = 0.9 and β2 = 0.99 as in the paper's experiments; τ = 10⁻³; η = 10⁻²
 * (the paper tunes η and τ per task on a grid; these two are Flower's FedYogi defaults); no bias correction, as in
 * the paper's Algorithm 2 (Flower's FedAdam adds it).
 */
public record AdaptiveParams(double eta, double beta1, double beta2, double tau, boolean biasCorrection) {

    public AdaptiveParams {
        requirePositive("eta", eta);
        requireUnit("beta1", beta1);
        requireUnit("beta2", beta2);
        requirePositive("tau", tau);
    }

    public static AdaptiveParams defaults() {
        return new AdaptiveParams(1e-2, 0.9, 0.99, 1e-3, false);
    }

    private static void requirePositive(String name, double value) {
        if (!Double.isFinite(value) || !(value > 0)) {
            throw new IllegalArgumentException(name + " must be finite and greater than 0, got " + value);
        }
    }

    private static void requireUnit(String name, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }
}
