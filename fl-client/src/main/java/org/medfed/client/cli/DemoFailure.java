package org.medfed.client.cli;

/** A demo step failed; the message is the one line printed on stderr, {@link #exitCode()} an {@link ExitCodes} value. */
final class DemoFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    DemoFailure(String message, int exitCode) {
        this(message, exitCode, null);
    }

    DemoFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
