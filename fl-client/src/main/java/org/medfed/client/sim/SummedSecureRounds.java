package org.medfed.client.sim;

import java.util.List;
import org.medfed.common.secagg.SecureStep;

/**
 * The simulation's {@link SecureRounds}: adds the site inputs as 32-bit integers (Java's int addition wraps mod
 * 2^32, as the unmasking does), then FedAvg's step from {@link SecureStep}. No masks: they would cancel.
 */
final class SummedSecureRounds implements SecureRounds {
    private final double clipNorm;
    private final int gridBits;
    private final double learningRate;
    private final double samplingRate;

    SummedSecureRounds(double clipNorm, int gridBits, double learningRate, double samplingRate) {
        this.clipNorm = clipNorm;
        this.gridBits = gridBits;
        this.learningRate = learningRate;
        this.samplingRate = samplingRate;
    }

    @Override
    public float[] aggregate(float[] global, List<int[]> siteInputs, long survivorRows) {
        return new SecureStep(clipNorm, gridBits, learningRate, samplingRate, survivorRows)
                .model(global, sum(siteInputs));
    }

    /** Σ inputs mod 2^32, read as signed: what unmasking gives. */
    static int[] sum(List<int[]> inputs) {
        int[] sum = new int[inputs.get(0).length];
        for (int[] input : inputs) {
            if (input.length != sum.length) {
                throw new IllegalArgumentException("site inputs differ in length");
            }
            for (int j = 0; j < sum.length; j++) {
                sum[j] += input[j];
            }
        }
        return sum;
    }
}
