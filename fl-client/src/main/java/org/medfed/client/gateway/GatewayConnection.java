package org.medfed.client.gateway;

import io.grpc.CallOptions;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.ChaincodeEventsRequest;
import org.hyperledger.fabric.client.Checkpoint;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Network;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * One identity's gateway on a TLS connection to an organisation's gateway peer, and the profile's channel and
 * chaincode on it. The connection is its own, or one that several identities of the organisation share
 * ({@link Builder#channel()}, {@link Builder#connect(ManagedChannel)}), as a load driver with many identities does.
 */
public final class GatewayConnection implements LedgerClient, ChaincodeEventSource {

    private final ConnectionProfile profile;
    /** Null when the channel is shared: its opener closes it. */
    private final ManagedChannel ownChannel;

    private final Gateway gateway;
    private final Network network;
    private final Contract contract;
    private final ErrorMapper errors;

    private GatewayConnection(ConnectionProfile profile, ManagedChannel ownChannel, Gateway gateway) {
        this.profile = profile;
        this.ownChannel = ownChannel;
        this.gateway = gateway;
        this.network = gateway.getNetwork(profile.channel());
        this.contract = network.getContract(profile.chaincode());
        this.errors = new ErrorMapper(profile.peerEndpoint());
    }

    /** Connects with the default deadlines. gRPC connects lazily: an unreachable peer shows on the first call. */
    public static GatewayConnection open(ConnectionProfile profile) throws ProfileException {
        return builder(profile).connect();
    }

    public static Builder builder(ConnectionProfile profile) {
        return new Builder(profile);
    }

    @Override
    public byte[] evaluate(String transaction, String... args) throws MedfedException {
        try {
            return contract.evaluateTransaction(transaction, args);
        } catch (Exception e) {
            throw errors.map(e);
        }
    }

    @Override
    public byte[] submit(String transaction, String... args) throws MedfedException {
        try {
            return contract.submitTransaction(transaction, args);
        } catch (Exception e) {
            throw errors.map(e);
        }
    }

    /**
     * Chaincode events from {@code startBlock}, or from the next block if empty. Failures while iterating
     * arrive as {@code GatewayRuntimeException}; {@link #errorMapper()} explains them.
     */
    @Override
    public CloseableIterator<ChaincodeEvent> chaincodeEvents(OptionalLong startBlock) {
        return chaincodeEvents(startBlock, null);
    }

    /** As above, resuming after the checkpoint (for example a {@code FileCheckpointer}) when it holds a position. */
    public CloseableIterator<ChaincodeEvent> chaincodeEvents(OptionalLong startBlock, Checkpoint checkpoint) {
        ChaincodeEventsRequest.Builder request = network.newChaincodeEventsRequest(profile.chaincode());
        if (startBlock.isPresent()) {
            request = request.startBlock(startBlock.getAsLong());
        }
        if (checkpoint != null) {
            request = request.checkpoint(checkpoint);
        }
        return request.build().getEvents();
    }

    @Override
    public ErrorMapper errorMapper() {
        return errors;
    }

    public ConnectionProfile profile() {
        return profile;
    }

    @Override
    public void close() {
        gateway.close();
        if (ownChannel != null) {
            shutdown(ownChannel);
        }
    }

    /** Closes a channel, waiting briefly for its calls to end. */
    public static void shutdown(ManagedChannel channel) {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Per-call deadlines; the defaults follow the fabric-samples gateway applications. */
    public static final class Builder {
        private final ConnectionProfile profile;
        private Duration evaluateTimeout = Duration.ofSeconds(10);
        private Duration endorseTimeout = Duration.ofSeconds(30);
        private Duration submitTimeout = Duration.ofSeconds(30);
        private Duration commitStatusTimeout = Duration.ofSeconds(60);
        private String tlsHostOverride;

        private Builder(ConnectionProfile profile) {
            this.profile = Objects.requireNonNull(profile, "profile");
        }

        public Builder evaluateTimeout(Duration timeout) {
            this.evaluateTimeout = positive(timeout);
            return this;
        }

        public Builder endorseTimeout(Duration timeout) {
            this.endorseTimeout = positive(timeout);
            return this;
        }

        public Builder submitTimeout(Duration timeout) {
            this.submitTimeout = positive(timeout);
            return this;
        }

        public Builder commitStatusTimeout(Duration timeout) {
            this.commitStatusTimeout = positive(timeout);
            return this;
        }

        /** The host name the peer's TLS certificate must name, when the endpoint's host differs from it. */
        public Builder tlsHostOverride(String host) {
            this.tlsHostOverride = host;
            return this;
        }

        /** Connects on a channel of its own, closed with the connection. */
        public GatewayConnection connect() throws ProfileException {
            Signing signing = signing();
            ManagedChannel channel = channel();
            return new GatewayConnection(profile, channel, gateway(signing, channel));
        }

        /**
         * Connects on {@code channel}, opened by {@link #channel()} for a profile of the same peer, which this
         * connection leaves open when it closes: its opener closes it ({@link GatewayConnection#shutdown}).
         */
        public GatewayConnection connect(ManagedChannel channel) throws ProfileException {
            Objects.requireNonNull(channel, "channel");
            return new GatewayConnection(profile, null, gateway(signing(), channel));
        }

        /** A TLS channel to the profile's peer that several identities of its organisation may share. */
        public ManagedChannel channel() throws ProfileException {
            certificate("tlsCaCert", profile.tlsCaCert());
            ChannelCredentials tls;
            try {
                tls = TlsChannelCredentials.newBuilder()
                        .trustManager(profile.tlsCaCert().toFile())
                        .build();
            } catch (IOException e) {
                throw invalid("tlsCaCert", profile.tlsCaCert(), "cannot be read", e);
            }
            var channelBuilder = Grpc.newChannelBuilder("dns:///" + profile.peerEndpoint(), tls);
            if (tlsHostOverride != null) {
                channelBuilder = channelBuilder.overrideAuthority(tlsHostOverride);
            }
            return channelBuilder.build();
        }

        private record Signing(X509Identity identity, PrivateKey key) {}

        private Signing signing() throws ProfileException {
            X509Certificate certificate = certificate("certificate", profile.certificate());
            requireValid(profile, certificate, Instant.now());
            return new Signing(new X509Identity(profile.mspId(), certificate), privateKey(profile.privateKey()));
        }

        private Gateway gateway(Signing signing, ManagedChannel channel) {
            return Gateway.newInstance()
                    .identity(signing.identity())
                    .signer(Signers.newPrivateKeySigner(signing.key()))
                    .connection(channel)
                    .evaluateOptions(deadline(evaluateTimeout))
                    .endorseOptions(deadline(endorseTimeout))
                    .submitOptions(deadline(submitTimeout))
                    .commitStatusOptions(deadline(commitStatusTimeout))
                    .connect();
        }

        /** An expired identity is refused by every peer with a bare "access denied"; say so before connecting. */
        static void requireValid(ConnectionProfile profile, X509Certificate certificate, Instant now)
                throws ProfileException {
            Instant notBefore = certificate.getNotBefore().toInstant();
            Instant notAfter = certificate.getNotAfter().toInstant();
            String which = "connection profile " + profile.source() + ": the certificate " + profile.certificate()
                    + " (" + certificate.getSubjectX500Principal().getName() + ")";
            if (now.isAfter(notAfter)) {
                throw new ProfileException(which + " expired on " + notAfter + "; enroll this identity again with "
                        + "its organisation's CA and point 'certificate' and 'privateKey' at the new files (for the "
                        + "local network, `network/network.sh clean` then `up` issues new ones)");
            }
            if (now.isBefore(notBefore)) {
                throw new ProfileException(
                        which + " is not valid before " + notBefore + "; check this machine's " + "clock");
            }
        }

        private X509Certificate certificate(String key, Path file) throws ProfileException {
            try (Reader in = Files.newBufferedReader(file)) {
                return Identities.readX509Certificate(in);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw invalid(key, file, "is not a PEM X.509 certificate", e);
            }
        }

        private PrivateKey privateKey(Path file) throws ProfileException {
            try (Reader in = Files.newBufferedReader(file)) {
                return Identities.readPrivateKey(in);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                throw invalid("privateKey", file, "is not a PEM private key", e);
            }
        }

        private ProfileException invalid(String key, Path file, String problem, Exception cause) {
            return new ProfileException(
                    "connection profile " + profile.source() + ": key '" + key + "' points to " + file + ", which "
                            + problem + " (" + cause.getMessage() + ")",
                    cause);
        }

        /** Applied per call, so every call gets a fresh deadline. */
        private static UnaryOperator<CallOptions> deadline(Duration timeout) {
            return options -> options.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private static Duration positive(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            return timeout;
        }
    }
}
