package org.medfed.embedded.node;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

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
 */
public final class EmbeddedNetwork implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedNetwork.class.getName());

    private final NetworkLayout layout;
    private final LedgerStore store;
    private final Channel channel;
    private final Orderer orderer;
    private final CommitNotifier notifier;
    private final ExecutorService pool = Executors.newCachedThreadPool(daemon("gateway"));
    private final Map<String, Server> gateways = new LinkedHashMap<>();
    private final List<OperationsServer> operations = new ArrayList<>();

    private EmbeddedNetwork(NetworkLayout layout) {
        this.layout = layout;
        this.store = MvLedgerStore.open(layout.ledgerDir());
        this.channel = new Channel(layout, store, FileMembership::load,
                (address, definition) -> new ChaincodeConnection(address, definition.name(), definition.version()));
        this.orderer = new Orderer(channel, layout.batchTimeout(), layout.maxMessageCount());
        this.notifier = new CommitNotifier(store);
        orderer.addListener(notifier);
    }

    public static EmbeddedNetwork start(NetworkLayout layout) {
        EmbeddedNetwork network = new EmbeddedNetwork(layout);
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
        LOG.info(() -> "reloaded: organisations " + channel.orgs() + ", MAJORITY " + channel.majority()
                + ", chaincode " + channel.definition());
    }

    private synchronized void startMissingOrganisations() {
        for (String org : channel.orgs()) {
            if (gateways.containsKey(org)) {
                continue;
            }
            try {
                gateways.put(org, startGateway(org));
                operations.add(new OperationsServer(layout.operationsPort(org), org, this::reload, this::verifyChain));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serve " + org + " on port " + layout.peerPort(org)
                        + " (is another network running?): " + e.getMessage(), e);
            }
            LOG.info(() -> org + ": gateway on " + layout.peerEndpoint(org) + ", operations on 127.0.0.1:"
                    + layout.operationsPort(org));
        }
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

    /** The chain check as JSON: {"ok":true,"height":N} or {"ok":false,...,"message":"..."}. */
    private String verifyChain() {
        ChainVerifier.Report r = ChainVerifier.verify(store);
        return "{\"ok\":" + r.ok() + ",\"height\":" + r.height() + ",\"firstBadBlock\":" + r.firstBadBlock()
                + ",\"message\":\"" + String.valueOf(r.message()).replace("\\", "\\\\").replace("\"", "'") + "\"}";
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public synchronized void close() {
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

    static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
