package org.medfed.client.ipfs;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A {@link BlobStore} over Kubo's RPC API ({@code POST /api/v0/...}).
 *
 * <p>Every call carries Kubo's own {@code timeout=} so the node gives up too, and a slightly longer
 * client-side timeout in case the node does not answer at all.
 */
public final class KuboBlobStore implements BlobStore, PinStore, KuboAdmin, AutoCloseable {

    /** Fixed import settings: a node's {@code Import.*} config must not change the CID of our bytes. */
    static final String ADD_PARAMS = "cid-version=1&raw-leaves=true&chunker=size-262144&hash=sha2-256"
            + "&max-file-links=174&trickle=false&pin=true";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Garbage collection walks every pin and block of the repository, so it gets longer than one request. */
    static final Duration GC_TIMEOUT = Duration.ofMinutes(10);

    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    private static final int JSON_LIMIT = 1 << 20;
    private static final int MAX_BLOB = Integer.MAX_VALUE - 16;

    private final URI api;
    private final Duration timeout;
    private final Duration grace;
    private final ExecutorService executor;
    private final HttpClient http;
    /** Reads with Kubo's {@code offline=true}: only the node's own blocks (see {@link #localOnly()}). */
    private final boolean offline;

    public KuboBlobStore(URI api) {
        this(api, DEFAULT_TIMEOUT);
    }

    public KuboBlobStore(URI api, Duration timeout) {
        this(api, timeout, DEFAULT_GRACE);
    }

