package org.medfed.embedded.msp;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.protos.gateway.EvaluateRequest;
import org.hyperledger.fabric.protos.gateway.GatewayGrpc;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.embedded.config.NetworkLayout;

class TlsMaterialTest {

    @TempDir
    static Path dir;

    static TlsMaterial tls;

    @BeforeAll
    static void generateNetwork() {
        NetworkLayout layout = TestNetworks.layout(dir, "Hospital");
        CryptoGenerator.generate(layout);
        tls = TlsMaterial.peer(layout, "Hospital");
    }

    @Test
    void pointsAtThePeersServerFiles() {
        assertThat(tls.certificateChain()).hasFileName("server.crt").isRegularFile();
        assertThat(tls.privateKey()).hasFileName("server.key").isRegularFile();
        assertThat(tls.trustedCa()).hasFileName("ca.crt").isRegularFile();
    }

    @Test
    void nettyReadsTheServerCertificateAndKey() throws Exception {
        SslContext context = SslContextBuilder.forServer(
                        tls.certificateChain().toFile(), tls.privateKey().toFile())
                .build();

        assertThat(context.isServer()).isTrue();
    }

    /** The handshake a client with the profile's tlsCaCert makes to 127.0.0.1 and localhost (the SANs). */
    @Test
    void servesGrpcToClientsTrustingTheTlsCa() throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(tls.grpcServerContext())
                .build()
                .start();
        try {
            for (String host : new String[] {"127.0.0.1", "localhost"}) {
                assertThat(evaluateStatus(host, server.getPort(), tls.trustedCa()))
                        .as("no service registered, so a completed handshake ends in UNIMPLEMENTED")
                        .isEqualTo(Status.Code.UNIMPLEMENTED);
            }
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void clientsTrustingAnotherCaAreRefused(@TempDir Path elsewhere) throws Exception {
        Path stranger = elsewhere.resolve("org");
        CryptoGenerator.generateOrg(stranger, "Hospital", Validity.cryptogenDefault(Instant.now()));
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .sslContext(tls.grpcServerContext())
                .build()
                .start();
        try {
            Path strangerCa = stranger.resolve("tlsca/tlsca.hospital.medfed.local-cert.pem");
            assertThat(evaluateStatus("127.0.0.1", server.getPort(), strangerCa))
                    .isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Status.Code evaluateStatus(String host, int port, Path trustedCa) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port)
                .sslContext(GrpcSslContexts.forClient()
                        .trustManager(trustedCa.toFile())
                        .build())
                .build();
        try {
            GatewayGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .evaluate(EvaluateRequest.getDefaultInstance());
            throw new AssertionError("an empty server answered");
        } catch (StatusRuntimeException e) {
            return e.getStatus().getCode();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
