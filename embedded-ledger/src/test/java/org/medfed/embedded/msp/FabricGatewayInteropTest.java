package org.medfed.embedded.msp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.embedded.config.NetworkLayout;

/** The unchanged fabric-gateway client reads the generated files and is understood by the membership. */
class FabricGatewayInteropTest {

    @TempDir
    static Path dir;

    static NetworkLayout layout;

    @BeforeAll
    static void generateNetwork() {
        layout = TestNetworks.layout(dir, "Hospital");
        CryptoGenerator.generate(layout);
    }

    @Test
    void clientReadsEveryGeneratedCertificateAndKey() throws Exception {
        List<Path> files = files(layout.orgDir("Hospital"));
        for (Path file : files) {
            String name = file.getFileName().toString();
            try (Reader reader = Files.newBufferedReader(file)) {
                if (name.equals("priv_sk") || name.endsWith(".key")) {
                    // "ECDSA" once a test in this JVM has registered BouncyCastle (the chaincode shim does), else "EC".
                    assertThat(Identities.readPrivateKey(reader).getAlgorithm())
                            .as(name)
                            .isIn("EC", "ECDSA");
                } else if (file.getParent().getFileName().toString().equals(RevocationLists.FOLDER)) {
                    assertThat(Pem.parseCrl(Files.readString(file))).as(name).isNotNull(); // the client reads none
                } else if (name.endsWith(".pem") || name.endsWith(".crt")) {
                    assertThat(Identities.readX509Certificate(reader)).as(name).isNotNull();
                }
            }
        }
        assertThat(files).hasSizeGreaterThan(30);
    }

    /** What a profile (network/scripts/profiles.sh) gives the client: signcerts/*.pem and keystore/*. */
    @Test
    void clientIdentityAndSignatureAreAcceptedAsFabricWould() throws Exception {
        X509Certificate certificate = user1Certificate();
        PrivateKey key = user1Key();
        X509Identity client = new X509Identity("HospitalMSP", certificate);
        byte[] proposal = "proposal bytes".getBytes(StandardCharsets.UTF_8);
        // the client signs the SHA-256 digest it computes itself, as ProposalBuilder does
        byte[] signature = Signers.newPrivateKeySigner(key)
                .sign(MessageDigest.getInstance("SHA-256").digest(proposal));

        FileMembership membership = FileMembership.load(layout);
        Identity identity =
                membership.validate(TestNetworks.serialized(client.getMspId(), client.getCredentials()), Instant.now());

        assertThat(identity.role()).isEqualTo(Role.CLIENT);
        assertThat(membership.verify(identity, proposal, signature)).isTrue();
    }

    /** The digest signer a simulation gives its fabric-gateway clients: the same signatures a peer accepts. */
    @Test
    void aDigestSignedWithBouncyCastleIsAcceptedAsTheGatewaySignersIs() throws Exception {
        X509Certificate certificate = user1Certificate();
        PrivateKey key = user1Key();
        FileMembership membership = FileMembership.load(layout);
        Identity identity = membership.validate(
                TestNetworks.serialized("HospitalMSP", new X509Identity("HospitalMSP", certificate).getCredentials()),
                Instant.now());
        for (int i = 0; i < 20; i++) {
            byte[] message = ("transaction " + i).getBytes(StandardCharsets.UTF_8);
            byte[] signature = EcdsaSignatures.signDigest(
                    key, MessageDigest.getInstance("SHA-256").digest(message));

            assertThat(membership.verify(identity, message, signature))
                    .as("signature %d", i)
                    .isTrue();
            assertThat(EcdsaSignatures.isLowS(EcdsaSignatures.order(key), EcdsaSignatures.decode(signature)[1]))
                    .isTrue();
        }
    }

    /** What a profile (network/scripts/profiles.sh) points at: User1's signcerts/*.pem and keystore/*. */
    private static X509Certificate user1Certificate() throws Exception {
        try (Reader in = Files.newBufferedReader(
                files(layout.userMspDir("Hospital", "User1").resolve("signcerts"))
                        .get(0))) {
            return Identities.readX509Certificate(in);
        }
    }

    private static PrivateKey user1Key() throws Exception {
        try (Reader in = Files.newBufferedReader(
                files(layout.userMspDir("Hospital", "User1").resolve("keystore"))
                        .get(0))) {
            return Identities.readPrivateKey(in);
        }
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
