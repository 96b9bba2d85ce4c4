package org.medfed.client.node;

import java.time.Duration;

/**
 * A client node's side job: {@code step} once per tick on a daemon thread of its own, until closed. A step handles
 * its own failures (they wait for the next tick); closing interrupts the wait.
 */
public final class TickLoop implements AutoCloseable {
    private final Thread thread;
    private volatile boolean stopped;

    public TickLoop(String name, Duration tick, Runnable step) {
        this.thread = new Thread(
                () -> {
                    while (!stopped) {
                        step.run();
                        try {
                            Thread.sleep(tick.toMillis());
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                },
                name);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
