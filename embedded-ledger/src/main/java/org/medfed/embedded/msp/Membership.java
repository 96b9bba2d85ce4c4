package org.medfed.embedded.msp;

import java.time.Instant;
import java.util.List;

/**
 * The organisations' MSPs as a Fabric channel knows them: each organisation's CA (msp/cacerts), its NodeOU
 * configuration, and its peer's signing identity. Loaded from the cryptogen-layout folders.
 */
public interface Membership {

    /** MSP ids in join order. */
    List<String> mspIds();

    /**
     * Checks a {@code SerializedIdentity}: known MSP, PEM certificate chained to that MSP's CA, valid at {@code at},
     * with a NodeOU role. Messages follow Fabric's ("the supplied identity is not valid: x509: certificate has
     * expired or is not yet valid", "... certificate signed by unknown authority", "MSP X is not defined on channel").
     *
     * @throws MalformedIdentityException where Fabric's MSP fails to deserialize the identity (no chain to the CA)
     * @throws IdentityException where it deserializes it but refuses it (revoked, no NodeOU role, expired now)
     */
    Identity validate(byte[] serializedIdentity, Instant at) throws IdentityException;

    /** ECDSA signature over SHA-256(message) by the identity's key, DER encoded; high-S signatures are refused. */
    boolean verify(Identity identity, byte[] message, byte[] signature);

    /** The peer identity of organisation {@code mspId}, signing endorsements. */
    Signer peerSigner(String mspId);
}
