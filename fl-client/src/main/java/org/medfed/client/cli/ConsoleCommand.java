package org.medfed.client.cli;

import java.io.IOException;
import java.net.BindException;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import org.medfed.client.ExitCodes;
import org.medfed.client.console.Console;
import org.medfed.client.console.ReadOnlyLedger;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ipfs.BlobStoreFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(
        name = "console",
        description = {
            "Serve the read-only web console on http://127.0.0.1:PORT/: tasks, rounds, metrics, reputation, epsilon "
                    + "against the cap, every update and aggregation with a Verify button, model lineage graphs, "
                    + "participants, datasets and access decisions, and search; live while a task runs.",
            "Acts as --profile with evaluate transactions only (it never submits) and reads blobs from that "
                    + "organisation's Kubo node to verify rounds. Runs until Ctrl-C. docs/console.md lists the pages."
        })
final class ConsoleCommand extends LedgerCommand {

    @Option(
            names = "--port",
            defaultValue = "8080",
            paramLabel = "PORT",
            description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    private final BlobStoreFactory blobStores;

    ConsoleCommand(BlobStoreFactory blobStores) {
        this.blobStores = blobStores;
    }

    @Override
    protected boolean prepare() {
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, got " + port);
        }
        return true;
    }

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        ConnectionProfile profile = identity.load();
        String readingAs = profile.name() + " (" + profile.mspId() + ")";
        Console console;
        try {
            console = Console.start(
                    new ReadOnlyLedger(ledger), blobStores, profile.ipfsApi(), readingAs, port, this::log);
        } catch (BindException e) {
            throw new InputException("port " + port + " on 127.0.0.1 is in use; pick another with --port", e);
        } catch (IOException e) {
            throw new InputException("cannot serve on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "console-shutdown"));
        try (console) {
            log("console at " + console.address() + " reading as " + readingAs + "; Ctrl-C to stop");
            stopped.await();
        }
        return ExitCodes.OK;
    }

    private synchronized void log(String message) {
        out().println(Instant.now() + " " + message);
        out().flush();
    }
}
