package org.medfed.embedded.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.embedded.Main;
import org.medfed.embedded.config.NetworkLayout;
import picocli.CommandLine;

class CryptoGeneratorTest {

    private static final String D = "hospital.medfed.local";

    @TempDir
    Path dir;

    @Test
    void writesEveryFileOfCryptogensLayout() throws IOException {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        CryptoGenerator.generate(layout);

        List<String> expected = new ArrayList<>(List.of(
                "ca/ca." + D + "-cert.pem",
                "ca/priv_sk",
                "tlsca/tlsca." + D + "-cert.pem",
                "tlsca/priv_sk",
                "peers/peer0." + D + "/msp/signcerts/peer0." + D + "-cert.pem",
                "peers/peer0." + D + "/msp/keystore/priv_sk",
                "peers/peer0." + D + "/tls/ca.crt",
                "peers/peer0." + D + "/tls/server.crt",
                "peers/peer0." + D + "/tls/server.key"));
        expected.addAll(verifyingMsp("msp"));
        expected.addAll(verifyingMsp("peers/peer0." + D + "/msp"));
        expected.add("msp/crls/crl.pem");
        for (String user : List.of("Admin", "User1", CryptoGenerator.REVOKED_USER)) {
            String userDir = "users/" + user + "@" + D;
            expected.addAll(verifyingMsp(userDir + "/msp"));
            expected.addAll(List.of(
                    userDir + "/msp/signcerts/" + user + "@" + D + "-cert.pem",
                    userDir + "/msp/keystore/priv_sk",
                    userDir + "/tls/ca.crt",
                    userDir + "/tls/client.crt",
                    userDir + "/tls/client.key"));
        }
        assertThat(filesUnder(layout.orgDir("Hospital"))).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(layout.orgDir("Hospital").getParent())
                .isEqualTo(layout.cryptoDir().resolve("peerOrganizations"));
    }

    private static List<String> verifyingMsp(String msp) {
        return List.of(
                msp + "/cacerts/ca." + D + "-cert.pem",
                msp + "/tlscacerts/tlsca." + D + "-cert.pem",
                msp + "/config.yaml");
    }

    @Test
    void configYamlMapsTheFourNodeOusToTheOrganisationsCa() throws IOException {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        CryptoGenerator.generate(layout);

        String yaml = Files.readString(layout.orgMspDir("Hospital").resolve("config.yaml"));
        assertThat(yaml)
                .startsWith("NodeOUs:\n  Enable: true\n")
                .contains("  PeerOUIdentifier:\n    Certificate: cacerts/ca." + D + "-cert.pem\n"
                        + "    OrganizationalUnitIdentifier: peer\n");
        assertThat(NodeOus.rolesByOu(layout.orgMspDir("Hospital")))
                .isEqualTo(
                        Map.of("client", Role.CLIENT, "peer", Role.PEER, "admin", Role.ADMIN, "orderer", Role.ORDERER));
    }

    @Test
    void keepsExistingOrganisationsAndAddsOnlyNewOnes() throws IOException {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        CryptoGenerator.generate(layout);
        Map<String, byte[]> before = contents(layout.orgDir("Hospital"));

        Files.writeString(layout.dataDir().resolve("orgs.list"), "Hospital\nClinic\n"); // add-org Clinic
        CryptoGenerator.generate(layout);

        assertThat(contents(layout.orgDir("Hospital")))
                .containsOnlyKeys(before.keySet())
                .allSatisfy((file, bytes) -> assertThat(bytes).as(file).isEqualTo(before.get(file)));
        assertThat(layout.peerDir("Clinic")).isDirectory();
        assertThat(Files.list(layout.orgDir("Clinic").getParent())
                        .map(p -> p.getFileName().toString()))
                .as("no scratch folder left")
                .containsExactlyInAnyOrder(D, "clinic.medfed.local");
    }

    @Test
    void refusesToWriteOverAnOrganisationFolderWithoutPeer() throws IOException {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        Files.createDirectories(layout.orgDir("Hospital"));

        assertThatThrownBy(() -> CryptoGenerator.generate(layout))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("exists without its peer");
    }

    @Test
    void replacesWhatACrashedGenerationLeftInItsScratchFolder() throws IOException {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        Path scratch = layout.orgDir("Hospital").resolveSibling("." + D + ".partial");
        Files.createDirectories(scratch.resolve("ca"));
        Files.writeString(scratch.resolve("ca/priv_sk"), "half written");

        CryptoGenerator.generate(layout);

        assertThat(scratch).doesNotExist();
        assertThat(Files.readString(layout.orgDir("Hospital").resolve("ca/priv_sk")))
                .startsWith("-----BEGIN PRIVATE KEY-----\n");
    }

