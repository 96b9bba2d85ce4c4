package org.medfed.client.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a stand-in network/network.sh in a temporary repository, never the real one. */
class ProcessNetworkScriptTest {

    @TempDir
    Path repo;

    private final StringWriter out = new StringWriter();

    @Test
    void copiesStdoutAndStderrAndReturnsTheExitStatus() throws Exception {
        script("echo \"running $1 in $(basename \"$PWD\")\"", "echo 'to stderr' >&2", "exit 3");

        int status = new ProcessNetworkScript(repo).run(List.of("up"), new PrintWriter(out), Duration.ofSeconds(30));

        assertThat(status).isEqualTo(3);
        assertThat(out.toString())
                .contains("running up in " + repo.getFileName())
                .contains("to stderr");
    }

    @Test
    void stopsAScriptThatRunsTooLong() throws Exception {
        script("echo started", "sleep 60", "echo never");
        long start = System.nanoTime();

        assertThatThrownBy(() -> new ProcessNetworkScript(repo)
                        .run(List.of("deploy"), new PrintWriter(out), Duration.ofMillis(500)))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("network/network.sh deploy did not finish");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(out.toString()).contains("started").doesNotContain("never");
    }

    private void script(String... lines) throws Exception {
        Files.createDirectories(repo.resolve("network"));
        Files.writeString(repo.resolve(NetworkScript.PATH), "#!/usr/bin/env bash\n" + String.join("\n", lines) + "\n");
    }
}
