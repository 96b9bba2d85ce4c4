package org.medfed.client.federation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.gateway.CertificateSubjects;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.common.model.ParticipantIds;
import org.medfed.embedded.config.NetworkLayout;
import org.medfed.embedded.msp.CryptoGenerator;
import org.medfed.embedded.msp.FileMembership;
import org.medfed.embedded.msp.Role;

/**
 * Identities issued with the organisations' cryptogen CAs, checked by the embedded ledger's own MSP (which reads the
 * same NodeOUs configuration as Fabric's): a client of its organisation.
 */
class ClientIdentitiesTest {

    @TempDir
    Path dir;

    private NetworkLayout layout;
    private Path dataDir;

    @BeforeEach
    void network() throws Exception {
        Path config = dir.resolve("network.config");
        Files.write(
                config,
                List.of(
                        "CHANNEL=medfed",
                        "CHAINCODE_NAME=medfed",
                        "ORGS=Hospital,Clinic",
                        "ORG_PORT_BASE=7000",
                        "ORG_PORT_STRIDE=1000",
                        "PEER_OFFSET=51"));
        dataDir = dir.resolve("data");
        layout = NetworkLayout.load(config, dataDir);
        CryptoGenerator.generate(layout);
        Path profiles = Files.createDirectories(dataDir.resolve("profiles"));
        for (String org : List.of("Hospital", "Clinic")) {
            String lower = org.toLowerCase();
            Path user = layout.orgDir(org).resolve("users/User1@" + lower + ".medfed.local/msp");
            Files.writeString(
                    profiles.resolve(lower + "-user1.properties"),
                    String.join(
                            "\n",
                            "name=" + lower + "-user1",
                            "mspId=" + org + "MSP",
                            "peerEndpoint=127.0.0.1:7051",
                            "tlsCaCert=" + user.resolve("tlscacerts/tlsca." + lower + ".medfed.local-cert.pem"),
                            "certificate=" + user.resolve("signcerts/User1@" + lower + ".medfed.local-cert.pem"),
                            "privateKey=" + user.resolve("keystore/priv_sk"),
                            "channel=medfed",
                            "chaincode=medfed",
                            "ipfsApi=http://127.0.0.1:7055",
                            "ledgerEngine=embedded",
                            ""));
        }
    }

    @Test
    void anIssuedIdentityIsAClientOfItsOrganisationSignedByItsCa() throws Exception {
        ClientIdentities.Issued issued = new ClientIdentities(dataDir, dataDir.resolve("identities"))
                .issue("Clinic", "bench-clinic-001@clinic.medfed.local", "bench-clinic-001", "issued by a test");

        byte[] pem = Files.readAllBytes(issued.certificate());
        byte[] serialized = SerializedIdentity.newBuilder()
                .setMspid("ClinicMSP")
                .setIdBytes(ByteString.copyFrom(pem))
                .build()
                .toByteArray();
        assertThat(FileMembership.load(layout)
                        .validate(serialized, Instant.now())
                        .role())
                .isEqualTo(Role.CLIENT);

        X509Certificate cert = read(issued.certificate());
        X509Certificate ca = read(layout.orgDir("Clinic").resolve("ca/ca.clinic.medfed.local-cert.pem"));
        cert.verify(ca.getPublicKey());
        assertThat(ParticipantIds.organizationalUnits(CertificateSubjects.of(issued.certificate())))
                .containsExactly("client");
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        byte[] caKeyId = SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(ca).getExtensions())
                .getKeyIdentifier();
        byte[] authorityKeyId = AuthorityKeyIdentifier.fromExtensions(
                        new JcaX509CertificateHolder(cert).getExtensions())
                .getKeyIdentifierOctets();
        assertThat(authorityKeyId).isEqualTo(caKeyId);
        assertThat(new JcaX509CertificateHolder(cert)
                        .getExtension(Extension.keyUsage)
                        .isCritical())
                .isTrue();
        // Fabric's MSP checks the chain as of the identity's NotBefore: it must not predate its CA's
        assertThat(cert.getNotBefore()).isAfterOrEqualTo(ca.getNotBefore());
    }

    @Test
    void itsProfileIsItsOrganisationsUser1ProfileWithTheNewCertificateAndKey() throws Exception {
        ClientIdentities.Issued issued = new ClientIdentities(dataDir, dataDir.resolve("identities"))
                .issue(
                        "Hospital",
                        "bench-hospital-002@hospital.medfed.local",
                        "bench-hospital-002",
                        "issued by a test");

        ConnectionProfile profile = ConnectionProfile.load(issued.profile());
        ConnectionProfile user1 = ConnectionProfile.load(dataDir.resolve("profiles/hospital-user1.properties"));
        assertThat(profile.name()).isEqualTo("bench-hospital-002");
        assertThat(profile.certificate()).isEqualTo(issued.certificate());
        assertThat(profile.privateKey()).isEqualTo(issued.privateKey());
        assertThat(profile.mspId()).isEqualTo("HospitalMSP").isEqualTo(issued.mspId());
        assertThat(profile.peerEndpoint()).isEqualTo(user1.peerEndpoint());
        assertThat(profile.tlsCaCert()).isEqualTo(user1.tlsCaCert());
        assertThat(profile.ipfsApi()).isEqualTo(user1.ipfsApi());
        assertThat(issued.profile().getParent()).isEqualTo(dataDir.resolve("identities/bench-hospital-002"));
        try (Reader key = Files.newBufferedReader(issued.privateKey())) {
            assertThat(Identities.readPrivateKey(key).getAlgorithm()).isEqualTo("EC");
        }
    }

    @Test
    void theSameNameIssuedAgainIsTheSameParticipantWithNewKeys() throws Exception {
        ClientIdentities issuer = new ClientIdentities(dataDir, dataDir.resolve("identities"));
        var first = issuer.issue("Hospital", "x@hospital.medfed.local", "x", "first");
        String firstKey = Files.readString(first.privateKey());
        String firstId = ParticipantIds.of("HospitalMSP", CertificateSubjects.of(first.certificate()));
        var second = issuer.issue("Hospital", "x@hospital.medfed.local", "x", "second");

        assertThat(Files.readString(second.privateKey())).isNotEqualTo(firstKey);
        assertThat(ParticipantIds.of("HospitalMSP", CertificateSubjects.of(second.certificate())))
                .isEqualTo(firstId);
    }

    @Test
    void itsFolderKeyAndProfileAreItsOwnersOnlyAlsoWhenIssuedAgain() throws Exception {
        ClientIdentities issuer = new ClientIdentities(dataDir, dataDir.resolve("identities"));
        var first = issuer.issue("Clinic", "y@clinic.medfed.local", "y", "first");
        for (Path file : List.of(first.privateKey(), first.profile(), first.certificate())) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
        Files.setPosixFilePermissions(first.profile().getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));

        var issued = issuer.issue("Clinic", "y@clinic.medfed.local", "y", "second");

        for (Path file : List.of(issued.privateKey(), issued.profile(), issued.certificate())) {
            assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
        }
        assertThat(mode(issued.profile().getParent())).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("identities"))).isEqualTo("rwx------");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void anOrganisationWithoutItsCryptogenCaIsNamed() {
        ClientIdentities issuer = new ClientIdentities(dataDir, dataDir.resolve("identities"));

        assertThatThrownBy(() -> issuer.issue("Lab", "a@lab.medfed.local", "a", "test"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("Lab")
                .hasMessageContaining("network/network.sh up");
    }

    private static X509Certificate read(Path pem) throws Exception {
        try (Reader in = Files.newBufferedReader(pem)) {
            return Identities.readX509Certificate(in);
        }
    }
}
