package org.medfed.common.secagg;

/**
 * A protocol message that cannot be right: a small-order or malformed key, shares that do not reconstruct a
 * secret, a ciphertext that does not authenticate. Callers on the ledger turn it into their refusal code (for
 * reconstruction, {@code SHARES_INSUFFICIENT}); arguments that are wrong in shape, such as a negative length, are
 * {@link IllegalArgumentException}s instead.
 */
public final class SecAggException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecAggException(String message) {
        super(message);
    }

    public SecAggException(String message, Throwable cause) {
        super(message, cause);
    }
}
