package org.medfed.client.console;

/** A request the console answers with an error page: its HTTP status and what to tell the reader. */
public final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
