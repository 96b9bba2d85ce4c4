package org.medfed.client.ipfs;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An in-JVM stand-in for the few Kubo RPC endpoints we call; it records every request. */
public final class FakeKubo implements AutoCloseable {

    public record Request(String method, String path, Map<String, List<String>> query, Headers headers, byte[] body) {
        public String param(String name) {
            List<String> values = query.get(name);
            return values == null ? null : values.get(0);
        }
    }

    @FunctionalInterface
    public interface Responder {
        void respond(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Responder> responders = new ConcurrentHashMap<>();

    public FakeKubo() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::dispatch);
        server.setExecutor(executor);
        server.start();
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void on(String command, Responder responder) {
        responders.put("/api/v0/" + command, responder);
    }

    public List<Request> requests() {
        return requests;
    }

    public Request lastRequest() {
        return requests.get(requests.size() - 1);
    }

    /** A JSON answer with a fixed length, as Kubo sends for small results and errors. */
    public static Responder json(int status, String body) {
        return exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        };
    }

    /** A streamed (chunked) body announcing {@code declaredLength} in X-Content-Length, like {@code cat}. */
    public static Responder stream(byte[] body, Long declaredLength) {
        return exchange -> {
            if (declaredLength != null) {
                exchange.getResponseHeaders().add("X-Content-Length", Long.toString(declaredLength));
            }
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    /**
     * {@code cat} as Kubo answers it from {@code blobs} (CID → bytes, read when called): {@code length=} cuts the
     * blob and X-Content-Length announces what is sent; an unknown CID is Kubo's 500 error.
     */
    public static Responder catFrom(Map<String, byte[]> blobs) {
        return exchange -> {
            Map<String, List<String>> params = query(exchange.getRequestURI().getRawQuery());
            byte[] blob = blobs.get(params.get("arg").get(0));
            if (blob == null) {
                json(
                                500,
                                "{\"Message\":\"block was not found locally (offline): ipld: could not find "
                                        + params.get("arg").get(0) + "\",\"Code\":0,\"Type\":\"error\"}")
                        .respond(exchange);
                return;
            }
            List<String> length = params.get("length");
            int size = length == null ? blob.length : (int) Math.min(blob.length, Long.parseLong(length.get(0)));
            stream(java.util.Arrays.copyOf(blob, size), (long) size).respond(exchange);
        };
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        URI uri = exchange.getRequestURI();
        requests.add(new Request(
                exchange.getRequestMethod(),
                uri.getPath(),
                query(uri.getRawQuery()),
                exchange.getRequestHeaders(),
                body));
        Responder responder = responders.get(uri.getPath());
        if (responder == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        responder.respond(exchange);
        exchange.close();
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (raw == null) {
            return params;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            params.computeIfAbsent(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), k -> new ArrayList<>())
                    .add(kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
