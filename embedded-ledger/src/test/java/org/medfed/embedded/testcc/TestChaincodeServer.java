package org.medfed.embedded.testcc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The test chaincode ({@link TestContract}) as a real chaincode-as-a-service server: a child JVM running the shim's
 * {@code ContractRouter} on the test classpath, plaintext, on 127.0.0.1. {@link #close()} kills it.
 *
 * <pre>
 * try (TestChaincodeServer server = TestChaincodeServer.start()) {
 *     ChaincodeInvoker invoker = new ChaincodeConnection(server.address(), "testcc", "1");
 * }
 * </pre>
 *
 * The server's output goes to {@code target/testcc-<port>.log}.
 */
public final class TestChaincodeServer implements AutoCloseable {

    public static final String CHAINCODE_ID = "testcc:1";
    private static final Duration STARTUP = Duration.ofSeconds(60);

    private final int port;
    private final Map<String, String> env;
    private final Process process;

    private TestChaincodeServer(int port, Map<String, String> env) {
        this.port = port;
        this.env = Map.copyOf(env);
        this.process = launch();
        awaitListening();
    }

    /** On a free port. */
    public static TestChaincodeServer start() {
        return start(Map.of());
    }

    /** On a free port, with extra environment variables (e.g. {@link TestContract#DIVERGE_ENV}). */
    public static TestChaincodeServer start(Map<String, String> env) {
        return new TestChaincodeServer(freePort(), env);
    }

    /** On {@code port}, as the chaincode server of a network whose configuration names that port. */
    public static TestChaincodeServer startOn(int port, Map<String, String> env) {
        return new TestChaincodeServer(port, env);
    }

    /** A new server on the same port and environment, e.g. after {@link #close()}. */
    public TestChaincodeServer restart() {
        close();
        return new TestChaincodeServer(port, env);
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Process launch() {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        // Surefire runs tests from a manifest-only jar; it exposes the real test classpath in this property.
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder builder = new ProcessBuilder(
                List.of(java.toString(), "-cp", classpath, "org.hyperledger.fabric.contract.ContractRouter"));
        Map<String, String> processEnv = new HashMap<>(env);
        processEnv.put("CHAINCODE_SERVER_ADDRESS", address());
        processEnv.put("CORE_CHAINCODE_ID_NAME", CHAINCODE_ID);
        processEnv.put("CORE_PEER_TLS_ENABLED", "false");
        builder.environment().putAll(processEnv);
        builder.redirectErrorStream(true).redirectOutput(logFile().toFile());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test chaincode server", e);
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(STARTUP);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "test chaincode server exited with " + process.exitValue() + "; see " + logFile());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(Duration.ofMillis(100));
            }
        }
        close();
        throw new IllegalStateException(
                "test chaincode server did not listen within " + STARTUP + "; see " + logFile());
    }

    private Path logFile() {
        Path target = Paths.get("target");
        try {
            Files.createDirectories(target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target.resolve("testcc-" + port + ".log");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
