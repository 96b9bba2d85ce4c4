package org.medfed.client.cli;

import java.util.Arrays;

/** Median, 90th percentile (nearest rank) and maximum of call durations, in milliseconds. */
record LatencyStats(double medianMs, double p90Ms, double maxMs) {

    static LatencyStats ofNanos(long[] durations) {
        if (durations.length == 0) {
            throw new IllegalArgumentException("no durations");
        }
        long[] sorted = durations.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        long p90 = sorted[(int) Math.ceil(0.9 * n) - 1];
        return new LatencyStats(millis(median), millis(p90), millis(sorted[n - 1]));
    }

    private static double millis(double nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
