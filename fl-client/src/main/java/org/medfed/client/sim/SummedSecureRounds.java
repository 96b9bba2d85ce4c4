package org.medfed.client.sim;

import java.util.List;

/**
 * The fast {@link SecureRounds}: adds the site inputs as 32-bit integers (Java's int addition wraps mod 2^32, as the
 * unmasking does), then FedAvg's step from {@link SecureSetup#step()}. No masks, no ledger: masked or not, the sum
 * is the same. The evaluation tunes on it; what it reports runs on {@link LedgerSecureRounds}.
 */
final class SummedSecureRounds implements SecureRounds {
    private final SecureSetup setup;
    private float[] model;
    private int played;

    SummedSecureRounds(SecureSetup setup) {
        this.setup = setup;
        this.model = setup.initial();
    }

    @Override
    public float[] next(List<int[]> siteInputs) {
        if (played == setup.rounds()) {
            throw new IllegalStateException("the task's " + setup.rounds() + " rounds are played");
        }
        if (siteInputs.size() != setup.sites().size()) {
            throw new IllegalArgumentException(
                    siteInputs.size() + " site inputs for " + setup.sites().size() + " sites");
        }
        played++;
        model = setup.step().model(model, sum(siteInputs));
        return model.clone();
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

    @Override
    public void close() {}
}
