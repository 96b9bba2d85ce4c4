package org.medfed.client.data;

/**
 * A table, a mapping or a device file that cannot be used as it is. The message names the file, the line and the
 * column (or the mapping key) and, where it can, what would fix it.
 */
public final class DataException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
