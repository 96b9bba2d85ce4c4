package org.medfed.client.console;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.function.Consumer;
import org.medfed.client.ipfs.BlobStoreFactory;

/**
 * The read-only web console: every page on one {@link ReadOnlyLedger}, blobs from the profile organisation's Kubo
 * node for Verify only, on {@code 127.0.0.1:port}. Closing it stops the server and the live-update thread; the ledger
 * connection belongs to the caller.
 */
public final class Console implements AutoCloseable {
    private final ConsoleServer server;

    private Console(ConsoleServer server) {
        this.server = server;
    }

    /**
     * Starts the console; {@code readingAs} names the identity for the footer, {@code port} 0 takes any free port.
     * Live updates follow the ledger's events when the connection has them.
     */
    public static Console start(
            ReadOnlyLedger ledger,
            BlobStoreFactory blobStores,
            URI ipfsApi,
            String readingAs,
            int port,
            Consumer<String> log)
            throws IOException {
        Map<String, Page> pages = Map.of(
                Links.TASKS,
                new TasksPage(ledger),
                "/task",
                new TaskPage(ledger),
                "/round",
                new RoundPage(ledger),
                Links.VERIFY,
                new VerifyPage(ledger, blobStores, ipfsApi),
                "/lineage",
                new LineagePage(ledger),
                "/record",
                new RecordPage(ledger),
                Links.PARTICIPANTS,
                new ParticipantsPage(ledger),
                Links.DATASETS,
                new DatasetsPage(ledger),
                Links.ACCESS,
                new AccessPage(ledger),
                Links.SEARCH,
                new SearchPage(ledger));
        LiveEvents live = ledger.hasEvents() ? new LiveEvents(ledger, log) : null;
        return new Console(ConsoleServer.start(port, pages, new Layout(readingAs), live, log));
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
    }
}
