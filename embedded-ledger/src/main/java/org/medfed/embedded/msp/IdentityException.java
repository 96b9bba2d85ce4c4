package org.medfed.embedded.msp;

/** An identity or signature that a Fabric peer would refuse; the message is the reason, in Fabric's words. */
public class IdentityException extends Exception {
    private static final long serialVersionUID = 1L;

    public IdentityException(String message) {
        super(message);
    }

    public IdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
