package org.medfed.common.aggregation;

import java.util.Arrays;
import java.util.Objects;

/**
 * The state a server optimizer ({@link FedAdam}, {@link FedYogi}) carries from round to round: the first moment
 * {@code m}, the second moment {@code v} (each P float32 values, stored as two blobs by CID like a model) and the
 * number of steps {@code t} taken so far. Values are owned by the record: callers must not modify the arrays.
 */
public record ServerOptimizerState(float[] m, float[] v, long t) {

    public ServerOptimizerState {
        Objects.requireNonNull(m, "m");
        Objects.requireNonNull(v, "v");
        if (m.length != v.length) {
            throw new IllegalArgumentException("m has " + m.length + " values, v has " + v.length);
        }
        if (t < 0) {
            throw new IllegalArgumentException("t must be at least 0, got " + t);
        }
    }

    /**
     * The state before the first round as in Reddi et al. 2021, Algorithm 2: {@code m = 0}, {@code v = τ²} (the
     * paper requires {@code v_{-1} ≥ τ²}), {@code t = 0}.
     */
    public static ServerOptimizerState initial(int parameters, double tau) {
        float[] v = new float[parameters];
        Arrays.fill(v, (float) (tau * tau));
        return new ServerOptimizerState(new float[parameters], v, 0);
    }

    /** Equal when t and every value are equal bit for bit. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ServerOptimizerState state
                && t == state.t
                && Arrays.equals(m, state.m)
                && Arrays.equals(v, state.v);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(m), Arrays.hashCode(v), t);
    }

    @Override
    public String toString() {
        return "ServerOptimizerState[P=" + m.length + ", t=" + t + "]";
    }
}
