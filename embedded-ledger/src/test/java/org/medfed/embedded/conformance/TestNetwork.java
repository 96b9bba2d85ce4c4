package org.medfed.embedded.conformance;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.identity.Identities;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.medfed.embedded.config.NetworkLayout;
import org.medfed.embedded.msp.CryptoGenerator;
import org.medfed.embedded.node.EmbeddedNetwork;
import org.medfed.embedded.node.InProcessNetworkBuilder;
import org.medfed.embedded.testcc.TestChaincodeServer;

/**
 * A three-organisation embedded network for the conformance tests: its own network.config on free ports, crypto
 * material, one real test chaincode server per organisation, and the ledger either in this JVM or as a child
 * process (for kill -9). Clients are the unchanged fabric-gateway client over TLS. Or the whole network in this JVM
 * ({@link #allInProcess}): chaincode hosted through the shim, gateways on in-process channels, no port.
 */
final class TestNetwork implements AutoCloseable {

    static final List<String> ORGS = List.of("Alpha", "Beta", "Gamma");
    static final String CHANNEL = "conformance";
    static final String CHAINCODE = "testcc";

    final Path dir;
    final NetworkLayout layout;
    private final List<TestChaincodeServer> servers = new ArrayList<>();
    private final List<ManagedChannel> grpcChannels = new ArrayList<>();
    private EmbeddedNetwork inProcess;
    private Process child;
    /** How a client reaches an organisation's gateway. */
    private Function<String, ManagedChannel> channels = this::tlsChannel;

    private TestNetwork(Path dir, String batchTimeout) throws IOException {
        this.dir = dir;
        int base = freeBase();
        Files.writeString(
                dir.resolve("network.config"),
                String.join(
                        "\n",
                        "CHANNEL=" + CHANNEL,
                        "CHAINCODE_NAME=" + CHAINCODE,
                        "ORGS=" + String.join(",", ORGS),
                        "ORG_PORT_BASE=" + base,
                        "ORG_PORT_STRIDE=10",
                        "PEER_OFFSET=1",
                        "PEER_CHAINCODE_OFFSET=2",
                        "PEER_OPERATIONS_OFFSET=3",
                        "CHAINCODE_SERVER_OFFSET=4",
                        "IPFS_API_OFFSET=5",
                        "IPFS_SWARM_OFFSET=6",
                        "BATCH_TIMEOUT=" + batchTimeout,
                        "MAX_MESSAGE_COUNT=10",
                        ""));
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.write(data.resolve("orgs.list"), ORGS);
        layout = NetworkLayout.load(dir.resolve("network.config"), data);
        CryptoGenerator.generate(layout);
        Files.createDirectories(data.resolve("chaincode"));
        Files.writeString(layout.chaincodeDefinition(), "name=" + CHAINCODE + "\nversion=1\nsequence=1\n");
    }

    private TestNetwork(Path dir, Map<String, Map<String, String>> serverEnv, String batchTimeout) throws IOException {
        this(dir, batchTimeout);
        try {
            for (String org : ORGS) {
                servers.add(TestChaincodeServer.startOn(
                        layout.chaincodeServerPort(org), serverEnv.getOrDefault(org, Map.of())));
            }
        } catch (RuntimeException e) {
            // One server that does not come up (a loaded machine) must not leave the others running.
            servers.forEach(TestChaincodeServer::close);
            throw e;
        }
    }

    /** A network whose ledger runs in this JVM. */
    static TestNetwork inProcess(Path dir) throws IOException {
        return inProcess(dir, Map.of());
    }

    static TestNetwork inProcess(Path dir, Map<String, Map<String, String>> serverEnv) throws IOException {
        TestNetwork n = new TestNetwork(dir, serverEnv, "100ms");
        n.inProcess = EmbeddedNetwork.start(n.layout);
        return n;
    }

    /**
     * Ledger and chaincode in this JVM ({@link EmbeddedNetwork#inProcess}, BatchTimeout 100 ms unless
     * {@code options} say otherwise), clients on in-process channels; no port is listened on.
     */
    static TestNetwork allInProcess(Path dir, UnaryOperator<InProcessNetworkBuilder> options) throws IOException {
        TestNetwork n = new TestNetwork(dir, "100ms");
        n.inProcess = options.apply(EmbeddedNetwork.inProcess(n.layout)).start();
        n.channels = n.inProcess::gatewayChannel;
        return n;
    }

    /** A network whose ledger is a child JVM ({@code Main serve}), which {@link #killLedger} kills with -9. */
    static TestNetwork childProcess(Path dir, String batchTimeout) throws IOException {
        TestNetwork n = new TestNetwork(dir, Map.of(), batchTimeout);
        n.startChild();
        return n;
    }

