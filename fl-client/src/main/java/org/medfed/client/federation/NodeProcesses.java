package org.medfed.client.federation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Client nodes as separate processes, the way each organisation runs its own ({@code medfed client start}), with
 * the same Java and class path as this program, each logging to its own file. {@link #stopAll()} stops only the
 * processes started here.
 */
public final class NodeProcesses implements AutoCloseable {
    private static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final Path logs;
    private final String classPath;
    private final Map<String, Process> running = new TreeMap<>();

    /** Nodes on this program's own class path. */
    public NodeProcesses(Path logs) {
        this(logs, System.getProperty("java.class.path"));
    }

    /** Nodes on {@code classPath} (for example the shaded {@code medfed-cli.jar}). */
    public NodeProcesses(Path logs, String classPath) {
        this.logs = logs;
        this.classPath = classPath;
    }

    /** Starts (or restarts) the node of {@code org}; its output is appended to {@code logs/client-<org>.log}. */
    public synchronized Process start(String org, Path config) throws IOException {
        Process old = running.get(org);
        if (old != null && old.isAlive()) {
            throw new IllegalStateException(org + "'s node is already running (pid " + old.pid() + ")");
        }
        Files.createDirectories(logs);
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of(
                "-cp",
                classPath,
                "org.medfed.client.cli.Main",
                "client",
                "start",
                "--config",
                config.toAbsolutePath().toString(),
                "--tick",
                "2"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log(org).toFile()));
        builder.environment().put("OMP_NUM_THREADS", "1");
        builder.environment().put("MEDFED_PROCESS", "client-" + org);
        Process process = builder.start();
        running.put(org, process);
        return process;
    }

    public Path log(String org) {
        return logs.resolve("client-" + org.toLowerCase(java.util.Locale.ROOT) + ".log");
    }

    /** Kills a node without warning (as a crash or power loss would). */
    public synchronized void kill(String org) throws InterruptedException {
        Process process = running.get(org);
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Asks every node started here to stop (as Ctrl-C would), then forces those that do not within the grace. */
    public synchronized void stopAll(Duration grace) throws InterruptedException {
        running.values().forEach(Process::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (Process process : running.values()) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
                process.destroyForcibly();
            }
        }
        running.clear();
    }

    /** {@link #stopAll} with 30 s of grace; interrupted, it forces the nodes still running and keeps the interrupt. */
    @Override
    public synchronized void close() {
        try {
            stopAll(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.values().forEach(Process::destroyForcibly);
            running.clear();
        }
    }
}
