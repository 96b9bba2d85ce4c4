package org.medfed.embedded.node;

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.medfed.embedded.DaemonThreads;
import org.medfed.embedded.chaincode.ChaincodeConnection;
import org.medfed.embedded.channel.Channel;
import org.medfed.embedded.config.NetworkLayout;
import org.medfed.embedded.gateway.CommitNotifier;
import org.medfed.embedded.gateway.GatewayService;
import org.medfed.embedded.msp.FileMembership;
import org.medfed.embedded.msp.TlsMaterial;
import org.medfed.embedded.order.Orderer;
import org.medfed.embedded.store.ChainVerifier;
import org.medfed.embedded.store.LedgerStore;
import org.medfed.embedded.store.MvLedgerStore;

/**
 * The whole embedded network in this JVM: the ledger, the orderer, and for each organisation a Gateway gRPC
 * server with that peer's TLS identity on its peer port and an operations endpoint. Organisations added to
 * orgs.list are started on {@link #reload}.
 *
 * <p>In-process ({@link #inProcess}), the same channel, orderer, ledger and Gateway services run with each
 * organisation's Gateway on a grpc in-process server and its chaincode hosted in this JVM: no port, no TLS, no
 * operations endpoint. {@link #gatewayChannel} is what the fabric-gateway client connects with.
 */
public final class EmbeddedNetwork implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedNetwork.class.getName());

    private final NetworkLayout layout;
    private final LedgerStore store;
    private final Channel channel;
    private final Orderer orderer;
    private final CommitNotifier notifier;
    private final ExecutorService pool = Executors.newCachedThreadPool(DaemonThreads.named("gateway"));
    private final Map<String, Server> gateways = new LinkedHashMap<>();
    private final List<OperationsServer> operations = new ArrayList<>();
    /** The in-process servers' name prefix, unique in the JVM; null when serving on ports. */
    private final String inProcessName;

    private final Map<String, ManagedChannel> gatewayChannels = new LinkedHashMap<>();

    private EmbeddedNetwork(
            NetworkLayout layout,
            LedgerStore store,
            Channel.InvokerFactory invokers,
            Duration batchTimeout,
            String inProcessName) {
        this.layout = layout;
        this.store = store;
        this.inProcessName = inProcessName;
        this.channel = new Channel(layout, store, FileMembership::load, invokers);
        this.orderer = new Orderer(channel, batchTimeout, layout.maxMessageCount());
        this.notifier = new CommitNotifier(store);
        orderer.addListener(notifier);
    }

    /** The network on its ports, dialing each organisation's chaincode server. */
    public static EmbeddedNetwork start(NetworkLayout layout) {
        return start(new EmbeddedNetwork(
                layout,
                MvLedgerStore.open(layout.ledgerDir()),
                (org, definition) -> new ChaincodeConnection(
                        "127.0.0.1:" + layout.chaincodeServerPort(org), definition.name(), definition.version()),
                layout.batchTimeout(),
                null));
    }

    /** A network in this JVM only, with chaincode in this JVM: see {@link InProcessNetworkBuilder}. */
    public static InProcessNetworkBuilder inProcess(NetworkLayout layout) {
        return new InProcessNetworkBuilder(layout);
    }

    static EmbeddedNetwork startInProcess(
            NetworkLayout layout, LedgerStore store, Channel.InvokerFactory invokers, Duration batchTimeout) {
        String serverNames = "embedded-ledger-" + UUID.randomUUID();
        return start(new EmbeddedNetwork(layout, store, invokers, batchTimeout, serverNames));
    }

    private static EmbeddedNetwork start(EmbeddedNetwork network) {
        try {
            network.orderer.start();
            network.startMissingOrganisations();
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
        return network;
    }

    /** add-org and deploy: re-read organisations, MSPs and the chaincode definition; serve new organisations. */
    public synchronized void reload() {
        channel.reload();
        startMissingOrganisations();
        LOG.info(() -> "reloaded: organisations " + channel.orgs() + ", MAJORITY " + channel.majority() + ", chaincode "
                + channel.definition());
    }

    private synchronized void startMissingOrganisations() {
        for (String org : channel.orgs()) {
            if (gateways.containsKey(org)) {
                continue;
            }
            if (inProcessName != null) {
                gateways.put(org, startInProcessGateway(org));
            } else {
                startOnPorts(org);
            }
        }
    }

    private void startOnPorts(String org) {
        try {
            gateways.put(org, startGateway(org));
            operations.add(new OperationsServer(
                    layout.operationsPort(org), org, this::reload, () -> ChainVerifier.verify(store)));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serve " + org + " on port " + layout.peerPort(org) + " (is another network running?): "
                            + e.getMessage(),
                    e);
        }
        LOG.info(() -> org + ": gateway on " + layout.peerEndpoint(org) + ", operations on 127.0.0.1:"
                + layout.operationsPort(org));
    }

    private Server startGateway(String org) throws IOException {
        return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", layout.peerPort(org)))
                .sslContext(TlsMaterial.peer(layout, org).grpcServerContext())
                .executor(pool)
                .maxInboundMessageSize(100 * 1024 * 1024)
                .addService(new GatewayService(org, channel, orderer, notifier, pool))
                .build()
                .start();
    }

    private Server startInProcessGateway(String org) {
        try {
            return InProcessServerBuilder.forName(inProcessName + "/" + org)
                    .executor(pool)
                    .addService(new GatewayService(org, channel, orderer, notifier, pool))
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("an in-process server cannot fail to start: " + e.getMessage(), e);
        }
    }

    /**
     * The channel to {@code org}'s Gateway in an in-process network, for {@code Gateway.newInstance().connection(..)}
     * of the fabric-gateway client; one per organisation, shut down by {@link #close}.
     */
    public synchronized ManagedChannel gatewayChannel(String org) {
        if (inProcessName == null || !gateways.containsKey(org)) {
            throw new IllegalArgumentException("no in-process gateway for " + org + " (in-process organisations: "
                    + (inProcessName == null ? List.of() : gateways.keySet()) + ")");
        }
        return gatewayChannels.computeIfAbsent(
                org,
                o -> InProcessChannelBuilder.forName(inProcessName + "/" + o)
                        .executor(pool)
                        .build());
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public synchronized void close() {
        gatewayChannels.values().forEach(ManagedChannel::shutdownNow);
        for (OperationsServer o : operations) {
            o.close();
        }
        for (Server s : gateways.values()) {
            s.shutdownNow();
        }
        for (Server s : gateways.values()) {
            try {
                s.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        orderer.close();
        channel.close();
        pool.shutdownNow();
        store.close();
    }
}
