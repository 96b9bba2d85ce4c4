package org.medfed.embedded.msp;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** A peer's signing identity from its local MSP: signcerts/ (one certificate) and keystore/priv_sk. */
final class PeerSigner implements Signer {

    private final byte[] serializedIdentity;
    private final PrivateKey privateKey;

    private PeerSigner(byte[] serializedIdentity, PrivateKey privateKey) {
        this.serializedIdentity = serializedIdentity;
        this.privateKey = privateKey;
    }

    static PeerSigner load(String mspId, Path localMspDir) {
        X509Certificate certificate = Pem.readOnlyCertificate(localMspDir.resolve("signcerts"));
        // Fabric serialises the certificate re-encoded as PEM (pem.EncodeToMemory), not the file's bytes
        byte[] serialized = SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(Pem.certificate(certificate), StandardCharsets.US_ASCII))
                .build()
                .toByteArray();
        return new PeerSigner(
                serialized, Pem.readPrivateKey(localMspDir.resolve("keystore").resolve("priv_sk")));
    }

    @Override
    public byte[] serializedIdentity() {
        return serializedIdentity.clone();
    }

    @Override
    public byte[] sign(byte[] message) {
        return EcdsaSignatures.sign(privateKey, message);
    }
}
