package org.medfed.contract.testing;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.medfed.common.model.ParticipantIds;

/**
 * Client identities for contract tests: a real self-signed certificate each, so the shim's ClientIdentity parses it.
 * As with cryptogen and Fabric CA NodeOUs, MSP admins carry {@code OU=admin} and other identities {@code OU=client}.
 * Regenerate one with
 * {@code openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout /dev/null -days 36500
 * -subj "/O=Org1/OU=admin/CN=admin1" -out org1-admin.pem}.
 */
public enum TestIdentity {
    ORG1_ADMIN("Org1MSP", "org1-admin.pem", "CN=admin1,OU=admin,O=Org1"),
    ORG2_ADMIN("Org2MSP", "org2-admin.pem", "CN=admin2,OU=admin,O=Org2"),
    ORG1_CLIENT("Org1MSP", "org1-client.pem", "CN=client1,OU=client,O=Org1"),
    ORG2_CLIENT("Org2MSP", "org2-client.pem", "CN=client2,OU=client,O=Org2"),
    ORG2_RESEARCHER("Org2MSP", "org2-researcher.pem", "CN=researcher2,OU=client,O=Org2"),
    ORG3_CLIENT("Org3MSP", "org3-client.pem", "CN=client3,OU=client,O=Org3"),
    /** A second identity of Org3: an organisation may run many participants (e.g. wearable gateways). */
    ORG3_GATEWAY("Org3MSP", "org3-gateway.pem", "CN=gateway3,OU=client,O=Org3");

    private final String mspId;
    private final String certificateResource;
    private final String subject;

    TestIdentity(String mspId, String certificateResource, String subject) {
        this.mspId = mspId;
        this.certificateResource = certificateResource;
        this.subject = subject;
    }

    public String mspId() {
        return mspId;
    }

    /** The certificate's subject DN in RFC 2253 form. */
    public String subject() {
        return subject;
    }

    /** The participant id the ledger derives for this identity. */
    public String participantId() {
        return ParticipantIds.of(mspId, subject);
    }

    /** What {@code ClientIdentity.getId()} reports for this identity: subject and issuer as the JDK prints them. */
    public String expectedId() {
        String printed = subject.replace(",", ", ");
        return "x509::" + printed + "::" + printed;
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