    void startChild() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try {
            child = new ProcessBuilder(
                            java,
                            "-cp",
                            classpath,
                            "org.medfed.embedded.Main",
                            "serve",
                            "--config",
                            dir.resolve("network.config").toString(),
                            "--data",
                            layout.dataDir().toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("ledger.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String org : ORGS) {
            awaitPort(layout.peerPort(org));
        }
    }

    /** kill -9 of the ledger process. */
    void killLedger() throws InterruptedException {
        child.destroyForcibly();
        child.waitFor(30, TimeUnit.SECONDS);
    }

    EmbeddedNetwork network() {
        return inProcess;
    }

    TestChaincodeServer server(String org) {
        return servers.get(ORGS.indexOf(org));
    }

    /** A gateway connection as {@code user} (User1 or Admin) of {@code org}, to that organisation's peer. */
    Gateway connect(String org, String user) {
        Path msp = layout.userMspDir(org, user);
        return connect(org, msp.resolve("signcerts"), msp.resolve("keystore"));
    }

    /** As User of {@code org}, but every signature is altered after signing (one bit of S flipped). */
    Gateway connectTampering(String org, String user) {
        Path msp = layout.userMspDir(org, user);
        return connect(org, msp.resolve("signcerts"), msp.resolve("keystore"), signer -> digest -> {
            byte[] signature = signer.sign(digest);
            signature[signature.length - 1] ^= 0x01;
            return signature;
        });
    }

    Gateway connect(String org, Path signcertsDir, Path keystoreDir) {
        return connect(org, signcertsDir, keystoreDir, java.util.function.UnaryOperator.identity());
    }

    /** To {@code org}'s peer with the certificate and key of {@code mspDir}, claiming MSP id {@code mspId}. */
    Gateway connectClaiming(String org, String mspId, Path mspDir) {
        return connect(
                org,
                mspId,
                mspDir.resolve("signcerts"),
                mspDir.resolve("keystore"),
                java.util.function.UnaryOperator.identity());
    }

    private Gateway connect(
            String org,
            Path signcertsDir,
            Path keystoreDir,
            java.util.function.UnaryOperator<org.hyperledger.fabric.client.identity.Signer> wrap) {
        return connect(org, NetworkLayout.mspId(org), signcertsDir, keystoreDir, wrap);
    }

    private Gateway connect(
            String org,
            String mspId,
            Path signcertsDir,
            Path keystoreDir,
            java.util.function.UnaryOperator<org.hyperledger.fabric.client.identity.Signer> wrap) {
        try {
            X509Certificate cert = Identities.readX509Certificate(Files.newBufferedReader(onlyFile(signcertsDir)));
            PrivateKey key = Identities.readPrivateKey(Files.newBufferedReader(onlyFile(keystoreDir)));
            return Gateway.newInstance()
                    .identity(new X509Identity(mspId, cert))
                    .signer(wrap.apply(Signers.newPrivateKeySigner(key)))
                    .connection(channels.apply(org))
                    .evaluateOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .endorseOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .submitOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                    .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                    .connect();
        } catch (IOException | CertificateException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The peer's TLS port, as a client outside the ledger's JVM reaches it. */
    private ManagedChannel tlsChannel(String org) {
        try {
            ManagedChannel grpc = NettyChannelBuilder.forAddress("127.0.0.1", layout.peerPort(org))
                    .sslContext(GrpcSslContexts.forClient()
                            .trustManager(
                                    layout.peerTlsDir(org).resolve("ca.crt").toFile())
                            .build())
                    .build();
            grpcChannels.add(grpc);
            return grpc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
    }

    @Override
    public void close() {
        for (ManagedChannel c : grpcChannels) {
            c.shutdownNow();
        }
        if (inProcess != null) {
            inProcess.close();
        }
        if (child != null) {
            child.destroy();
            try {
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            } catch (InterruptedException e) {
                child.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (TestChaincodeServer s : servers) {
            s.close();
        }
    }

    /** A port base whose 3 × 10 ports are free now. */
    private static int freeBase() {
        for (int attempt = 0; attempt < 50; attempt++) {
            // Below Linux's ephemeral range (32768+), so no outgoing connection takes a port between check and bind.
            int base = 20000 + ThreadLocalRandom.current().nextInt(1200) * 10;
            if (allFree(base, 30)) {
                return base;
            }
        }
        throw new IllegalStateException("no free port range found");
    }

    private static boolean allFree(int base, int count) {
        for (int p = base; p < base + count; p++) {
            try (ServerSocket s = new ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
            } catch (IOException taken) {
                return false;
            }
        }
        return true;
    }

    static void awaitPort(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!listening(port)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("nothing listens on " + port + " after 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether something on this machine accepts a connection on {@code port}. */
    static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
