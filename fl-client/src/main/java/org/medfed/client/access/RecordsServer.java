package org.medfed.client.access;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.medfed.client.access.GrantCheck.LiveGrant;
import org.medfed.client.access.PatientTable.Patient;
import org.medfed.client.access.TrustedCas.Requester;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.participation.NodeLog;
import org.medfed.common.access.RecordScope;
import org.medfed.common.access.ReleaseRecord;
import org.medfed.common.codec.CanonicalJson;

/**
 * A data holder's patient records over mutual TLS on the loopback interface: {@code GET /patients/{ref}?scope=S}.
 * The requester is the identity whose certificate one of the consortium's CAs issued, named as the chaincode names
 * it. Records leave only when, at request time, the ledger holds a live grant for that requester, patient and scope
 * ({@code access:checkGrant}) and the release then commits on the ledger ({@code access:recordRelease}, which checks
 * the grant again on ledger time); only the scope's fields are sent, and every release is appended to the
 * {@link ReleaseLog} first. Refusals: 401 without a client certificate, 400 for a missing or unknown scope, 404 for a
 * patient this holder does not hold, 403 with the ledger's code (for example {@code NO_LIVE_GRANT}) when the ledger
 * refuses, 503 when the ledger cannot be reached. The optional {@code decision} parameter is informational: the
 * release names the grant the ledger returned for this requester, patient and scope, never a decision the request
 * names, so a request cannot have its release booked against another grant.
 */
public final class RecordsServer implements AutoCloseable {

    static final String PATH = "/patients/";
    private static final Pattern REF = Pattern.compile("[0-9a-f]{64}");
    private static final int THREADS = 4;

    private final HttpsServer server;
    private final ExecutorService executor;
    private final TrustedCas cas;
    private final HeldPatients patients;
    private final GrantCheck grants;
    private final ReleaseLog releases;
    private final Clock clock;
    private final NodeLog log;

    private RecordsServer(
            HttpsServer server,
            ExecutorService executor,
            TrustedCas cas,
            HeldPatients patients,
            GrantCheck grants,
            ReleaseLog releases,
            Clock clock,
            NodeLog log) {
        this.server = server;
        this.executor = executor;
        this.cas = cas;
        this.patients = patients;
        this.grants = grants;
        this.releases = releases;
        this.clock = clock;
        this.log = log;
    }

    /** Starts serving on 127.0.0.1:{@code port} (0: any free port, see {@link #port()}). */
    public static RecordsServer start(
            int port,
            SSLContext tls,
            TrustedCas cas,
            HeldPatients patients,
            GrantCheck grants,
            ReleaseLog releases,
            Clock clock,
            NodeLog log)
            throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters parameters = getSSLContext().getDefaultSSLParameters();
                // "want", not "need": a request without a certificate gets a 401 that says why, not a bare TLS alert
                parameters.setWantClientAuth(true);
                params.setSSLParameters(parameters);
            }
        });
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "records-server-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        RecordsServer records = new RecordsServer(
                server,
                executor,
                Objects.requireNonNull(cas, "cas"),
                Objects.requireNonNull(patients, "patients"),
                Objects.requireNonNull(grants, "grants"),
                Objects.requireNonNull(releases, "releases"),
                Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(log, "log"));
        server.createContext(PATH, records::handle);
        server.start();
        return records;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Response(int status, Map<String, Object> body) {
        static Response refused(int status, String code, String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", code);
            body.put("message", message);
            return new Response(status, body);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        Response response;
        try {
            response = respond((HttpsExchange) exchange);
        } catch (RuntimeException e) {
            log.warn("records server: internal error: " + e);
            response = Response.refused(500, "INTERNAL", "internal error; nothing was released");
        }
        byte[] body = (CanonicalJson.encode(response.body()) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Response respond(HttpsExchange exchange) {
        if (!"GET".equals(exchange.getRequestMethod())) {
            return Response.refused(405, "METHOD_NOT_ALLOWED", "only GET " + PATH + "{ref}?scope=S");
        }
        Optional<Requester> identity = requester(exchange);
        if (identity.isEmpty()) {
            return Response.refused(
                    401, "UNAUTHENTICATED", "present a certificate issued by a consortium organisation's CA");
        }
        Requester requester = identity.get();
        String ref = exchange.getRequestURI().getRawPath().substring(PATH.length());
        if (!REF.matcher(ref).matches()) {
            return refuse(requester, ref, 404, "NOT_FOUND", "a patient reference is 64 lower-case hex digits");
        }
        Map<String, String> query;
        try {
            query = query(exchange.getRequestURI().getRawQuery());
        } catch (IllegalArgumentException e) {
            return refuse(requester, ref, 400, "INVALID_ARGUMENT", e.getMessage());
        }
        RecordScope scope;
        try {
            scope = RecordScope.fromWire(query.getOrDefault("scope", ""));
        } catch (IllegalArgumentException e) {
            return refuse(requester, ref, 400, "INVALID_ARGUMENT", e.getMessage());
        }
        Optional<Patient> patient = patients.find(ref);
        if (patient.isEmpty()) {
            return refuse(requester, ref, 404, "NOT_FOUND", "this data holder holds no patient " + ref);
        }
        try {
            LiveGrant grant = grants.check(requester.participantId(), ref, scope);
            Map<String, Object> records = HeldPatients.records(patient.get(), scope);
            String sha256 = HeldPatients.sha256(records);
            String releaseId = grants.recordRelease(new ReleaseRecord.Request(grant.decisionId(), scope, sha256));
            try {
                releases.append(new ReleaseLog.Entry(
                        releaseId, grant.decisionId(), requester, ref, scope.wire(), sha256, clock.instant()));
            } catch (IOException e) {
                log.warn("records server: release " + releaseId + " committed on the ledger but the release log "
                        + releases.file() + " could not be written (" + e.getMessage() + "); nothing was sent");
                return Response.refused(500, "INTERNAL", "the release log could not be written; nothing was sent");
            }
            log.info("released " + scope.wire() + " of " + ref + " to " + requester.participantId() + " under decision "
                    + grant.decisionId() + " (release " + releaseId + ")");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("patientRef", ref);
            body.put("scope", scope.wire());
            body.put("decisionId", grant.decisionId());
            body.put("releaseId", releaseId);
            body.put("recordsSha256", sha256);
            body.put("records", records);
            return new Response(200, body);
        } catch (MedfedException e) {
            if (e.isNetworkUnavailable()) {
                return refuse(requester, ref, 503, e.code(), "the ledger cannot be reached; nothing was released");
            }
            return refuse(requester, ref, 403, e.code(), e.getMessage());
        }
    }

    private Response refuse(Requester requester, String ref, int status, String code, String message) {
        log.info("refused " + requester.participantId() + " (" + requester.mspId() + ", " + requester.subject()
                + ") patient " + ref + ": " + status + " " + code);
        return Response.refused(status, code, message);
    }

    private Optional<Requester> requester(HttpsExchange exchange) {
        try {
            Certificate[] chain = exchange.getSSLSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf
                    ? cas.requester(leaf)
                    : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (query.put(name, value) != null) {
                throw new IllegalArgumentException("parameter \"" + name + "\" given twice");
            }
        }
        return query;
    }
}
