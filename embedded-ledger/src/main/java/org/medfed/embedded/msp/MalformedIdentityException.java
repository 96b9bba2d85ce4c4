package org.medfed.embedded.msp;

/**
 * An identity that Fabric's MSP cannot even deserialize, so that its endorser answers "creator org unknown, creator
 * is malformed" rather than naming the organisation: bytes that are not a SerializedIdentity or a PEM certificate,
 * an MSP that is not on the channel, or a certificate without a chain to the MSP's CA as of its own NotBefore
 * (bccspmsp's sanitizeCert builds that chain while deserializing: msp/identities.go newIdentity).
 */
public final class MalformedIdentityException extends IdentityException {
    private static final long serialVersionUID = 1L;

    public MalformedIdentityException(String message) {
        super(message);
    }

    public MalformedIdentityException(String message, Throwable cause) {
        super(message, cause);
    }
}
