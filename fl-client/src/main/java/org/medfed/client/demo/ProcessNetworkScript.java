package org.medfed.client.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs {@code bash network/network.sh ARGS...} in the repository root as a child process. */
public final class ProcessNetworkScript implements NetworkScript {

    /** How long to wait for the last output once the script has exited. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Path repositoryRoot;

    public ProcessNetworkScript(Path repositoryRoot) {
        this.repositoryRoot = repositoryRoot;
    }

    @Override
    public int run(List<String> args, PrintWriter out, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        List<String> command = new ArrayList<>(List.of("bash", PATH));
        command.addAll(args);
        Process process = new ProcessBuilder(command)
                .directory(repositoryRoot.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        Thread copier = new Thread(() -> copy(process.getInputStream(), out), "network-script-output");
        copier.setDaemon(true);
        copier.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                stop(process);
                throw new TimeoutException(PATH + " " + String.join(" ", args) + " did not finish within "
                        + timeout.toMinutes() + " min and was stopped");
            }
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
        // The servers the script starts log to their own files, so the pipe closes when the script ends.
        copier.join(DRAIN.toMillis());
        out.flush();
        return process.exitValue();
    }

    /** Copies as it arrives, not line by line, so progress output without a newline shows at once. */
    private static void copy(InputStream in, PrintWriter out) {
        char[] buffer = new char[8192];
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            for (int n; (n = reader.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // the process was stopped: nothing more to copy
        }
    }

    /**
     * Stops the script and everything it started, politely first. The script goes first: stopping its running
     * command first would let it go on to its next line before its own signal arrives.
     */
    private static void stop(Process process) throws InterruptedException {
        List<ProcessHandle> started = process.descendants().toList();
        process.destroy();
        started.forEach(ProcessHandle::destroy);
        process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