    /** {@code grace}: how much longer than Kubo's own deadline we wait before giving up on the node. */
    KuboBlobStore(URI api, Duration timeout, Duration grace) {
        this.api = Objects.requireNonNull(api, "api");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        this.grace = grace;
        this.offline = false;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "kubo-http");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .executor(executor)
                .build();
    }

    /** A view of {@code node} that reads offline, over the same HTTP client; closing it leaves the node's open. */
    private KuboBlobStore(KuboBlobStore node) {
        this.api = node.api;
        this.timeout = node.timeout;
        this.grace = node.grace;
        this.executor = null;
        this.http = node.http;
        this.offline = true;
    }

    /** Reads with Kubo's {@code offline=true}: a blob the node does not hold whole fails at once. */
    @Override
    public KuboBlobStore localOnly() {
        return offline ? this : new KuboBlobStore(this);
    }

    @Override
    public BlobRef add(byte[] data) throws BlobStoreException {
        String sha256 = BlobStore.sha256Hex(data);
        String what = "add " + data.length + " bytes (sha256 " + sha256 + ")";
        String boundary = "medfed-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\n"
                        + "Content-Disposition: form-data; name=\"file\"; filename=\"blob\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        BodyPublisher body = BodyPublishers.concat(
                BodyPublishers.ofByteArray(head), BodyPublishers.ofByteArray(data), BodyPublishers.ofByteArray(tail));
        String text = new String(
                readJsonBody(post("add", ADD_PARAMS, body, "multipart/form-data; boundary=" + boundary, what), what),
                StandardCharsets.UTF_8);
        String cid = null;
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                cid = stringField(parseObject(line, what), "Hash");
            }
        }
        if (cid == null || cid.isEmpty()) {
            throw fail(what, "the answer ended without a \"Hash\" (the import failed part-way): " + abbreviate(text));
        }
        return new BlobRef(cid, sha256, data.length);
    }

    @Override
    public byte[] cat(String cid, long maxBytes) throws BlobStoreException {
        return read(cid, maxBytes, false);
    }

    /** Kubo's {@code cat} with {@code length=maxBytes}, so no more than that is transferred. */
    @Override
    public byte[] head(String cid, long maxBytes) throws BlobStoreException {
        return read(cid, maxBytes, true);
    }

    private byte[] read(String cid, long maxBytes, boolean cut) throws BlobStoreException {
        requireCid(cid);
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
        }
        String what = "cat " + cid;
        String query = "arg=" + encode(cid) + (cut ? "&length=" + maxBytes : "") + (offline ? "&offline=true" : "");
        HttpResponse<InputStream> response = post("cat", query, BodyPublishers.noBody(), null, what);
        try (InputStream in = response.body()) {
            long declared =
                    response.headers().firstValueAsLong("X-Content-Length").orElse(-1);
            if (declared < 0) {
                throw fail(what, "no X-Content-Length header, so a truncated download could not be detected");
            }
            long expected = cut ? Math.min(declared, Math.min(maxBytes, MAX_BLOB)) : declared;
            if (expected > Math.min(maxBytes, MAX_BLOB)) {
                throw fail(what, "the blob is " + declared + " bytes, over the limit of " + maxBytes + " bytes");
            }
            byte[] data = in.readNBytes((int) expected);
            if (data.length < expected) {
                throw fail(what, "the download was truncated: " + data.length + " of " + expected + " bytes arrived");
            }
            if (!cut && in.read() != -1) {
                throw fail(what, "the node sent more than the " + declared + " bytes it announced");
            }
            return data;
        } catch (IOException e) {
            throw fail(what, "the download broke off: " + e, e);
        }
    }

    @Override
    public void pin(String cid) throws BlobStoreException {
        requireCid(cid);
        String what = "pin " + cid;
        JsonObject answer = callJson("pin/add", "arg=" + encode(cid), what);
        JsonArray pins = answer.has("Pins") && answer.get("Pins").isJsonArray() ? answer.getAsJsonArray("Pins") : null;
        if (pins == null || pins.isEmpty()) {
            throw fail(what, "the answer lists no pins: " + answer);
        }
    }

    /** {@code pin/ls} of the recursive pins, streamed one line per pin so a large node needs no large answer. */
    @Override
    public Set<String> pins() throws BlobStoreException {
        String what = "list its pins";
        Set<String> pins = new TreeSet<>();
        eachLine(post("pin/ls", "type=recursive&stream=true", BodyPublishers.noBody(), null, what), what, line -> {
            String cid = stringField(line, "Cid");
            if (cid != null) {
                pins.add(cid);
            }
        });
        return pins;
    }

    @Override
    public void unpin(String cid) throws BlobStoreException {
        requireCid(cid);
        String what = "unpin " + cid;
        try {
            callJson("pin/rm", "arg=" + encode(cid), what);
        } catch (BlobStoreException e) {
            // Kubo refuses with "not pinned or pinned indirectly"; gone already is what an unpin wants.
            if (!String.valueOf(e.getMessage()).contains("not pinned")) {
                throw e;
            }
        }
    }

    /** {@code repo/gc}, streamed (one line per deleted block); an {@code Error} line fails the whole call. */
    @Override
    public long collectGarbage() throws BlobStoreException {
        String what = "collect garbage";
        long[] removed = {0};
        List<String> errors = new ArrayList<>();
        eachLine(post("repo/gc", "", BodyPublishers.noBody(), null, what, GC_TIMEOUT), what, line -> {
            String error = stringField(line, "Error");
            if (error != null && !error.isEmpty()) {
                errors.add(error);
            } else if (line.has("Key")) {
                removed[0]++;
            }
        });
        if (!errors.isEmpty()) {
            throw fail(what, errors.size() + " error(s), the first: " + abbreviate(errors.get(0)));
        }
        return removed[0];
    }

    @Override
    public KuboIdentity id() throws BlobStoreException {
        JsonObject answer = callJson("id", "", "read the node identity");
        return new KuboIdentity(
                stringField(answer, "ID"), stringField(answer, "AgentVersion"), strings(answer.get("Addresses")));
    }

    @Override
    public List<SwarmPeer> swarmPeers() throws BlobStoreException {
        JsonObject answer = callJson("swarm/peers", "", "list swarm peers");
        List<SwarmPeer> peers = new ArrayList<>();
        JsonElement list = answer.get("Peers");
        if (list != null && list.isJsonArray()) {
            for (JsonElement p : list.getAsJsonArray()) {
                JsonObject peer = p.getAsJsonObject();
                peers.add(new SwarmPeer(stringField(peer, "Peer"), stringField(peer, "Addr")));
            }
        }
        return List.copyOf(peers);
    }

    @Override
    public String version() throws BlobStoreException {
        return stringField(callJson("version", "", "read the node version"), "Version");
    }

    @Override
    public long repoSizeBytes() throws BlobStoreException {
        String what = "read the repository's size";
        JsonObject answer = callJson("repo/stat", "size-only=true", what);
        JsonElement size = answer.get("RepoSize");
        if (size == null
                || !size.isJsonPrimitive()
                || !size.getAsJsonPrimitive().isNumber()) {
            throw fail(what, "the answer has no numeric \"RepoSize\": " + abbreviate(answer.toString()));
        }
        return size.getAsLong();
    }

    /** The RPC base address, for messages. */
    public URI api() {
        return api;
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private JsonObject callJson(String command, String query, String what) throws BlobStoreException {
        byte[] body = readJsonBody(post(command, query, BodyPublishers.noBody(), null, what), what);
        return parseObject(new String(body, StandardCharsets.UTF_8), what);
    }

    private HttpResponse<InputStream> post(
            String command, String query, BodyPublisher body, String contentType, String what)
            throws BlobStoreException {
        return post(command, query, body, contentType, what, timeout);
    }

    private HttpResponse<InputStream> post(
            String command, String query, BodyPublisher body, String contentType, String what, Duration deadline)
            throws BlobStoreException {
        String timeoutParam = "timeout=" + deadline.toMillis() + "ms";
        URI uri = api.resolve("/api/v0/" + command + "?" + (query.isEmpty() ? "" : query + "&") + timeoutParam);
        Duration waited = deadline.plus(grace);
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(waited).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw fail(
                    what,
                    "the node is unreachable (" + e.getMessage()
                            + "): is it running? Check `network/network.sh status`",
                    e);
        } catch (HttpTimeoutException e) {
            throw fail(what, "no answer within " + waited.toMillis() + " ms", e);
        } catch (IOException e) {
            throw fail(what, "I/O error: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(what, "interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw fail(what, errorText(response));
        }
        return response;
    }

    private String errorText(HttpResponse<InputStream> response) {
        String text;
        try (InputStream in = response.body()) {
            text = new String(in.readNBytes(JSON_LIMIT), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            text = "";
        }
        String message = text;
        try {
            JsonElement json = JsonParser.parseString(text);
            if (json.isJsonObject() && json.getAsJsonObject().has("Message")) {
                message = json.getAsJsonObject().get("Message").getAsString();
            }
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException notJson) {
            // Kubo answers some errors (unknown command, CSRF refusal) in plain text.
        }
        String hint = switch (response.statusCode()) {
            case 403 -> " (Kubo refused the request: API.Authorizations, or an Origin/Mozilla user agent?)";
            case 404 -> " (unknown endpoint: is " + api + " a Kubo RPC API?)";
            case 405 -> " (Kubo only accepts POST)";
            default -> "";
        };
        return abbreviate(message) + " (HTTP " + response.statusCode() + ")" + hint;
    }

    /** Reads a newline-delimited JSON answer object by object, without holding it whole. */
    private void eachLine(HttpResponse<InputStream> response, String what, Consumer<JsonObject> each)
            throws BlobStoreException {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.length() > JSON_LIMIT) {
                    throw fail(what, "an answer line is longer than " + JSON_LIMIT + " characters");
                }
                if (!line.isBlank()) {
                    each.accept(parseObject(line, what));
                }
            }
        } catch (IOException e) {
            throw fail(what, "reading the answer failed: " + e, e);
        }
    }

    private byte[] readJsonBody(HttpResponse<InputStream> response, String what) throws BlobStoreException {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(JSON_LIMIT + 1);
            if (body.length > JSON_LIMIT) {
                throw fail(what, "the answer is larger than " + JSON_LIMIT + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw fail(what, "reading the answer failed: " + e, e);
        }
    }

    private JsonObject parseObject(String text, String what) throws BlobStoreException {
        try {
            JsonElement json = JsonParser.parseString(text);
            if (json.isJsonObject()) {
                return json.getAsJsonObject();
            }
        } catch (JsonParseException e) {
            throw fail(what, "the answer is not JSON: " + abbreviate(text), e);
        }
        throw fail(what, "expected a JSON object, got: " + abbreviate(text));
    }

    private static String stringField(JsonObject json, String name) {
        JsonElement value = json.get(name);
        return value == null || value.isJsonNull() ? null : value.getAsString();
    }

    private static List<String> strings(JsonElement array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isJsonArray()) {
            array.getAsJsonArray().forEach(e -> out.add(e.getAsString()));
        }
        return List.copyOf(out);
    }

    private BlobStoreException fail(String what, String problem) {
        return new BlobStoreException("Kubo at " + api + " could not " + what + ": " + problem);
    }

    private BlobStoreException fail(String what, String problem, Throwable cause) {
        return new BlobStoreException("Kubo at " + api + " could not " + what + ": " + problem, cause);
    }

    private static void requireCid(String cid) {
        if (cid == null || cid.isBlank()) {
            throw new IllegalArgumentException("cid must not be blank");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replace('\n', ' ');
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
