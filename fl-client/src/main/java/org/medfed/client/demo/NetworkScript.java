package org.medfed.client.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** Runs {@code network/network.sh}; the seam that tests replace with a fake. */
@FunctionalInterface
public interface NetworkScript {

    /** The script, relative to the repository root. */
    String PATH = "network/network.sh";

    /**
     * Runs {@code network/network.sh ARGS...}, copying its output (stdout and stderr) to {@code out} as it
     * arrives, and returns its exit status.
     *
     * @throws TimeoutException when it did not finish within {@code timeout}; it has been stopped by then
     */
    int run(List<String> args, PrintWriter out, Duration timeout)
            throws IOException, InterruptedException, TimeoutException;

    /** Makes the script runner for a repository root. */
    @FunctionalInterface
    interface Factory {
        NetworkScript at(Path repositoryRoot);
    }
}
