package org.medfed.common.subset;

/**
 * A shared-subset blob, key or wrapped key that cannot be used: malformed rows, a wrong key, a tampered ciphertext.
 * An {@link IllegalArgumentException}, since each is bad input rather than a fault of the code reading it.
 */
public final class SubsetException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SubsetException(String message) {
        super(message);
    }

    public SubsetException(String message, Throwable cause) {
        super(message, cause);
    }
}
