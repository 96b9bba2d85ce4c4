package org.medfed.client.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.hyperledger.fabric.client.identity.Identities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real gRPC and TLS, but no Fabric: what a client sees when the peer is down or silent. */
class GatewayConnectionTest {

    @TempDir
    Path root;

    @Test
    void unreachablePeerIsReportedAsUnavailable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (GatewayConnection connection = GatewayConnection.open(profile(port))) {
            assertThatThrownBy(() -> connection.evaluate("system:getPing", "HospitalMSP"))
                    .isInstanceOfSatisfying(MedfedException.class, e -> {
                        assertThat(e.code()).isEqualTo(MedfedException.UNAVAILABLE);
                        assertThat(e.getMessage()).startsWith("peer unreachable at 127.0.0.1:" + port);
                    });
        }
    }

    @Test
    void identitiesSharingAChannelLeaveItOpenForItsOpenerToClose() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        GatewayConnection.Builder builder = GatewayConnection.builder(profile(port));
        ManagedChannel channel = builder.channel();
        try {
            GatewayConnection first = builder.connect(channel);
            GatewayConnection second = builder.connect(channel);
            assertThatThrownBy(() -> first.evaluate("system:getPing", "HospitalMSP"))
                    .isInstanceOfSatisfying(
                            MedfedException.class, e -> assertThat(e.code()).isEqualTo(MedfedException.UNAVAILABLE));
            first.close();

            assertThat(channel.isShutdown()).isFalse();
            assertThatThrownBy(() -> second.evaluate("system:getPing", "HospitalMSP"))
                    .isInstanceOfSatisfying(
                            MedfedException.class,
                            e -> assertThat(e.getMessage()).startsWith("peer unreachable at 127.0.0.1:" + port));
            second.close();
            assertThat(channel.isShutdown()).isFalse();
        } finally {
            GatewayConnection.shutdown(channel);
        }
        assertThat(channel.isShutdown()).isTrue();
    }

    @Test
    void silentPeerRunsIntoTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0);
                GatewayConnection connection = GatewayConnection.builder(profile(silent.getLocalPort()))
                        .evaluateTimeout(Duration.ofMillis(500))
                        .connect()) {
            Thread acceptor = new Thread(() -> {
                try {
                    // Holds the accepted connection open without answering, until the test is over.
                    Socket accepted = silent.accept();
                    try (accepted) {
                        Thread.sleep(10_000);
                    }
                } catch (Exception e) {
                    // test over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();

            assertThatThrownBy(() -> connection.evaluate("system:getPing", "HospitalMSP"))
                    .isInstanceOfSatisfying(
                            MedfedException.class,
                            e -> assertThat(e.code()).isEqualTo(MedfedException.DEADLINE_EXCEEDED));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            acceptor.interrupt();
        }
    }

    @Test
    void aKeyFileThatIsNotAKeyNamesTheKey() throws Exception {
        ConnectionProfile profile = profile(7051);
        Files.writeString(profile.privateKey(), "not a key");

        assertThatThrownBy(() -> GatewayConnection.open(profile))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("key 'privateKey' points to " + profile.privateKey())
                .hasMessageContaining("is not a PEM private key");
    }

    @Test
    void anExpiredCertificateSaysWhenAndWhatToDo() throws Exception {
        ConnectionProfile profile = profile(7051);
        X509Certificate certificate = certificate(profile);
        Instant after = certificate.getNotAfter().toInstant().plusSeconds(1);

        assertThatThrownBy(() -> GatewayConnection.Builder.requireValid(profile, certificate, after))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("the certificate " + profile.certificate())
                .hasMessageContaining("expired on " + certificate.getNotAfter().toInstant())
                .hasMessageContaining("enroll this identity again");
    }

    @Test
    void aCertificateFromTheFutureSaysToCheckTheClock() throws Exception {
        ConnectionProfile profile = profile(7051);
        X509Certificate certificate = certificate(profile);
        Instant before = certificate.getNotBefore().toInstant().minusSeconds(1);

        assertThatThrownBy(() -> GatewayConnection.Builder.requireValid(profile, certificate, before))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("check this machine's clock");
        GatewayConnection.Builder.requireValid(profile, certificate, before.plusSeconds(2));
    }

    @Test
    void rejectsANonPositiveDeadline() throws Exception {
        assertThatThrownBy(() -> GatewayConnection.builder(profile(7051)).submitTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static X509Certificate certificate(ConnectionProfile profile) throws Exception {
        try (var in = Files.newBufferedReader(profile.certificate())) {
            return Identities.readX509Certificate(in);
        }
    }

    private ConnectionProfile profile(int port) throws Exception {
        Map<String, String> keys = ProfileFixtures.validKeys("hospital", "HospitalMSP", port);
        return ConnectionProfile.load(ProfileFixtures.write(root, "hospital-admin.properties", keys));
    }
}
