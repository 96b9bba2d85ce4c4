package org.medfed.client.demo;

import org.medfed.client.ExitCodes;

/** A demo step failed; the message is the one line printed on stderr, {@link #exitCode()} an {@link ExitCodes} value. */
public final class DemoFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    DemoFailure(String message, int exitCode) {
        this(message, exitCode, null);
    }

    DemoFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
