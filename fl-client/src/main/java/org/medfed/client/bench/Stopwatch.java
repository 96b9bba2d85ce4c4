package org.medfed.client.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The wall-clock time and the current thread's CPU time of repeated runs, and their medians. On a machine shared
 * with other work the wall time of a single-threaded computation grows with the load, its CPU time hardly: the CPU
 * time is the cost, the wall time what a caller waits. Where the JVM cannot measure thread CPU time, CPU time is
 * wall time.
 */
final class Stopwatch {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long[] wall;
    private final long[] cpu;
    private int count;

    /** The medians of the runs, in milliseconds; NaN for no runs. */
    record Median(double wallMs, double cpuMs) {}

    Stopwatch(int capacity) {
        this.wall = new long[capacity];
        this.cpu = new long[capacity];
    }

    /** Runs {@code work}, records its times and returns its result. */
    <T> T time(Supplier<T> work) {
        long wallStart = System.nanoTime();
        long cpuStart = cpuNow();
        T result = work.get();
        cpu[count] = cpuNow() - cpuStart;
        wall[count] = System.nanoTime() - wallStart;
        count++;
        return result;
    }

    Median median() {
        return new Median(medianMs(Arrays.copyOf(wall, count)), medianMs(Arrays.copyOf(cpu, count)));
    }

    static double medianMs(long[] nanos) {
        if (nanos.length == 0) {
            return Double.NaN;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
        return median / 1e6;
    }

    private static long cpuNow() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
