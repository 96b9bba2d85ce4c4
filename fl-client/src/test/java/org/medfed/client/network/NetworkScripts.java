package org.medfed.client.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.opentest4j.TestAbortedException;

/**
 * Runs {@code network/network.sh} for the integration tests, on a data and log directory of their own under
 * {@code fl-client/target/}, so a developer's network data is never touched, and on the ledger engine that
 * {@link #engine()} names: the same tests run on the embedded ledger and on Fabric.
 */
final class NetworkScripts {

    static final String EMBEDDED = "embedded";
    static final String FABRIC = "fabric";
    /** Exit status of `up --ledger fabric` when the Fabric binaries cannot be installed (a registry refuses them). */
    static final int FABRIC_REFUSED = 3;
    /** Why a Fabric run of the ITs is reported as aborted (skipped) rather than run. */
    static final String FABRIC_NOT_RUN = "NOT RUN on Fabric: its binaries are not installed here (the Go module proxy "
            + "refuses Fabric); the embedded ledger run covers CI";

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private final Path root;
    private final Path base;

    NetworkScripts(String name) {
        this.root = findRoot();
        this.base = root.resolve("fl-client/target/it-network/" + name);
    }

    Path root() {
        return root;
    }

    /** The chaincode module's built {@code chaincode-*-<classifier>.jar} (server, or diverging: test code). */
    Path chaincodeJar(String classifier) throws IOException {
        String suffix = "-" + classifier + ".jar";
        try (var files = Files.list(root.resolve("chaincode/target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("chaincode/target/chaincode-*" + suffix + " is missing"));
        }
    }

    Path dataDir() {
        return base.resolve("data");
    }

    Path logDir() {
        return base.resolve("logs");
    }

    Path profile(String org, String user) {
        return dataDir().resolve("profiles/" + org.toLowerCase() + "-" + user + ".properties");
    }

    Result run(long timeoutSeconds, String... args) {
        return run(Map.of(), timeoutSeconds, args);
    }

    /** Like {@link #run(long, String...)} with extra environment for the script (e.g. MEDFED_CC_CLASSPATH_ORG). */
    Result run(Map<String, String> extraEnv, long timeoutSeconds, String... args) {
        return runScript("network/network.sh", extraEnv, timeoutSeconds, args);
    }

    /**
     * Runs another script of the repository ({@code script} relative to its root, e.g. {@code
     * network/multihost/up.sh}) on this network's data and logs, printing its output like {@link #run}.
     */
    Result runScript(String script, Map<String, String> extraEnv, long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("MEDFED_NETWORK_DATA", dataDir().toString());
        env.put("MEDFED_NETWORK_LOGS", logDir().toString());
        env.putAll(extraEnv);
        try {
            Files.createDirectories(base);
            Path out = base.resolve("script-output.log");
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()));
            long start = Files.exists(out) ? Files.size(out) : 0;
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(script + " " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                        + " s; see " + out);
            }
            byte[] all = Files.readAllBytes(out);
            String text = new String(all, (int) start, all.length - (int) start, StandardCharsets.UTF_8);
            System.out.printf(
                    "$ %s %s  (exit %d)%n%s",
                    Path.of(script).getFileName(), String.join(" ", args), p.exitValue(), text);
            return new Result(p.exitValue(), text);
        } catch (IOException e) {
            throw new AssertionError("could not run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Runs a command that must succeed; a failure fails the test with the script's output. */
    Result require(long timeoutSeconds, String... args) {
        return require(Map.of(), timeoutSeconds, args);
    }

    Result require(Map<String, String> extraEnv, long timeoutSeconds, String... args) {
        Result r = run(extraEnv, timeoutSeconds, args);
        if (!r.ok()) {
            throw new AssertionError("network.sh " + String.join(" ", args) + " failed with exit " + r.exitCode()
                    + ":\n" + r.output() + "\nlogs: " + logDir());
        }
        return r;
    }

    /**
     * Brings the network up from nothing on {@link #engine()}. The one outcome that does not fail the test: Fabric
     * asked for where its binaries are not installed (or cannot be: install-binaries.sh exit 3). That run is
     * reported as aborted with {@link #FABRIC_NOT_RUN}, loudly, never as passed; on the embedded ledger every
     * failure fails.
     */
    Result upFromNothing(String... extraArgs) {
        String engine = engine();
        if (FABRIC.equals(engine) && !fabricInstalled(root)) {
            throw notRun("");
        }
        requirePortsFree();
        require(120, "clean");
        List<String> args = new ArrayList<>(List.of("up", "--ledger", engine));
        args.addAll(List.of(extraArgs));
        Result r = run(1800, args.toArray(String[]::new));
        if (FABRIC.equals(engine) && r.exitCode() == FABRIC_REFUSED) {
            throw notRun(" Output:\n" + r.output());
        }
        if (!r.ok()) {
            throw new AssertionError("network.sh " + String.join(" ", args) + " failed with exit " + r.exitCode()
                    + ":\n" + r.output() + "\nlogs: " + logDir());
        }
        return r;
    }

    /**
     * Brings the multi-host rehearsal's network up from nothing (docs/operations.md): {@code clean}, then {@code
     * network/multihost/up.sh --orderers N}, which needs the topology in place (its namespaces are made from the
     * host's shell: {@code up.sh --topology-only}) and this JVM on its operator's host ({@code exec.sh}).
     */
    Result upMultiHostFromNothing(int orderers) {
        if (!fabricInstalled(root)) {
            throw notRun("");
        }
        require(120, "clean");
        Result r = runScript("network/multihost/up.sh", Map.of(), 1800, "--orderers", Integer.toString(orderers));
        if (!r.ok()) {
            throw new AssertionError("network/multihost/up.sh failed with exit " + r.exitCode() + ":\n" + r.output()
                    + "\nlogs: " + logDir());
        }
        return r;
    }

    private static TestAbortedException notRun(String detail) {
        System.err.println("\n!!!!! " + FABRIC_NOT_RUN + "\n");
        return new TestAbortedException(FABRIC_NOT_RUN + detail);
    }

    /**
     * The ledger engine of every end-to-end IT: system property {@code medfed.ledger} (each of fl-client's two
     * failsafe executions sets it: embedded, then fabric), else the environment variable {@code MEDFED_LEDGER}, else
     * {@code embedded}.
     */
    static String engine() {
        String engine = System.getProperty("medfed.ledger");
        if (engine == null || engine.isBlank()) {
            engine = System.getenv("MEDFED_LEDGER");
        }
        engine = engine == null || engine.isBlank() ? EMBEDDED : engine.strip();
        if (!engine.equals(EMBEDDED) && !engine.equals(FABRIC)) {
            throw new AssertionError(
                    "medfed.ledger (or MEDFED_LEDGER) must be embedded or fabric, not '" + engine + "'");
        }
        return engine;
    }

    /** The Fabric binaries and sampleconfig that network.sh up needs are in .tools/ (as network/scripts/engine.sh checks). */
    static boolean fabricInstalled(Path root) {
        Path tools = root.resolve(".tools");
        for (String binary : List.of("peer", "orderer", "configtxgen", "osnadmin", "cryptogen")) {
            if (!Files.isExecutable(tools.resolve("bin").resolve(binary))) {
                return false;
            }
        }
        return Files.isRegularFile(tools.resolve("sampleconfig/core.yaml"));
    }

    /**
     * Where node {@code node} (an organisation in lower case, or {@code ordererK}) listens: its address in the
     * network's {@code node-hosts} (the multi-host rehearsal, network/scripts/common.sh), else 127.0.0.1.
     */
    String nodeAddress(String node) {
        return nodeHost(node, 1).orElse("127.0.0.1");
    }

    /** The network namespace node {@code node} runs in (the multi-host rehearsal's node-hosts), if any. */
    Optional<String> nodeNamespace(String node) {
        return nodeHost(node, 2);
    }

    /** Field {@code index} (0 node, 1 address, 2 namespace) of {@code node}'s line in node-hosts. */
    private Optional<String> nodeHost(String node, int index) {
        Path hosts = dataDir().resolve("node-hosts");
        if (!Files.isRegularFile(hosts)) {
            return Optional.empty();
        }
        try {
            return Files.readAllLines(hosts).stream()
                    .map(line -> line.strip().split("\\s+"))
                    .filter(fields -> fields.length > index && fields[0].equals(node))
                    .map(fields -> fields[index])
                    .findFirst();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The operations endpoint (/healthz, /metrics) of organisation {@code org}'s peer. */
    URI peerOperations(String org) {
        int index = RealNetwork.ORGS.indexOf(org);
        if (index < 0) {
            throw new IllegalArgumentException("not one of " + RealNetwork.ORGS + ": " + org);
        }
        return URI.create("http://" + nodeAddress(org.toLowerCase()) + ":" + orgPort(index, "PEER_OPERATIONS_OFFSET"));
    }

    /** The operations endpoint of Raft orderer {@code k} (1-based, as network/scripts/common.sh numbers them). */
    URI ordererOperations(int k) {
        Map<String, String> c = config();
        int port = Integer.parseInt(c.get("ORDERER_PORT_BASE"))
                + (k - 1) * Integer.parseInt(c.get("ORDERER_PORT_STRIDE"))
                + Integer.parseInt(c.get("ORDERER_OPERATIONS_OFFSET"));
        return URI.create("http://" + nodeAddress("orderer" + k) + ":" + port);
    }

    /** network/network.config's KEY=VALUE pairs. */
    static Map<String, String> config() {
        try {
            return org.medfed.client.compose.ComposeTopologyChecker.parseKeyValues(
                    Files.readAllLines(findRoot().resolve("network/network.config")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The port of organisation number {@code index} (0 = Hospital) at {@code offsetKey}, as network.config says. */
    static int orgPort(int index, String offsetKey) {
        Map<String, String> c = config();
        return Integer.parseInt(c.get("ORG_PORT_BASE"))
                + index * Integer.parseInt(c.get("ORG_PORT_STRIDE"))
                + Integer.parseInt(c.get(offsetKey));
    }

    /**
     * Another network (a developer's, or a test that did not clean up) must not hold our ports. The orderer's port is
     * checked on both engines: the embedded ledger does not use it, and a Fabric network holding it is in the way.
     */
    static void requirePortsFree() {
        Map<String, String> c = config();
        int orderer = Integer.parseInt(c.get("ORDERER_PORT_BASE")) + Integer.parseInt(c.get("ORDERER_OFFSET"));
        for (int port : new int[] {
            orderer,
            orgPort(0, "PEER_OFFSET"),
            orgPort(0, "IPFS_API_OFFSET"),
            orgPort(1, "PEER_OFFSET"),
            orgPort(2, "PEER_OFFSET")
        }) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                throw new AssertionError("port " + port + " is in use: another medfed network is running. "
                        + "Stop it with network/network.sh down before running the integration tests.");
            } catch (IOException free) {
                // nothing listens: good
            }
        }
    }

    private static Path findRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("network/network.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new AssertionError("cannot find the repository root (network/network.sh) above "
                    + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
