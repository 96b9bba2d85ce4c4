package org.medfed.common.aggregation;

/**
 * How many update values (float32) a buffered strategy ({@link CoordinateMedian}, {@link TrimmedMean},
 * {@link MultiKrum}) may hold at once: it needs all K updates of P values, K × P. Above the budget it refuses with
 * {@link AggregationException.Reason#TOO_LARGE_FOR_STRATEGY} before reading anything. Every endorsing peer must
 * refuse the same rounds, so the chaincode always uses {@link #DEFAULT}, never a per-peer setting.
 */
public record MemoryBudget(long maxBufferedValues) {
    /**
     * 2^25 float32 values = 128 MiB of update data (e.g. 10 updates of 3.36 M parameters, 100 of 336 k): sized so a
     * chaincode server with the network's default heap (-Xmx384m) refuses before it could run out of memory.
     */
    public static final long MAX_BUFFERED_VALUES = 1L << 25;

    public static final MemoryBudget DEFAULT = new MemoryBudget(MAX_BUFFERED_VALUES);

    public MemoryBudget {
        if (maxBufferedValues < 1 || maxBufferedValues > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "maxBufferedValues must be in [1, " + (Integer.MAX_VALUE - 8) + "], got " + maxBufferedValues);
        }
    }

    /** @throws AggregationException TOO_LARGE_FOR_STRATEGY if {@code updates × parameters} exceeds the budget */
    void require(String strategy, int updates, int parameters) {
        long needed = (long) updates * parameters;
        if (needed > maxBufferedValues) {
            throw new AggregationException(
                    AggregationException.Reason.TOO_LARGE_FOR_STRATEGY,
                    strategy + " must hold "
                            + updates + " updates × " + parameters + " parameters = " + needed
                            + " values, more than its"
                            + " budget of " + maxBufferedValues + " (" + (maxBufferedValues * Float.BYTES >> 20)
                            + " MiB); use a streaming strategy such as fedavg, or fewer participants per round");
        }
    }
}
