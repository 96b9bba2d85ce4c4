package org.medfed.client.console;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.protocol.ErrorCode;

/**
 * The console's web server: the JDK's HTTP server on the loopback interface only, GET and HEAD only, the same
 * security headers on every answer (a Content-Security-Policy that allows nothing from outside the console and no
 * inline script or style), and requests whose Host is not this loopback address refused, so another web site open
 * in the same browser cannot read the ledger through it (DNS rebinding).
 */
public final class ConsoleServer implements AutoCloseable {

    static final String CSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final Map<String, String> STATIC = Map.of(
            Links.STYLE, "text/css; charset=utf-8",
            Links.SCRIPT, "text/javascript; charset=utf-8");
    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD");

    private final HttpServer http;
    private final ExecutorService threads;
    private final Map<String, Page> pages;
    private final Layout layout;
    private final LiveEvents live;
    private final Consumer<String> log;

    private ConsoleServer(
            HttpServer http, Map<String, Page> pages, Layout layout, LiveEvents live, Consumer<String> log) {
        this.http = http;
        this.pages = Map.copyOf(pages);
        this.layout = layout;
        this.live = live;
        this.log = log;
        // Event streams each hold a thread while their page is open; pages are short.
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "console-http");
            thread.setDaemon(true);
            return thread;
        });
        http.setExecutor(threads);
        http.createContext("/", this::handle);
    }

    /**
     * Listens on {@code 127.0.0.1:port} (0: any free port). {@code live} may be null: pages then never refresh by
     * themselves.
     */
    static ConsoleServer start(int port, Map<String, Page> pages, Layout layout, LiveEvents live, Consumer<String> log)
            throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        ConsoleServer server = new ConsoleServer(http, pages, layout, live, log);
        http.start();
        return server;
    }

    public URI address() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            secure(exchange.getResponseHeaders());
            if (!READ_METHODS.contains(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "the console only reads\n");
                return;
            }
            if (!fromThisAddress(exchange)) {
                send(exchange, 421, "text/plain; charset=utf-8", "unexpected Host header\n");
                return;
            }
            Request request = Request.of(exchange.getRequestURI());
            String type = STATIC.get(request.path());
            if (type != null) {
                sendResource(exchange, request.path(), type);
            } else if (request.path().equals("/favicon.ico")) {
                // Browsers ask for it unbidden; the console has none, and says so without an error page.
                exchange.sendResponseHeaders(204, -1);
            } else if (request.path().equals("/events") && live != null) {
                live.serve(exchange, request.optional("task").orElse(""));
            } else {
                sendPage(exchange, request);
            }
        } catch (IOException e) {
            // The browser closed the connection mid-answer.
        }
    }

    private void sendPage(HttpExchange exchange, Request request) throws IOException {
        Page page = pages.get(request.path());
        int status = 200;
        Page.Rendered rendered;
        try {
            if (page == null) {
                throw new HttpError(404, "there is no page at " + request.path());
            }
            rendered = page.render(request);
        } catch (HttpError e) {
            status = e.status();
            rendered = error(e.getMessage());
        } catch (MedfedException e) {
            status = statusOf(e);
            rendered = error(e.getMessage());
        } catch (Exception e) {
            status = 500;
            log.accept("page " + request.path() + " failed: " + e);
            rendered = error("the console failed to draw this page ("
                    + e.getClass().getSimpleName() + "); " + "see the console's output");
        }
        send(
                exchange,
                status,
                "text/html; charset=utf-8",
                layout.page(rendered.title(), rendered.liveTask(), rendered.body()));
    }

    /** A ledger refusal keeps its code: an unknown id is "not found", an unreachable peer "unavailable". */
    static int statusOf(MedfedException e) {
        if (e.isNetworkUnavailable()) {
            return 503;
        }
        if (ErrorCode.NOT_FOUND.name().equals(e.code())) {
            return 404;
        }
        return ErrorCode.INVALID_ARGUMENT.name().equals(e.code()) ? 400 : 502;
    }

    private static Page.Rendered error(String message) {
        return new Page.Rendered(
                "Not shown",
                null,
                "<h1>Not shown</h1>\n<p class=\"error\" role=\"alert\">" + Html.text(message) + "</p>\n");
    }

    private boolean fromThisAddress(HttpExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst("Host");
        int port = http.getAddress().getPort();
        return host == null
                || host.equals("127.0.0.1:" + port)
                || host.equals("localhost:" + port)
                || host.equals("[::1]:" + port);
    }

    private static void secure(Headers headers) {
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Cross-Origin-Resource-Policy", "same-origin");
    }

    private void sendResource(HttpExchange exchange, String path, String type) throws IOException {
        try (InputStream in =
                ConsoleServer.class.getResourceAsStream("/console" + path.substring("/static".length()))) {
            if (in == null) {
                send(exchange, 404, "text/plain; charset=utf-8", "missing " + path + "\n");
                return;
            }
            sendBytes(exchange, 200, type, in.readAllBytes());
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        sendBytes(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void sendBytes(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        if (live != null) {
            live.close();
        }
        http.stop(0);
        threads.shutdownNow();
    }
}
