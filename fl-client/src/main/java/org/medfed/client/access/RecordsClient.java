package org.medfed.client.access;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import org.medfed.client.access.TrustedCas.Requester;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;

/**
 * A requester's side of {@link RecordsServer}: mutual TLS with its own identity, trusting only the holder's
 * organisation's CA; the server is accepted when its certificate names the patient's data holder as the ledger
 * records it (participant id), which replaces host-name checks (identity certificates name people and nodes, not
 * hosts).
 */
public final class RecordsClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** The server's answer: its status and JSON body. */
    public record Answer(int status, Map<String, Object> body) {
        public boolean released() {
            return status == 200;
        }

        /** The refusal's code (for example {@code NO_LIVE_GRANT}), when it was refused. */
        public String error() {
            return JsonFields.optionalString(body, "error");
        }
    }

    private final SSLContext tls;
    private final TrustedCas holderCas;

    public RecordsClient(SSLContext tls, TrustedCas holderCas) {
        this.tls = tls;
        this.holderCas = holderCas;
    }

    /**
     * Asks {@code holder} for one scope of a patient's records.
     *
     * @param expectedHolderId the holder's participant id on the ledger; the server's certificate must name it
     * @throws IOException on a TLS or network failure, or when the server is not the expected holder
     */
    public Answer fetch(URI holder, String expectedHolderId, String patientRef, String scope, String decisionId)
            throws IOException {
        URI uri = holder.resolve(RecordsServer.PATH + patientRef + "?scope=" + encode(scope)
                + (decisionId == null ? "" : "&decision=" + encode(decisionId)));
        if (!"https".equals(uri.getScheme())) {
            throw new IOException("the holder's URL must be https://, got " + holder);
        }
        HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
        connection.setSSLSocketFactory(tls.getSocketFactory());
        // who the server is, is checked below against the ledger's holder id, not against the host name
        connection.setHostnameVerifier((host, session) -> true);
        connection.setConnectTimeout((int) TIMEOUT.toMillis());
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        connection.setRequestMethod("GET");
        try {
            connection.connect();
            requireHolder(connection.getServerCertificates(), expectedHolderId);
            int status = connection.getResponseCode();
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                String text = in == null ? "{}" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                try {
                    return new Answer(status, JsonFields.object(CanonicalJson.parse(text.strip())));
                } catch (IllegalArgumentException e) {
                    throw new IOException(
                            "the holder answered " + status + " with something other than JSON: " + e.getMessage());
                }
            }
        } finally {
            connection.disconnect();
        }
    }

    private void requireHolder(Certificate[] chain, String expectedHolderId) throws IOException {
        Optional<Requester> server = chain.length > 0 && chain[0] instanceof X509Certificate leaf
                ? holderCas.requester(leaf)
                : Optional.empty();
        if (server.isEmpty()) {
            throw new IOException("the server's certificate was not issued by the holder's organisation's CA");
        }
        if (!server.get().participantId().equals(expectedHolderId)) {
            throw new IOException("the server is " + server.get().participantId() + " ("
                    + server.get().mspId() + ", "
                    + server.get().subject() + "), not the patient's data holder " + expectedHolderId
                    + "; nothing was requested");
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
