package org.medfed.embedded.msp;

/** Signs as one identity (an organisation's peer): ECDSA P-256 over SHA-256, low-S, DER encoded. */
public interface Signer {

    /** The {@code SerializedIdentity{mspid, PEM}} bytes of this identity. */
    byte[] serializedIdentity();

    byte[] sign(byte[] message);
}
