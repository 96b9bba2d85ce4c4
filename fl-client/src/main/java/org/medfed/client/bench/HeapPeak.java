package org.medfed.client.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.function.Supplier;

/**
 * The heap one computation needs: every heap pool's peak during it, after a GC and a reset of the peaks, and what was
 * in use before it. Pools peak at different moments, so the sum of peaks is an upper bound; the difference
 * {@link #added()} is what the computation itself added on top of its inputs.
 *
 * @param baselineBytes in use before the computation (its inputs included)
 * @param peakBytes the sum of the heap pools' peaks during it
 * @param result what the computation returned, so it stays reachable until measured
 */
record HeapPeak<T>(long baselineBytes, long peakBytes, T result) {

    static <T> HeapPeak<T> of(Supplier<T> computation) {
        List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
        System.gc();
        System.gc();
        long baseline = 0;
        for (MemoryPoolMXBean pool : pools) {
            baseline += pool.getUsage().getUsed();
            pool.resetPeakUsage();
        }
        T result = computation.get();
        long peak = 0;
        for (MemoryPoolMXBean pool : pools) {
            peak += pool.getPeakUsage().getUsed();
        }
        return new HeapPeak<>(baseline, peak, result);
    }

    long added() {
        return peakBytes - baselineBytes;
    }
}
