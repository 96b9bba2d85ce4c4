package org.medfed.contract.testing;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** Client identities for contract tests: a real self-signed certificate each, so the shim's ClientIdentity parses it. */
public enum TestIdentity {
    ORG1_CLIENT("Org1MSP", "org1-client.pem", "x509::CN=client1, OU=client, O=Org1::CN=client1, OU=client, O=Org1"),
    ORG2_CLIENT("Org2MSP", "org2-client.pem", "x509::CN=client2, OU=client, O=Org2::CN=client2, OU=client, O=Org2");

    private final String mspId;
    private final String certificateResource;
    private final String expectedId;

    TestIdentity(String mspId, String certificateResource, String expectedId) {
        this.mspId = mspId;
        this.certificateResource = certificateResource;
        this.expectedId = expectedId;
    }

    public String mspId() {
        return mspId;
    }

    /** What {@code ClientIdentity.getId()} reports for this identity. */
    public String expectedId() {
        return expectedId;
    }

    /** The proposal's creator field: a serialized MSP identity holding the PEM certificate. */
    public byte[] creator() {
        return SerializedIdentity.newBuilder()
                .setMspid(mspId)
                .setIdBytes(ByteString.copyFrom(certificate()))
                .build()
                .toByteArray();
    }

    private byte[] certificate() {
        try (InputStream in = TestIdentity.class.getResourceAsStream("/identities/" + certificateResource)) {
            if (in == null) {
                throw new IllegalStateException("missing test certificate " + certificateResource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
