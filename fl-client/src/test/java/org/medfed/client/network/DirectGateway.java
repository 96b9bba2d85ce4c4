package org.medfed.client.network;

import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.Reader;
import java.nio.file.Files;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.ErrorMapper;

/**
 * A fabric-gateway connection of its own for one use, for what {@code GatewayConnection} hides from the ITs: a
 * proposal endorsed by organisations named explicitly, or a transaction ordered without waiting for its commit.
 * Failures come out as the CLI maps them ({@link ErrorMapper}).
 */
final class DirectGateway {

    /** What is done with the profile's contract. */
    @FunctionalInterface
    interface Use<T> {
        T apply(Contract contract) throws Exception;
    }

    private DirectGateway() {}

    /** Runs {@code use} on the contract as {@code org}'s {@code user}, on a connection opened and closed for it. */
    static <T> T with(RealNetwork net, String org, String user, Use<T> use) throws Exception {
        ConnectionProfile profile = net.profile(org, user);
        X509Certificate certificate;
        try (Reader in = Files.newBufferedReader(profile.certificate())) {
            certificate = Identities.readX509Certificate(in);
        }
        PrivateKey key;
        try (Reader in = Files.newBufferedReader(profile.privateKey())) {
            key = Identities.readPrivateKey(in);
        }
        ManagedChannel channel = Grpc.newChannelBuilder(
                        "dns:///" + profile.peerEndpoint(),
                        TlsChannelCredentials.newBuilder()
                                .trustManager(profile.tlsCaCert().toFile())
                                .build())
                .build();
        try (Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(profile.mspId(), certificate))
                .signer(Signers.newPrivateKeySigner(key))
                .connection(channel)
                .endorseOptions(o -> o.withDeadlineAfter(120, TimeUnit.SECONDS))
                .submitOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                .commitStatusOptions(o -> o.withDeadlineAfter(120, TimeUnit.SECONDS))
                .connect()) {
            Contract contract = gateway.getNetwork(profile.channel()).getContract(profile.chaincode());
            try {
                return use.apply(contract);
            } catch (Exception e) {
                throw new ErrorMapper(profile.peerEndpoint()).map(e);
            }
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
