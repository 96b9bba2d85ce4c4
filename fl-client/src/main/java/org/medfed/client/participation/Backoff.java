package org.medfed.client.participation;

import java.time.Duration;
import java.util.Objects;

/** Exponential backoff between retries of transient failures: first, doubling, capped. */
public record Backoff(Duration first, Duration max, int attempts) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 8);

    public Backoff {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(max, "max");
        if (first.isNegative() || max.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("need 0 <= first <= max and attempts >= 1");
        }
    }

    /** The wait before retry {@code n} (1 for the first retry). */
    public Duration delay(int n) {
        Duration delay = first;
        for (int i = 1; i < n && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** How to wait; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

        void sleep(Duration duration) throws InterruptedException;
    }
}
