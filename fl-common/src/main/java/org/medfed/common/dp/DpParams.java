package org.medfed.common.dp;

/**
 * One DP-SGD run: {@code steps} iterations of the Poisson-subsampled Gaussian mechanism, each sampling every
 * record with probability {@code samplingRate} and adding Gaussian noise of standard deviation
 * {@code noiseMultiplier} times the clipping norm.
 *
 * <p>Messages name the field and the rule but not the value: {@code Double.toString} changed between JDK 17 and
 * 19, and the chaincode's answers must not depend on the peer's JDK.
 */
public record DpParams(double samplingRate, double noiseMultiplier, long steps) {

    public DpParams {
        if (!(samplingRate > 0 && samplingRate <= 1)) {
            throw new IllegalArgumentException("samplingRate must be in (0, 1]");
        }
        if (!(noiseMultiplier > 0 && noiseMultiplier < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("noiseMultiplier must be positive and finite");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must not be negative");
        }
    }
}
