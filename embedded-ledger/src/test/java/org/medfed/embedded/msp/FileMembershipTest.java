package org.medfed.embedded.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.embedded.config.NetworkLayout;

class FileMembershipTest {

    private static final Instant NOW = Instant.now();
    private static final byte[] MESSAGE = "proposal bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    static NetworkLayout layout;
    static FileMembership membership;

    @BeforeAll
    static void generateNetwork() {
        layout = TestNetworks.layout(dir, "Hospital", "Clinic");
        CryptoGenerator.generate(layout);
        membership = FileMembership.load(layout);
    }

    private static byte[] user(String org, String user) {
        return TestNetworks.serializedUser(NetworkLayout.mspId(org), layout.userMspDir(org, user));
    }

    @Nested
    class Validate {

        @Test
        void knowsTheOrganisationsInJoinOrder() {
            assertThat(membership.mspIds()).containsExactly("HospitalMSP", "ClinicMSP");
        }

        @Test
        void givesEachIdentityItsNodeOuRole() throws IdentityException {
            assertThat(membership.validate(user("Hospital", "User1"), NOW).role())
                    .isEqualTo(Role.CLIENT);
            assertThat(membership.validate(user("Hospital", "Admin"), NOW).role())
                    .isEqualTo(Role.ADMIN);
            assertThat(membership.validate(user("Clinic", "User1"), NOW).role()).isEqualTo(Role.CLIENT);
            Identity peer =
                    membership.validate(membership.peerSigner("ClinicMSP").serializedIdentity(), NOW);
            assertThat(peer.role()).isEqualTo(Role.PEER);
            assertThat(peer.mspId()).isEqualTo("ClinicMSP");
        }

        @Test
        void keepsTheBytesTheIdentityCameAs() throws IdentityException {
            byte[] serialized = user("Hospital", "User1");

            Identity identity = membership.validate(serialized, NOW);

            assertThat(identity.serialized()).isEqualTo(serialized);
            assertThat(identity.certificate().getSubjectX500Principal().getName())
                    .startsWith("CN=User1@");
        }

        @Test
        void refusesAnExpiredCertificate() {
            // Issued while its CA was valid (Fabric checks the chain as of the identity's NotBefore), expired since.
            Validity ca = CryptoGenerator.authorityValidity(layout.orgDir("Hospital"), "Hospital");
            Path msp = CryptoGenerator.issueUser(
                    layout.orgDir("Hospital"),
                    "Hospital",
                    "Expired",
                    new Validity(ca.notBefore(), NOW.minusSeconds(1)));

            assertThatThrownBy(() -> membership.validate(TestNetworks.serializedUser("HospitalMSP", msp), NOW))
                    .isInstanceOf(IdentityException.class)
                    .hasMessageContaining("the supplied identity is not valid: x509: certificate has expired or is "
                            + "not yet valid: current time")
                    .hasMessageContaining(" is after ");
        }

        @Test
        void refusesACertificateDatedBeforeItsCa() {
            Validity ca = CryptoGenerator.authorityValidity(layout.orgDir("Clinic"), "Clinic");
            Instant early = ca.notBefore().minus(Duration.ofHours(1));
            Path msp = CryptoGenerator.issueUser(
                    layout.orgDir("Clinic"), "Clinic", "Early", new Validity(early, NOW.plus(Duration.ofDays(1))));

            // Valid now, and so is its CA: but not at the identity's NotBefore, where Fabric verifies the chain.
            assertThatThrownBy(() -> membership.validate(TestNetworks.serializedUser("ClinicMSP", msp), NOW))
                    .isInstanceOf(MalformedIdentityException.class)
                    .hasMessage("could not obtain certification chain: failed getting validation chain: the supplied "
                            + "identity is not valid: x509: certificate signed by unknown authority (possibly because "
                            + "of \"x509: certificate has expired or is not yet valid: current time "
                            + early.plusSeconds(1) + " is before " + ca.notBefore()
                            + "\" while trying to verify candidate authority certificate \"ca.clinic.medfed.local\")");
        }

        @Test
        void acceptsACertificateDatedAtItsCasNotBefore() throws IdentityException {
            Validity ca = CryptoGenerator.authorityValidity(layout.orgDir("Clinic"), "Clinic");
            Path msp = CryptoGenerator.issueUser(
                    layout.orgDir("Clinic"), "Clinic", "OnTime", new Validity(ca.notBefore(), ca.notAfter()));

            assertThat(membership
                            .validate(TestNetworks.serializedUser("ClinicMSP", msp), NOW)
                            .role())
                    .isEqualTo(Role.CLIENT);
        }

