package org.medfed.client.demo;

import java.time.Duration;

/** Waits between retries; tests pass one that only advances their fake clock. */
@FunctionalInterface
public interface Sleeper {
    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