    @Test
    void certificatesHaveCryptogensSubjectsAndExtensions() throws Exception {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        CryptoGenerator.generate(layout);
        Path org = layout.orgDir("Hospital");
        X509Certificate ca = Pem.readCertificate(org.resolve("ca/ca." + D + "-cert.pem"));
        X509Certificate user =
                Pem.readOnlyCertificate(layout.userMspDir("Hospital", "User1").resolve("signcerts"));
        X509Certificate admin =
                Pem.readOnlyCertificate(layout.userMspDir("Hospital", "Admin").resolve("signcerts"));
        X509Certificate peer =
                Pem.readOnlyCertificate(layout.peerMspDir("Hospital").resolve("signcerts"));
        X509Certificate tls = Pem.readCertificate(layout.peerTlsDir("Hospital").resolve("server.crt"));

        assertThat(ca.getSubjectX500Principal().getName())
                .isEqualTo("CN=ca." + D + ",O=" + D + ",L=San Francisco,ST=California,C=US");
        assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE); // CA without path length limit
        // digitalSignature, keyEncipherment, keyCertSign, cRLSign
        assertThat(ca.getKeyUsage()).containsExactly(true, false, true, false, false, true, true, false, false);
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(Duration.between(
                        ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
                .isEqualTo(Duration.ofDays(3650));
        byte[] caKeyId = keyIdentifier(ca);
        assertThat(caKeyId).hasSize(32);

        assertThat(user.getSubjectX500Principal().getName())
                .isEqualTo("CN=User1@" + D + ",OU=client,L=San Francisco,ST=California,C=US");
        assertThat(admin.getSubjectX500Principal().getName()).startsWith("CN=Admin@" + D + ",OU=admin,");
        assertThat(peer.getSubjectX500Principal().getName()).startsWith("CN=peer0." + D + ",OU=peer,");
        assertThat(user.getBasicConstraints()).isEqualTo(-1);
        assertThat(user.getKeyUsage()[0]).isTrue();
        assertThat(user.getExtendedKeyUsage()).isNull();
        assertThat(authorityKeyIdentifier(user)).isEqualTo(caKeyId);
        user.verify(ca.getPublicKey());

        assertThat(tls.getSubjectX500Principal().getName())
                .isEqualTo("CN=peer0." + D + ",L=San Francisco,ST=California,C=US");
        assertThat(tls.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(tls.getSubjectAlternativeNames())
                .extracting(name -> (Object) name.get(1))
                .containsExactly((Object) ("peer0." + D), "peer0", "localhost", "127.0.0.1");
        tls.verify(Pem.readCertificate(layout.peerTlsDir("Hospital").resolve("ca.crt"))
                .getPublicKey());
    }

    @Test
    void issuesAnExpiredUserFromTheOrganisationsCa() throws Exception {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        CryptoGenerator.generate(layout);
        Instant end = Instant.parse("2020-01-01T00:00:00Z");

        Path msp = CryptoGenerator.issueUser(
                layout.orgDir("Hospital"), "Hospital", "Expired", new Validity(end.minus(Duration.ofDays(1)), end));

        assertThat(msp).isEqualTo(layout.userMspDir("Hospital", "Expired"));
        X509Certificate expired = Pem.readOnlyCertificate(msp.resolve("signcerts"));
        assertThat(expired.getNotAfter().toInstant()).isEqualTo(end);
        expired.verify(Pem.readOnlyCertificate(layout.orgMspDir("Hospital").resolve("cacerts"))
                .getPublicKey());
        assertThat(msp.resolveSibling("tls").resolve("client.key")).isRegularFile();
    }

    @Test
    void everyFolderIsItsOwnersOnlyAndEveryPrivateKeyToo() throws IOException {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        CryptoGenerator.generate(layout);
        Path crypto = layout.cryptoDir();

        List<Path> folders;
        try (Stream<Path> all = Files.walk(crypto)) {
            folders = all.filter(Files::isDirectory).toList();
        }
        assertThat(folders).hasSizeGreaterThan(20);
        assertThat(folders)
                .allSatisfy(folder ->
                        assertThat(permissions(folder)).as(folder.toString()).isEqualTo("rwx------"));
        List<Path> keys;
        try (Stream<Path> all = Files.walk(crypto)) {
            keys = all.filter(f -> f.getFileName().toString().matches("priv_sk|.*\\.key"))
                    .toList();
        }
        assertThat(keys).hasSize(2 + 4 * 2); // two CAs; peer0, Admin, User1 and Revoked1: signing and TLS keys
        assertThat(keys)
                .allSatisfy(
                        key -> assertThat(permissions(key)).as(key.toString()).isEqualTo("rw-------"));
    }

    @Test
    void theOrganisationsCaRevokesItsRevokedTestIdentityInTheChannelMsp() throws Exception {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        CryptoGenerator.generate(layout);
        X509Certificate ca =
                Pem.readOnlyCertificate(layout.orgMspDir("Hospital").resolve("cacerts"));
        X509Certificate revoked = Pem.readOnlyCertificate(
                layout.userMspDir("Hospital", CryptoGenerator.REVOKED_USER).resolve("signcerts"));

        X509CRL crl = Pem.parseCrl(Files.readString(layout.orgMspDir("Hospital").resolve("crls/crl.pem")));

        assertThat(revoked.getSubjectX500Principal().getName())
                .isEqualTo("CN=Revoked1@" + D + ",OU=client,L=San Francisco,ST=California,C=US");
        crl.verify(ca.getPublicKey());
        assertThat(crl.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(crl.getRevokedCertificates())
                .extracting(X509CRLEntry::getSerialNumber)
                .containsExactly(revoked.getSerialNumber());
        byte[] aki = crl.getExtensionValue("2.5.29.35");
        assertThat(AuthorityKeyIdentifier.getInstance(
                                ASN1OctetString.getInstance(aki).getOctets())
                        .getKeyIdentifierOctets())
                .isEqualTo(keyIdentifier(ca));
        assertThat(Files.readString(layout.orgMspDir("Hospital").resolve("crls/crl.pem")))
                .startsWith("-----BEGIN X509 CRL-----\n");
    }

    @Test
    void revokeTestIdentityCompletesCryptogensOutputWithinItsCasValidityAndOnlyOnce() throws Exception {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        Instant caStart = Instant.now().plus(Duration.ofMinutes(10)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        CryptoGenerator.generateOrg(
                layout.orgDir("Hospital"), "Hospital", new Validity(caStart, caStart.plus(Duration.ofDays(3650))));
        Path revokedUser =
                layout.userMspDir("Hospital", CryptoGenerator.REVOKED_USER).getParent();
        Path crls = layout.orgMspDir("Hospital").resolve("crls");
        deleteTree(revokedUser); // as cryptogen leaves it: no revoked user, no CRL
        deleteTree(crls);

        int exit = new CommandLine(new Main())
                .execute(
                        "revoke-test-identity",
                        "--config",
                        dir.resolve("network.config").toString(),
                        "--data",
                        layout.dataDir().toString(),
                        "--org",
                        "Hospital");

        assertThat(exit).isZero();
        X509Certificate revoked = Pem.readOnlyCertificate(revokedUser.resolve("msp/signcerts"));
        assertThat(revoked.getNotBefore().toInstant()).as("never before its CA").isEqualTo(caStart);
        X509CRL crl = Pem.parseCrl(Files.readString(crls.resolve("crl.pem")));
        assertThat(crl.getRevokedCertificates())
                .extracting(X509CRLEntry::getSerialNumber)
                .containsExactly(revoked.getSerialNumber());
        Map<String, byte[]> before = contents(layout.orgDir("Hospital"));

        CryptoGenerator.revokeTestIdentity(layout.orgDir("Hospital"), "Hospital");
        assertThat(contents(layout.orgDir("Hospital")))
                .containsOnlyKeys(before.keySet())
                .allSatisfy((file, bytes) -> assertThat(bytes).as(file).isEqualTo(before.get(file)));

        deleteTree(crls); // a crash after the user, before the CRL: the next run revokes the same user
        CryptoGenerator.revokeTestIdentity(layout.orgDir("Hospital"), "Hospital");
        assertThat(Pem.parseCrl(Files.readString(crls.resolve("crl.pem"))).getRevokedCertificates())
                .extracting(X509CRLEntry::getSerialNumber)
                .containsExactly(revoked.getSerialNumber());
    }

    private static String permissions(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static byte[] keyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue("2.5.29.14");
        return SubjectKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(extension).getOctets())
                .getKeyIdentifier();
    }

    private static byte[] authorityKeyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue("2.5.29.35");
        return AuthorityKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(extension).getOctets())
                .getKeyIdentifierOctets();
    }

    private static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString())
                    .toList();
        }
    }

    private static Map<String, byte[]> contents(Path root) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        for (String file : filesUnder(root)) {
            out.put(file, Files.readAllBytes(root.resolve(file)));
        }
        return out;
    }
}
