package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.ExitCodes;

class ConsoleCommandTest {

    @TempDir
    Path root;

    @Test
    void refusesAPortOutOfRangeBeforeReadingTheProfile() throws Exception {
        LedgerCli cli = new LedgerCli(root);
        assertThat(cli.run("console", "--port", "70000")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.err()).contains("--port must be from 0 to 65535, got 70000");
    }

    @Test
    void saysWhichPortIsTakenAndHowToPickAnother() throws Exception {
        LedgerCli cli = new LedgerCli(root);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int exit = cli.admin("console", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(exit).isEqualTo(ExitCodes.USAGE);
            assertThat(cli.err())
                    .contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use; pick another with --port");
        }
    }
}
