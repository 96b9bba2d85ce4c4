package org.medfed.client.sim;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.security.auth.x500.X500Principal;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.medfed.aggregator.AggregatorContract;
import org.medfed.chaincode.MedfedContracts;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.common.model.Role;
import org.medfed.contract.support.Env;
import org.medfed.embedded.chaincode.InProcessChaincode;
import org.medfed.embedded.config.NetworkLayout;
import org.medfed.embedded.msp.CryptoGenerator;
import org.medfed.embedded.msp.EcdsaSignatures;
import org.medfed.embedded.msp.Validity;
import org.medfed.embedded.node.EmbeddedNetwork;

/**
 * The ledger simulations run on: the embedded ledger in process (one organisation's gateway, peer and orderer in
 * this JVM, the ledger in memory, no port), hosting the medfed chaincode's own contracts through the shim's routing,
 * with {@link MemoryBlobs} as the organisation's IPFS node. Identities are real: the organisation's MSP admin and a
 * client certificate per simulated site, issued by its CA in a scratch folder.
 *
 * <p>One network serves every simulation of the JVM ({@link #shared}), each in a task of its own: starting one
 * costs seconds (the shim's router scans the class path once for serializers), a simulation a few milliseconds.
 */
final class SimNetwork {
    static final String ORG = "Sim";
    private static final String CHANNEL = "simulation";
    private static final String CHAINCODE = "medfed";
    /** Blocks are cut after this long; the updates of one round, submitted together, share a block. */
    private static final Duration BATCH_TIMEOUT = Duration.ofMillis(1);
    /**
     * The loggers the contract router sets to INFO: a line per invocation, and a SEVERE one per refusal, which a
     * simulation reports itself. Held here, as a logger's level is lost when nothing references it.
     */
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger("org.hyperledger.fabric"),
            Logger.getLogger("org.hyperledger.fabric.shim"),
            Logger.getLogger("org.hyperledger.fabric.contract"));

    private static CompletableFuture<SimNetwork> shared;

    private final Path scratch;
    private final NetworkLayout layout;
    private final EmbeddedNetwork network;
    private final MemoryBlobs blobs = new MemoryBlobs();
    /** The organisation's subset member key, which its chaincode opens shared rows with (registered on first use). */
    private final byte[] memberKey = org.medfed.common.subset.MemberKeys.generate(new java.security.SecureRandom())
            .privateScalar32();

    private boolean memberKeyRegistered;
    private final List<Site> sites = new ArrayList<>();
    private final Identity admin;

    private SimNetwork(Path scratch) {
        this.scratch = scratch;
        this.layout = NetworkLayout.load(writeConfig(scratch), scratch.resolve("data"));
        // Hosted settings are JVM-wide, and this JVM hosts one simulated network.
        Env.host(Map.of(
                AggregatorContract.HOSTED_BLOBS,
                blobs,
                AggregatorContract.HOSTED_SUBSET_KEY,
                memberKey.clone(),
                AggregatorContract.ORG_MSP_VARIABLE,
                NetworkLayout.mspId(ORG)));
        this.network = EmbeddedNetwork.inProcess(layout)
                .batchTimeout(BATCH_TIMEOUT)
                .inMemoryLedger()
                .chaincode(org -> InProcessChaincode.contractRouter(CHAINCODE + ":1", MedfedContracts.CONTRACTS))
                .start();
        Path adminMsp = layout.userMspDir(ORG, "Admin");
        this.admin = new Identity(certificate(adminMsp), privateKey(adminMsp));
        QUIET.forEach(logger -> logger.setLevel(Level.OFF));
    }

    /** Starts the shared network in the background, if it is not started yet: call it as early as useful. */
    static synchronized void prestart() {
        if (shared == null) {
            shared = CompletableFuture.supplyAsync(SimNetwork::create);
        }
    }

    /** The network of this JVM's simulations, started on first use and stopped when the JVM exits. */
    static SimNetwork shared() {
        prestart();
        CompletableFuture<SimNetwork> network;
        synchronized (SimNetwork.class) {
            network = shared;
        }
        try {
            return network.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static SimNetwork create() {
        // The router logs its start-up at INFO through the root handlers (whose level and format it resets, but
        // not their filters) before its loggers can be quietened.
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            Filter before = handler.getFilter();
            handler.setFilter(entry -> (!fromShim(entry.getLoggerName()) && !fromShim(entry.getSourceClassName())
                            || entry.getLevel().intValue() > Level.INFO.intValue())
                    && (before == null || before.isLoggable(entry)));
        }
        Path scratch;
        try {
            scratch = Files.createTempDirectory("medfed-sim-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the simulation's scratch folder", e);
        }
        SimNetwork network = new SimNetwork(scratch);
        Runtime.getRuntime().addShutdownHook(new Thread(network::stop, "medfed-sim-stop"));
        return network;
    }

    private static boolean fromShim(String name) {
        return name != null && name.startsWith("org.hyperledger.fabric");
    }

    MemoryBlobs blobs() {
        return blobs;
    }

    /** The organisation's member key, registered on the ledger by its admin the first time it is asked for. */
    synchronized byte[] memberKey(LedgerTime time) throws org.medfed.client.gateway.MedfedException {
        if (!memberKeyRegistered) {
            try (LedgerClient admin = admin(time)) {
                new org.medfed.client.ledger.SubsetLedger(admin)
                        .setMemberKey(org.medfed.common.subset.MemberKeys.publicKeyBase64(memberKey));
            }
            memberKeyRegistered = true;
        }
        return memberKey.clone();
    }

    static String mspId() {
        return NetworkLayout.mspId(ORG);
    }

    /** The organisation's MSP admin, at the simulation's {@code time}: a consortium admin to the contracts. */
    LedgerClient admin(LedgerTime time) {
        return connect(admin, time);
    }

    /**
     * The {@code index}-th simulated site (from 0): a client certificate of the organisation, registered as a data
     * holder by the admin the first time any simulation asks for it, and shared by every task after that (each
     * task has its own datasets, reputations and budgets).
     */
    synchronized Site site(int index) throws MedfedException {
        while (sites.size() <= index) {
            sites.add(register("site" + (sites.size() + 1), Role.HOSPITAL));
        }
        return sites.get(index);
    }

    /**
     * A new person of the organisation with {@code role} (a clinician, a payer, a privacy officer...): a client
     * certificate named {@code name}, unique in the network, registered by the admin, as a site is.
     */
    synchronized Site person(String name, Role role) throws MedfedException {
        return register(name, role);
    }

    private Site register(String name, Role role) throws MedfedException {
        Path msp = CryptoGenerator.issueUser(layout.orgDir(ORG), ORG, name, Validity.cryptogenDefault(Instant.now()));
        Identity identity = new Identity(certificate(msp), privateKey(msp));
        String subject = identity.certificate().getSubjectX500Principal().getName(X500Principal.RFC2253);
        try (LedgerClient admin = admin(new LedgerTime(Instant.now().truncatedTo(ChronoUnit.SECONDS)))) {
            String id = new ParticipantLedger(admin)
                    .register(NetworkLayout.mspId(ORG), subject, role, "simulated " + name)
                    .value()
                    .id();
            return new Site(id, identity);
        }
    }

    /** A registered simulated identity: a site, or a person with a role. */
    record Site(String participantId, Identity identity) {}

    /** A certificate and its key. */
    record Identity(X509Certificate certificate, PrivateKey key) {}

    /** The site's client at a task's ledger {@code time}. */
    LedgerClient client(Site site, LedgerTime time) {
        return connect(site.identity(), time);
    }

    private LedgerClient connect(Identity identity, LedgerTime time) {
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(NetworkLayout.mspId(ORG), identity.certificate()))
                // BouncyCastle's P-256 arithmetic rather than the JCA signer's: the same low-S DER signatures,
                // in a fraction of the time, and a simulation signs two per transaction.
                .signer(digest -> EcdsaSignatures.signDigest(identity.key(), digest))
                .connection(network.gatewayChannel(ORG))
                .evaluateOptions(TimedLedgerClient.DEADLINE)
                .endorseOptions(TimedLedgerClient.DEADLINE)
                .submitOptions(TimedLedgerClient.DEADLINE)
                .commitStatusOptions(TimedLedgerClient.DEADLINE)
                .connect();
        return new TimedLedgerClient(gateway, CHANNEL, CHAINCODE, time);
    }

    private static PrivateKey privateKey(Path msp) {
        try (Stream<Path> keys = Files.list(msp.resolve("keystore"));
                Reader in = Files.newBufferedReader(keys.findFirst().orElseThrow())) {
            return Identities.readPrivateKey(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the key in " + msp, e);
        }
    }

    private static X509Certificate certificate(Path msp) {
        try (Stream<Path> certs = Files.list(msp.resolve("signcerts"));
                Reader in = Files.newBufferedReader(certs.findFirst().orElseThrow())) {
            return Identities.readX509Certificate(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the certificate in " + msp, e);
        }
    }

    private static Path writeConfig(Path scratch) {
        // The in-process network opens no port; the layout needs port numbers only to be complete.
        Path config = scratch.resolve("network.config");
        try {
            Files.createDirectories(scratch.resolve("data"));
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "CHANNEL=" + CHANNEL,
                            "CHAINCODE_NAME=" + CHAINCODE,
                            "ORGS=" + ORG,
                            "ORG_PORT_BASE=1",
                            "ORG_PORT_STRIDE=10",
                            "PEER_OFFSET=1",
                            "PEER_CHAINCODE_OFFSET=2",
                            "PEER_OPERATIONS_OFFSET=3",
                            "CHAINCODE_SERVER_OFFSET=4",
                            "IPFS_API_OFFSET=5",
                            "IPFS_SWARM_OFFSET=6",
                            "MAX_MESSAGE_COUNT=500",
                            ""));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    private void stop() {
        network.close();
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch folder left in the temp directory is harmless
        }
    }
}
