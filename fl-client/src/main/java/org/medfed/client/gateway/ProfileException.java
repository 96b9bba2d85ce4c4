package org.medfed.client.gateway;

/** A connection profile is missing or wrong; the message names the file, the key and the fix. */
public class ProfileException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProfileException(String message) {
        super(message);
    }

    public ProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