        @Test
        void refusesTheRevokedTestIdentityAndOnlyIt() throws IdentityException {
            assertThatThrownBy(() -> membership.validate(user("Hospital", CryptoGenerator.REVOKED_USER), NOW))
                    .isInstanceOf(IdentityException.class)
                    .isNotInstanceOf(MalformedIdentityException.class) // Fabric deserializes it, then refuses it
                    .hasMessage("could not validate identity against certification chain: The certificate has been "
                            + "revoked");
            assertThatThrownBy(() -> membership.validate(user("Clinic", CryptoGenerator.REVOKED_USER), NOW))
                    .hasMessageEndingWith("The certificate has been revoked");
            assertThat(membership.validate(user("Hospital", "User1"), NOW).role())
                    .isEqualTo(Role.CLIENT);
        }

        @Test
        void refusesACertificateBeforeItsValidity() {
            assertThatThrownBy(() -> membership.validate(user("Hospital", "User1"), NOW.minus(Duration.ofDays(1))))
                    .hasMessageContaining("x509: certificate has expired or is not yet valid");
        }

        @Test
        void refusesACertificateOfAnUnknownCa(@TempDir Path elsewhere) {
            Path stranger = elsewhere.resolve(NetworkLayout.orgDomain("Hospital"));
            CryptoGenerator.generateOrg(stranger, "Hospital", Validity.cryptogenDefault(NOW));
            Path strangerUser = stranger.resolve("users/User1@hospital.medfed.local/msp");

            assertThatThrownBy(() -> membership.validate(TestNetworks.serializedUser("HospitalMSP", strangerUser), NOW))
                    .isInstanceOf(MalformedIdentityException.class)
                    .hasMessageContaining(
                            "the supplied identity is not valid: x509: certificate signed by unknown " + "authority");
        }

        @Test
        void refusesAnotherOrganisationsCertificateUnderItsMspId() {
            byte[] clinicCertificateAsHospital =
                    TestNetworks.serializedUser("HospitalMSP", layout.userMspDir("Clinic", "User1"));

            assertThatThrownBy(() -> membership.validate(clinicCertificateAsHospital, NOW))
                    .isInstanceOf(MalformedIdentityException.class)
                    .hasMessageContaining("certificate signed by unknown authority");
        }

        @Test
        void refusesAnMspThatIsNotOnTheChannel() {
            byte[] unknown = TestNetworks.serializedUser("LabMSP", layout.userMspDir("Clinic", "User1"));

            assertThatThrownBy(() -> membership.validate(unknown, NOW))
                    .isInstanceOf(MalformedIdentityException.class)
                    .hasMessage("MSP LabMSP is not defined on channel");
        }

        @Test
        void refusesACertificateWithoutNodeOuRole() {
            Path msp = CryptoGenerator.issueUser(
                    layout.orgDir("Clinic"), "Clinic", "NoRole", List.of("research"), Validity.cryptogenDefault(NOW));

            assertThatThrownBy(() -> membership.validate(TestNetworks.serializedUser("ClinicMSP", msp), NOW))
                    .hasMessageStartingWith("could not validate identity's OUs: the identity must be a client, a peer, "
                            + "an orderer or an admin identity to be valid")
                    .hasMessageEndingWith(", MSP: [ClinicMSP]")
                    .hasMessageContaining("OUs: [research(");
        }

        @Test
        void refusesBytesThatAreNotAPemCertificate() {
            assertThatThrownBy(() -> membership.validate(
                            TestNetworks.serialized(
                                    "ClinicMSP", "not a certificate".getBytes(StandardCharsets.US_ASCII)),
                            NOW))
                    .isInstanceOf(IdentityException.class)
                    .hasMessageStartingWith("could not parse certificate");
            assertThatThrownBy(() -> membership.validate(new byte[] {(byte) 0xff}, NOW))
                    .hasMessageStartingWith("could not deserialize a SerializedIdentity");
        }
    }

    /** The CRLs of msp/crls, each case on a network of its own (Hospital and Clinic) whose folders it changes. */
    @Nested
    class Revocation {

        @TempDir
        Path own;

        NetworkLayout network;

        @org.junit.jupiter.api.BeforeEach
        void generate() {
            network = TestNetworks.layout(own, "Hospital", "Clinic");
            CryptoGenerator.generate(network);
        }

        private byte[] ownUser(String org, String user) {
            return TestNetworks.serializedUser(NetworkLayout.mspId(org), network.userMspDir(org, user));
        }

        private CertificateAuthority ca(String org) {
            Path dir = network.orgDir(org).resolve("ca");
            String name = OrgFolders.caName(NetworkLayout.orgDomain(org));
            return CertificateAuthority.load(dir.resolve(OrgFolders.certificateFileName(name)), dir.resolve("priv_sk"));
        }

