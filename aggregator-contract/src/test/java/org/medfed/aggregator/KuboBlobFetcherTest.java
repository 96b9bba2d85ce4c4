package org.medfed.aggregator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Kubo client against a stand-in RPC server on the loopback: POST only, fixed add parameters, length cap. */
class KuboBlobFetcherTest {
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile byte[] catBody = new byte[0];
    private volatile String addAnswer = "";
    private volatile int status = 200;
    private volatile long delayMillis;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v0/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = exchange.getRequestURI().getPath().endsWith("/cat") ? catBody : addAnswer.getBytes(UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private KuboBlobFetcher fetcher(Duration timeout) {
        return new KuboBlobFetcher(
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()), timeout);
    }

    @Test
    void catsWithPostAndAsksForAtMostTheCap() throws IOException {
        catBody = new byte[] {1, 2, 3, 4, 5};
        try (InputStream in = fetcher(Duration.ofSeconds(5)).open("bafkreiabc", 3)) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThat(requests)
                .singleElement()
                .satisfies(r -> assertThat(r).startsWith("POST /api/v0/cat?arg=bafkreiabc&length=3&timeout=5000ms"));
    }

    @Test
    void addsWithTheFixedParametersAndReturnsTheLastHash() throws IOException {
        addAnswer = "{\"Name\":\"blob\",\"Hash\":\"bafkreiaaa\",\"Size\":\"4\"}\n";
        assertThat(fetcher(Duration.ofSeconds(5)).addAndPin(new byte[] {0, 0, 0, 0}))
                .isEqualTo("bafkreiaaa");
        assertThat(requests)
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .startsWith("POST /api/v0/add?"
                                + "cid-version=1&raw-leaves=true&chunker=size-262144&hash=sha2-256&max-file-links=174&trickle=false"
                                + "&pin=true&timeout="));
    }

    @Test
    void reportsErrorsAndTimeoutsAsIoExceptions() {
        status = 500;
        catBody = "{\"Message\":\"block not found\"}".getBytes(UTF_8);
        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(5)).open("bafkreiabc", 10))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("block not found");
        status = 200;
        addAnswer = "{}";
        assertThatThrownBy(() -> fetcher(Duration.ofSeconds(5)).addAndPin(new byte[1]))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no \"Hash\"");
        delayMillis = 4000;
        assertThatThrownBy(() -> fetcher(Duration.ofMillis(200)).open("bafkreiabc", 10))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no complete answer within");
    }
}
