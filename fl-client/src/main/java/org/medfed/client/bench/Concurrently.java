package org.medfed.client.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded pool for the load driver's many like calls (uploads, submissions, registrations): runs them all, at
 * most {@code threads} at once, and returns their results in order; the first failure cancels the rest and is thrown
 * as it was thrown (not wrapped), so callers handle a ledger refusal as if they had made the call themselves.
 */
final class Concurrently implements AutoCloseable {

    /** One call; it may throw whatever the call it stands for throws. */
    @FunctionalInterface
    interface Call<T> {
        T call() throws Exception;
    }

    private final ExecutorService pool;

    Concurrently(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "bench-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    <T> List<T> all(List<? extends Call<T>> calls) throws Exception {
        List<Future<T>> futures = new ArrayList<>(calls.size());
        for (Call<T> call : calls) {
            futures.add(pool.submit(call::call));
        }
        List<T> results = new ArrayList<>(calls.size());
        try {
            for (Future<T> future : futures) {
                results.add(future.get());
            }
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
        return results;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        try {
            pool.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
