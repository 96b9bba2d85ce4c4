package org.medfed.aggregator;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kubo client against a stand-in RPC server on the loopback: POST only, fixed add parameters, length cap, bodies
 * streamed as they arrive within the deadline.
 */
class KuboBlobFetcherTest {
    private HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile byte[] catBody = new byte[0];
    private volatile Function<String, byte[]> catBodies = cid -> catBody;
    private volatile String addAnswer = "";
    private volatile int status = 200;
    private volatile long delayMillis;
    /** The cat body's first this many bytes are sent, then the handler waits for {@link #resume}. */
    private volatile int pauseAfter = -1;

    private final CountDownLatch resume = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v0/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            try {
                Thread.sleep(delayMillis);
                boolean cat = exchange.getRequestURI().getPath().endsWith("/cat");
                String query = exchange.getRequestURI().getQuery();
                byte[] body = cat ? catBodies.apply(query.substring(4, query.indexOf('&'))) : addAnswer.getBytes(UTF_8);
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                OutputStream out = exchange.getResponseBody();
                int first = cat && pauseAfter >= 0 ? pauseAfter : body.length;
                out.write(body, 0, first);
                out.flush();
                if (first < body.length) {
                    resume.await();
                    out.write(body, first, body.length - first);
                }
            } catch (InterruptedException | IOException e) {
                // the client went away (a test of its deadline) or the server is stopping
            } finally {
                exchange.close();
            }
        });
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stop() {
        resume.countDown();
        server.stop(0);
        handlers.shutdownNow();
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

    @Test
    void aBodyThatStallsFailsOnceTheDeadlinePassesRatherThanWaiting() throws IOException {
        catBody = new byte[100_000];
        pauseAfter = 1000;
        long start = System.nanoTime();
        try (InputStream in = fetcher(Duration.ofMillis(200)).open("bafkreiabc", catBody.length)) {
            assertThat(in.readNBytes(1000)).hasSize(1000);

            // the server never sends the rest: the read fails at the deadline, 200 ms + 2 s of grace
            assertThatThrownBy(() -> in.readNBytes(1))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("cat bafkreiabc")
                    .hasMessageContaining("no complete answer within 2200 ms");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start))
                .isBetween(Duration.ofMillis(2200), Duration.ofSeconds(6));
    }

    @Test
    void aLargeBodyIsHandedOverAsItArrivesNotBufferedWhole() throws IOException {
        byte[] blob = pattern(32 << 20, 7);
        catBody = blob;
        pauseAfter = 1 << 20;
        try (InputStream in = fetcher(Duration.ofSeconds(20)).open("bafkreiabc", blob.length)) {
            // open returned while the server holds back 31 of the 32 MiB: nothing waited for the whole body
            byte[] head = in.readNBytes(1 << 20);
            resume.countDown();
            byte[] tail = in.readAllBytes();

            assertThat(head).isEqualTo(Arrays.copyOf(blob, 1 << 20));
            assertThat(tail).isEqualTo(Arrays.copyOfRange(blob, 1 << 20, blob.length));
        }
    }

    @Test
    void aHundredBodiesCanBeReadSideBySide() throws IOException {
        catBodies = cid -> pattern(256 * 1024, Integer.parseInt(cid.substring(1)));
        KuboBlobFetcher fetcher = fetcher(Duration.ofSeconds(20));
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                open.add(fetcher.open("b" + i, 256 * 1024));
            }
            // a tile at a time from each in turn, as TiledMean reads its cursors
            byte[][] read = new byte[100][256 * 1024];
            for (int from = 0; from < 256 * 1024; from += 16 * 1024) {
                for (int i = 0; i < 100; i++) {
                    assertThat(open.get(i).readNBytes(read[i], from, 16 * 1024)).isEqualTo(16 * 1024);
                }
            }
            for (int i = 0; i < 100; i++) {
                assertThat(open.get(i).read()).isEqualTo(-1);
                assertThat(read[i]).as("body %d", i).isEqualTo(pattern(256 * 1024, i));
            }
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
    }

    /** Bytes that differ with the seed and along the body, so a mixed-up or shifted body shows. */
    private static byte[] pattern(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed * 17 + (i >>> 10));
        }
        return bytes;
    }
}