        private java.math.BigInteger serial(String org, String user) {
            return Pem.readOnlyCertificate(network.userMspDir(org, user).resolve("signcerts"))
                    .getSerialNumber();
        }

        private void addCrl(String org, String file, String pem) throws java.io.IOException {
            java.nio.file.Files.writeString(
                    network.orgMspDir(org).resolve("crls").resolve(file), pem);
        }

        /** A CRL naming {@code issuer} and revoking {@code serial}, with the given AKI (null: none), signed by key. */
        private String crl(
                CertificateAuthority issuer, java.math.BigInteger serial, byte[] authorityKeyId, PrivateKey signingKey)
                throws Exception {
            var builder = new org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder(
                    issuer.certificate(), java.util.Date.from(NOW));
            builder.addCRLEntry(serial, java.util.Date.from(NOW), 0);
            if (authorityKeyId != null) {
                builder.addExtension(
                        org.bouncycastle.asn1.x509.Extension.authorityKeyIdentifier,
                        false,
                        new org.bouncycastle.asn1.x509.AuthorityKeyIdentifier(authorityKeyId));
            }
            var signer =
                    new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA").build(signingKey);
            return Pem.crl(new org.bouncycastle.cert.jcajce.JcaX509CRLConverter().getCRL(builder.build(signer)));
        }

        @Test
        void aRevocationTakesEffectWhenTheMembershipIsLoadedAgain() throws Exception {
            FileMembership before = FileMembership.load(network);
            CertificateAuthority hospital = ca("Hospital");
            addCrl("Hospital", "user1.pem", Pem.crl(hospital.revoke(List.of(serial("Hospital", "User1")), NOW)));

            assertThat(before.validate(ownUser("Hospital", "User1"), NOW).role())
                    .isEqualTo(Role.CLIENT);
            FileMembership after = FileMembership.load(network);
            assertThatThrownBy(() -> after.validate(ownUser("Hospital", "User1"), NOW))
                    .hasMessageEndingWith("The certificate has been revoked");
            assertThat(after.validate(ownUser("Hospital", "Admin"), NOW).role()).isEqualTo(Role.ADMIN);
        }

        @Test
        void aCrlOfAnotherCaRevokesNothing() throws Exception {
            // The Clinic's CA "revokes" the Hospital's User1 in the Hospital's folder: its AKI names another CA.
            addCrl("Hospital", "clinic.pem", Pem.crl(ca("Clinic").revoke(List.of(serial("Hospital", "User1")), NOW)));

            assertThat(FileMembership.load(network)
                            .validate(ownUser("Hospital", "User1"), NOW)
                            .role())
                    .isEqualTo(Role.CLIENT);
        }

        @Test
        void aCrlThatItsCaDidNotSignIsIgnored() throws Exception {
            CertificateAuthority hospital = ca("Hospital");
            CertificateAuthority forger = CertificateAuthority.create(
                    "ca.hospital.medfed.local", "hospital.medfed.local", Validity.cryptogenDefault(NOW));
            addCrl(
                    "Hospital",
                    "forged.pem",
                    crl(
                            hospital,
                            serial("Hospital", "User1"),
                            CertificateAuthority.keyIdentifier(hospital.certificate()),
                            forger.credentials().privateKey()));

            assertThat(FileMembership.load(network)
                            .validate(ownUser("Hospital", "User1"), NOW)
                            .role())
                    .isEqualTo(Role.CLIENT);
        }

        @Test
        void aCrlWithoutAuthorityKeyIdentifierRefusesEveryIdentityOfItsMsp() throws Exception {
            CertificateAuthority hospital = ca("Hospital");
            addCrl(
                    "Hospital",
                    "no-aki.pem",
                    crl(
                            hospital,
                            java.math.BigInteger.TEN,
                            null,
                            hospital.credentials().privateKey()));

            FileMembership loaded = FileMembership.load(network);

            assertThatThrownBy(() -> loaded.validate(ownUser("Hospital", "User1"), NOW))
                    .hasMessage("could not validate identity against certification chain: could not obtain Authority "
                            + "Key Identifier for crl: authorityKeyIdentifier not found in certificate");
            assertThat(loaded.validate(ownUser("Clinic", "User1"), NOW).role()).isEqualTo(Role.CLIENT);
        }

        @Test
        void aFileWithoutPemIsSkippedButAPemThatIsNotACrlMakesTheMspUnusable() throws Exception {
            addCrl("Hospital", "README", "revocation lists of the Hospital's CA\n");
            FileMembership loaded = FileMembership.load(network);
            assertThatThrownBy(() -> loaded.validate(ownUser("Hospital", CryptoGenerator.REVOKED_USER), NOW))
                    .hasMessageEndingWith("The certificate has been revoked");

            addCrl("Hospital", "cert.pem", Pem.certificate(ca("Hospital").certificate()));
            assertThatThrownBy(() -> FileMembership.load(network))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("could not parse RevocationList ");
        }
    }

