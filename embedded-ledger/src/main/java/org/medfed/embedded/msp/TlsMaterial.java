package org.medfed.embedded.msp;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import javax.net.ssl.SSLException;
import org.medfed.embedded.config.NetworkLayout;

/**
 * A TLS server's files: its certificate (chain) and PKCS#8 PEM private key, and the CA its clients trust.
 *
 * @param certificateChain PEM certificate, e.g. tls/server.crt
 * @param privateKey PKCS#8 PEM key, e.g. tls/server.key
 * @param trustedCa PEM CA certificate clients verify the server with, e.g. tls/ca.crt (the profiles' tlsCaCert)
 */
public record TlsMaterial(Path certificateChain, Path privateKey, Path trustedCa) {

    /** The TLS files of the organisation's peer0 (NetworkLayout.peerTlsDir). */
    public static TlsMaterial peer(NetworkLayout layout, String org) {
        Path tls = layout.peerTlsDir(org);
        return new TlsMaterial(tls.resolve("server.crt"), tls.resolve("server.key"), tls.resolve("ca.crt"));
    }

    /**
     * A server context for gRPC (HTTP/2 over ALPN), for {@code NettyServerBuilder.sslContext}. Clients are not asked
     * for certificates, as Fabric peers by default (peer.tls.clientAuthRequired: false).
     */
    public SslContext grpcServerContext() throws SSLException {
        return GrpcSslContexts.forServer(certificateChain.toFile(), privateKey.toFile())
                .build();
    }
}
