package org.medfed.aggregator;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP body read as it arrives, at most {@code maxBytes} of it, that fails with an {@link IOException} once its
 * deadline passes. A read blocked on a stalled connection cannot see a clock, so a timer closes the body at the
 * deadline (which cancels the exchange and wakes the read) and the read then throws rather than report an end.
 */
final class DeadlineInputStream extends InputStream {
    /** One daemon thread for every body's deadline; it ends when no deadline is pending. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final InputStream body;
    private final String expiredMessage;
    private final ScheduledFuture<?> closer;
    private volatile boolean expired;
    private long remaining;

    /**
     * @param deadlineNanos on the {@link System#nanoTime()} clock
     * @param expiredMessage the exception's message once it has passed
     */
    DeadlineInputStream(InputStream body, long maxBytes, long deadlineNanos, String expiredMessage) {
        this.body = body;
        this.remaining = maxBytes;
        this.expiredMessage = expiredMessage;
        this.closer = TIMER.schedule(this::expire, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "medfed-kubo-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }

    private void expire() {
        expired = true;
        try {
            body.close();
        } catch (IOException e) {
            // Closing only to wake a blocked read; the read reports the deadline.
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        requireOpen();
        if (len == 0) {
            return 0;
        }
        if (remaining <= 0) {
            return -1;
        }
        int n;
        try {
            n = body.read(b, off, (int) Math.min(len, remaining));
        } catch (IOException e) {
            requireOpen();
            throw e;
        }
        requireOpen();
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    private void requireOpen() throws IOException {
        if (expired) {
            throw new IOException(expiredMessage);
        }
    }

    @Override
    public void close() throws IOException {
        closer.cancel(false);
        body.close();
    }
}
