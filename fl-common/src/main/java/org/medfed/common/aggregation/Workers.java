package org.medfed.common.aggregation;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads that live for one call: the calling thread and {@code threads − 1} daemon helpers run one piece of work
 * each, and the call returns when all have. Nothing outlives the call (no pool, no static state), so a chaincode
 * server holds no threads between transactions. Which thread does what never changes a result: the callers give each
 * thread whole coordinates or whole updates, whose sums keep their order.
 */
final class Workers {

    /** One thread's share; {@code index} 0 is the calling thread, 1… the helpers. */
    @FunctionalInterface
    interface Work {
        void run(int index) throws IOException;
    }

    private Workers() {}

    /**
     * Runs {@code work} on the calling thread (index 0) and on {@code threads − 1} helpers (1…), and waits for all
     * of them. The calling thread's exception is rethrown; otherwise the first helper's.
     */
    static void run(int threads, String name, Work work) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        AtomicReference<Throwable> helperFailure = new AtomicReference<>();
        Thread[] helpers = new Thread[threads - 1];
        for (int h = 0; h < helpers.length; h++) {
            int index = h + 1;
            helpers[h] = new Thread(
                    () -> {
                        try {
                            work.run(index);
                        } catch (IOException | RuntimeException | Error e) {
                            helperFailure.compareAndSet(null, e);
                        }
                    },
                    name + "-" + index);
            helpers[h].setDaemon(true);
            helpers[h].start();
        }
        try {
            work.run(0);
        } finally {
            joinAll(helpers);
        }
        Throwable failure = helperFailure.get();
        if (failure instanceof IOException e) {
            throw e;
        } else if (failure instanceof RuntimeException e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
    }

    /** Waits for every helper even if interrupted (they end on their own), then restores the interrupt. */
    private static void joinAll(Thread[] helpers) {
        boolean interrupted = false;
        for (Thread helper : helpers) {
            while (true) {
                try {
                    helper.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
