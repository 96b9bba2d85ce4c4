package org.medfed.aggregator;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.medfed.common.codec.Hashing;

/**
 * {@link BlobFetcher} over Kubo's RPC API ({@code POST /api/v0/...}, the only method Kubo accepts). Every call carries
 * Kubo's own {@code timeout=} and a slightly longer client-side deadline covering the whole answer, body included.
 * {@code cat} asks Kubo for at most {@code maxBytes} bytes ({@code length=}), so a huge blob is never transferred,
 * and hands its body over as a stream as it arrives ({@link DeadlineInputStream}): the chaincode never holds a blob
 * whole, so its memory does not grow with blob size.
 *
 * <p>Each open blob is one HTTP/1.1 connection: the JDK client opens as many as there are bodies being read (it has
 * no per-host limit) and, reading a body only as fast as the caller does, holds a few 16 KiB buffers of each. So many
 * blobs can be read side by side (a test reads 100 at once), each within its own deadline from its request; Kubo's
 * {@code timeout=} ends its side at the same time.
 */
public final class KuboBlobFetcher implements BlobFetcher {
    /** Fixed import settings: a node's {@code Import.*} config must not change the CID of our bytes. */
    public static final String ADD_PARAMS = "cid-version=1&raw-leaves=true&chunker=size-262144&hash=sha2-256"
            + "&max-file-links=174&trickle=false&pin=true";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final int ANSWER_LIMIT = 1 << 16;
    private static final Pattern HASH = Pattern.compile("\"Hash\"\\s*:\\s*\"([^\"]+)\"");

    private final URI api;
    private final Duration timeout;
    private final HttpClient http;

    public KuboBlobFetcher(URI api, Duration timeout) {
        this.api = Objects.requireNonNull(api, "api");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    @Override
    public InputStream open(String cid, long maxBytes) throws IOException {
        if (maxBytes < 0 || maxBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxBytes out of range: " + maxBytes);
        }
        String what = "cat " + cid;
        long deadline = System.nanoTime() + deadline().toNanos();
        HttpResponse<InputStream> response = send(
                "cat",
                "arg=" + URLEncoder.encode(cid, StandardCharsets.UTF_8) + "&length=" + maxBytes,
                BodyPublishers.noBody(),
                null,
                what,
                BodyHandlers.ofInputStream(),
                deadline);
        if (response.statusCode() != 200) {
            byte[] message;
            try (InputStream in = new DeadlineInputStream(response.body(), ANSWER_LIMIT, deadline, late(what))) {
                message = in.readNBytes(ANSWER_LIMIT);
            }
            throw refused(what, response.statusCode(), message);
        }
        // Kubo honours length=; the cap here is for a node that would not.
        return new DeadlineInputStream(response.body(), maxBytes, deadline, late(what));
    }

    @Override
    public String addAndPin(byte[] data) throws IOException {
        String boundary = "medfed-" + Hashing.sha256Hex(data);
        byte[] head = ("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        BodyPublisher body = BodyPublishers.concat(
                BodyPublishers.ofByteArray(head), BodyPublishers.ofByteArray(data), BodyPublishers.ofByteArray(tail));
        String what = "add " + data.length + " bytes";
        byte[] answer = call("add", ADD_PARAMS, body, "multipart/form-data; boundary=" + boundary, what);
        String text = new String(answer, 0, Math.min(answer.length, ANSWER_LIMIT), StandardCharsets.UTF_8);
        String cid = null;
        Matcher matcher = HASH.matcher(text);
        while (matcher.find()) {
            cid = matcher.group(1);
        }
        if (cid == null) {
            throw new IOException(what + " at " + api + ": the answer names no \"Hash\": " + abbreviate(text));
        }
        return cid;
    }

    /** A call whose whole answer is small: read into memory within the deadline. */
    private byte[] call(String command, String query, BodyPublisher body, String contentType, String what)
            throws IOException {
        HttpResponse<byte[]> response = send(
                command,
                query,
                body,
                contentType,
                what,
                BodyHandlers.ofByteArray(),
                System.nanoTime() + deadline().toNanos());
        if (response.statusCode() != 200) {
            throw refused(what, response.statusCode(), response.body());
        }
        return response.body();
    }

    /** Sends the request and waits, until {@code deadlineNanos} at most, for the answer the handler makes of it. */
    private <T> HttpResponse<T> send(
            String command,
            String query,
            BodyPublisher body,
            String contentType,
            String what,
            HttpResponse.BodyHandler<T> handler,
            long deadlineNanos)
            throws IOException {
        URI uri = api.resolve("/api/v0/" + command + "?" + query + "&timeout=" + timeout.toMillis() + "ms");
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(deadline()).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        CompletableFuture<HttpResponse<T>> pending = http.sendAsync(request.build(), handler);
        try {
            return pending.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new IOException(late(what), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                // the request's own deadline (the same as ours) can fire first: the same failure, the same words
                throw new IOException(late(what), e.getCause());
            }
            throw new IOException(what + " at " + api + ": " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException(what + " at " + api + ": interrupted", e);
        }
    }

    /** Kubo's own timeout and a grace for the answer to travel: the client-side deadline of every call. */
    private Duration deadline() {
        return timeout.plus(GRACE);
    }

    private String late(String what) {
        return what + " at " + api + ": no complete answer within " + deadline().toMillis() + " ms";
    }

    private IOException refused(String what, int status, byte[] message) {
        return new IOException(what + " at " + api + ": HTTP " + status + " "
                + abbreviate(new String(message, 0, Math.min(message.length, ANSWER_LIMIT), StandardCharsets.UTF_8)));
    }

    private static String abbreviate(String text) {
        String line = text.strip();
        return line.length() <= 300 ? line : line.substring(0, 300) + "…";
    }
}