    @Nested
    class Verify {

        private Identity user1() throws IdentityException {
            return membership.validate(user("Hospital", "User1"), NOW);
        }

        private PrivateKey user1Key() {
            return Pem.readPrivateKey(layout.userMspDir("Hospital", "User1").resolve("keystore/priv_sk"));
        }

        @Test
        void acceptsTheIdentitysSignature() throws IdentityException {
            assertThat(membership.verify(user1(), MESSAGE, EcdsaSignatures.sign(user1Key(), MESSAGE)))
                    .isTrue();
        }

        @Test
        void refusesATamperedMessage() throws IdentityException {
            byte[] signature = EcdsaSignatures.sign(user1Key(), MESSAGE);

            assertThat(membership.verify(user1(), "proposal byteS".getBytes(StandardCharsets.UTF_8), signature))
                    .isFalse();
        }

        @Test
        void refusesAnotherIdentitysSignature() throws IdentityException {
            byte[] adminSignature = EcdsaSignatures.sign(
                    Pem.readPrivateKey(layout.userMspDir("Hospital", "Admin").resolve("keystore/priv_sk")), MESSAGE);

            assertThat(membership.verify(user1(), MESSAGE, adminSignature)).isFalse();
        }

        @Test
        void refusesTheHighSTwinOfAValidSignature() throws Exception {
            Identity user1 = user1();
            BigInteger[] rs = EcdsaSignatures.decode(EcdsaSignatures.sign(user1Key(), MESSAGE));
            BigInteger n = EcdsaSignatures.order(user1.certificate().getPublicKey());
            byte[] highS = EcdsaSignatures.encode(rs[0], n.subtract(rs[1]));

            assertThat(rs[1]).isLessThanOrEqualTo(n.shiftRight(1));
            assertThat(membership.verify(user1, MESSAGE, highS)).isFalse();
        }

        @Test
        void refusesSomethingThatIsNotADerSignature() throws IdentityException {
            byte[] signature = EcdsaSignatures.sign(user1Key(), MESSAGE);
            byte[] trailing = java.util.Arrays.copyOf(signature, signature.length + 1);

            assertThat(membership.verify(user1(), MESSAGE, trailing)).isFalse();
            assertThat(membership.verify(user1(), MESSAGE, new byte[] {1, 2, 3}))
                    .isFalse();
        }
    }

    @Nested
    class PeerSigning {

        @Test
        void signsLowSSignaturesThatVerifyWithThePeersCertificate() throws Exception {
            Signer peer = membership.peerSigner("HospitalMSP");
            Identity identity = membership.validate(peer.serializedIdentity(), NOW);
            BigInteger halfOrder =
                    EcdsaSignatures.order(identity.certificate().getPublicKey()).shiftRight(1);

            for (int i = 0; i < 32; i++) { // about half of raw ECDSA signatures are high-S
                byte[] message = ("endorsement " + i).getBytes(StandardCharsets.UTF_8);
                byte[] signature = peer.sign(message);
                assertThat(EcdsaSignatures.decode(signature)[1]).isLessThanOrEqualTo(halfOrder);
                assertThat(membership.verify(identity, message, signature)).isTrue();
            }
        }

        @Test
        void serialisesThePeerCertificateAsPem() throws IdentityException {
            Identity identity =
                    membership.validate(membership.peerSigner("HospitalMSP").serializedIdentity(), NOW);

            assertThat(identity.certificate())
                    .isEqualTo(Pem.readOnlyCertificate(
                            layout.peerMspDir("Hospital").resolve("signcerts")));
        }

        @Test
        void refusesAnUnknownMsp() {
            assertThatThrownBy(() -> membership.peerSigner("LabMSP")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void loadingAgainPicksUpAnOrganisationAddedLater(@TempDir Path other) throws Exception {
        NetworkLayout grown = TestNetworks.layout(other, "Hospital");
        CryptoGenerator.generate(grown);
        java.nio.file.Files.writeString(grown.dataDir().resolve("orgs.list"), "Hospital\nLab\n");
        CryptoGenerator.generate(grown);

        FileMembership reloaded = FileMembership.load(grown);

        assertThat(reloaded.mspIds()).containsExactly("HospitalMSP", "LabMSP");
        assertThat(reloaded.validate(TestNetworks.serializedUser("LabMSP", grown.userMspDir("Lab", "User1")), NOW)
                        .role())
                .isEqualTo(Role.CLIENT);
    }
}
