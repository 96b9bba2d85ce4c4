package org.medfed.client.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.opentest4j.TestAbortedException;

/**
 * Runs {@code network/network.sh} for the integration tests, on a data and log directory of their own under
 * {@code fl-client/target/}, so a developer's network data is never touched.
 */
final class NetworkScripts {

    /** Exit status of install-binaries.sh (and so of `up`) when a registry refuses a pinned module. */
    static final int REGISTRY_BLOCKED = 3;

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

    /** Like {@link #run(long, String...)} with extra environment for the script (e.g. MEDFED_CC_ENV_ORG). */
    Result run(Map<String, String> extraEnv, long timeoutSeconds, String... args) {
        List<String> command = new ArrayList<>();
        command.add(root.resolve("network/network.sh").toString());
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
                throw new AssertionError("network.sh " + String.join(" ", args) + " did not finish in "
                        + timeoutSeconds + " s; see " + out);
            }
            byte[] all = Files.readAllBytes(out);
            String text = new String(all, (int) start, all.length - (int) start, StandardCharsets.UTF_8);
            System.out.printf("$ network.sh %s  (exit %d)%n%s", String.join(" ", args), p.exitValue(), text);
            return new Result(p.exitValue(), text);
        } catch (IOException e) {
            throw new AssertionError("could not run network.sh: " + e.getMessage(), e);
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
     * Brings the network up from nothing. The one outcome that does not fail the test: the Go module proxy
     * refusing Fabric (install-binaries.sh exit 3). That is an environment blocker, reported loudly as an aborted
     * test with the reason, never a silent skip; every other failure (a missing binary included) fails.
     */
    Result upFromNothing(String... extraArgs) {
        requirePortsFree();
        require(120, "clean");
        List<String> args = new ArrayList<>(List.of("up"));
        args.addAll(List.of(extraArgs));
        Result r = run(1800, args.toArray(String[]::new));
        if (r.exitCode() == REGISTRY_BLOCKED) {
            String reason = "BLOCKED: Fabric binaries cannot be installed on this machine: the Go module proxy "
                    + "refuses github.com/hyperledger/fabric (see docs/operations.md). Output:\n" + r.output();
            System.err.println("\n!!!!! " + reason + "\n");
            throw new TestAbortedException(reason);
        }
        if (!r.ok()) {
            throw new AssertionError("network.sh up failed with exit " + r.exitCode() + ":\n" + r.output()
                    + "\nlogs: " + logDir());
        }
        return r;
    }

    /** Why every test of the class using this network is aborted, when Fabric cannot be installed here. */
    private TestAbortedException blocker;

    /** For {@code @BeforeAll}: up from nothing and deploy, or remember the registry blocker (see upFromNothing). */
    void upAndDeployOrRecordBlocker() {
        try {
            upFromNothing();
        } catch (TestAbortedException e) {
            blocker = e;
            return;
        }
        require(900, "deploy");
    }

    /**
     * For {@code @BeforeEach}: each test reports the blocker itself, so the summary counts them as skipped rather
     * than showing none run.
     */
    void abortIfBlocked() {
        if (blocker != null) {
            throw new TestAbortedException(blocker.getMessage());
        }
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
        return Integer.parseInt(c.get("ORG_PORT_BASE")) + index * Integer.parseInt(c.get("ORG_PORT_STRIDE"))
                + Integer.parseInt(c.get(offsetKey));
    }

    /** Another network (a developer's, or a test that did not clean up) must not hold our ports. */
    static void requirePortsFree() {
        Map<String, String> c = config();
        int orderer = Integer.parseInt(c.get("ORDERER_PORT_BASE")) + Integer.parseInt(c.get("ORDERER_OFFSET"));
        for (int port : new int[] {orderer, orgPort(0, "PEER_OFFSET"), orgPort(0, "IPFS_API_OFFSET"),
                orgPort(1, "PEER_OFFSET"), orgPort(2, "PEER_OFFSET")}) {
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
            throw new AssertionError("cannot find the repository root (network/network.sh) above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
