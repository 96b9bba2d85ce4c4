package org.medfed.embedded.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.medfed.embedded.store.ChainVerifier;

/**
 * One organisation's operations endpoint on loopback, where Fabric's peer has its own: {@code GET /healthz} for
 * the scripts' health checks, {@code GET /verify-chain}, and {@code POST /reload} after {@code deploy} or {@code add-org} changed the network.
 */
final class OperationsServer implements AutoCloseable {

    private final HttpServer server;

    OperationsServer(
            int port, String org, Runnable reload, java.util.function.Supplier<ChainVerifier.Report> verifyChain)
            throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/healthz", ex -> {
            if (!"GET".equals(ex.getRequestMethod())) {
                reply(ex, 405, "{\"status\":\"method not allowed\"}");
                return;
            }
            reply(ex, 200, "{\"status\":\"OK\",\"engine\":\"embedded\",\"organisation\":\"" + org + "\"}");
        });
        server.createContext("/reload", ex -> {
            if (!"POST".equals(ex.getRequestMethod())) {
                reply(ex, 405, "{\"status\":\"use POST\"}");
                return;
            }
            try {
                reload.run();
                reply(ex, 200, "{\"status\":\"OK\"}");
            } catch (RuntimeException e) {
                reply(
                        ex,
                        500,
                        "{\"status\":\"reload failed\",\"error\":\""
                                + String.valueOf(e.getMessage())
                                        .replace("\\", "\\\\")
                                        .replace("\"", "'") + "\"}");
            }
        });
        // verify-chain while the ledger runs: the store file is locked by this process, so it answers itself.
        server.createContext("/verify-chain", ex -> {
            ChainVerifier.Report report = verifyChain.get();
            reply(ex, report.ok() ? 200 : 409, report.line());
        });
        server.start();
    }

    private static void reply(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
