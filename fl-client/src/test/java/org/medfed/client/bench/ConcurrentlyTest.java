package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.medfed.client.gateway.MedfedException;

class ConcurrentlyTest {

    @Test
    void runsAtMostThreadsAtOnceAndReturnsResultsInOrder() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        List<Concurrently.Call<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int n = i;
            calls.add(() -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                Thread.sleep(5);
                running.decrementAndGet();
                return n * n;
            });
        }
        try (Concurrently pool = new Concurrently(3)) {
            List<Integer> results = pool.all(calls);

            assertThat(results).hasSize(20).startsWith(0, 1, 4, 9).endsWith(361);
        }
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    void theFirstFailureIsThrownAsItWasAndTheRestCancelled() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        List<Concurrently.Call<Void>> calls = List.of(
                () -> {
                    waiting.await(10, TimeUnit.SECONDS);
                    throw MedfedException.fromChaincode("DUPLICATE_SUBMISSION", "twice", null, null);
                },
                () -> {
                    waiting.countDown();
                    try {
                        never.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        interrupted.incrementAndGet();
                    }
                    return null;
                });
        try (Concurrently pool = new Concurrently(2)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> pool.all(calls))
                    .isInstanceOfSatisfying(
                            MedfedException.class, e -> assertThat(e.code()).isEqualTo("DUPLICATE_SUBMISSION"));
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start))
                    .isLessThan(5);
        }
        assertThat(interrupted).hasValue(1);
    }
}
