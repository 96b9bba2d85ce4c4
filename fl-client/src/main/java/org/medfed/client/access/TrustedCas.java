package org.medfed.client.access;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.net.ssl.TrustManagerFactory;
import org.hyperledger.fabric.client.identity.Identities;
import org.medfed.common.model.ParticipantIds;

/**
 * The consortium's organisations as a TLS peer must prove membership: each MSP id with its identity CA's certificate
 * (cryptogen and the embedded ledger write it to {@code crypto/peerOrganizations/<domain>/msp/cacerts/}). A
 * certificate issued by one of them names a participant exactly as the chaincode names the same identity: the
 * issuing CA's MSP id and the certificate's subject, through {@link ParticipantIds}.
 */
public final class TrustedCas {

    private final Map<String, X509Certificate> byMsp;

    private TrustedCas(Map<String, X509Certificate> byMsp) {
        this.byMsp = Collections.unmodifiableMap(new TreeMap<>(byMsp));
        if (this.byMsp.isEmpty()) {
            throw new IllegalArgumentException("at least one organisation's CA certificate is needed");
        }
    }

    public static TrustedCas of(Map<String, X509Certificate> byMsp) {
        byMsp.keySet().forEach(ParticipantIds::mspId);
        return new TrustedCas(byMsp);
    }

    /** Reads each MSP id's CA certificate from a PEM file. */
    public static TrustedCas load(Map<String, Path> pemByMsp) throws IOException {
        Map<String, X509Certificate> certificates = new TreeMap<>();
        for (Map.Entry<String, Path> entry : pemByMsp.entrySet()) {
            certificates.put(entry.getKey(), certificate(entry.getValue()));
        }
        try {
            return of(certificates);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Parses {@code MSPID=FILE}, the form the command line and the node configuration take. */
    public static Map.Entry<String, Path> parseEntry(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException(
                    "expected MSPID=CA_CERT_PEM (for example HospitalMSP=network/data/crypto/peerOrganizations/"
                            + "hospital.medfed.local/msp/cacerts/ca.hospital.medfed.local-cert.pem), got \"" + text
                            + "\"");
        }
        return Map.entry(ParticipantIds.mspId(text.substring(0, eq).strip()), Path.of(text.substring(eq + 1)));
    }

    static X509Certificate certificate(Path pem) throws IOException {
        try (Reader in = Files.newBufferedReader(pem)) {
            return Identities.readX509Certificate(in);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(pem + " is not a PEM X.509 certificate (" + e.getMessage() + ")", e);
        }
    }

    public Map<String, X509Certificate> byMsp() {
        return byMsp;
    }

    /** The MSP whose CA issued {@code certificate}: the issuer's name matches and the signature verifies. */
    public Optional<String> issuerMsp(X509Certificate certificate) {
        for (Map.Entry<String, X509Certificate> ca : byMsp.entrySet()) {
            if (!ca.getValue().getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
                continue;
            }
            try {
                certificate.verify(ca.getValue().getPublicKey());
                return Optional.of(ca.getKey());
            } catch (GeneralSecurityException e) {
                // same name, another key: not this organisation
            }
        }
        return Optional.empty();
    }

    /** The participant id of a certificate one of these CAs issued. */
    public Optional<Requester> requester(X509Certificate certificate) {
        return issuerMsp(certificate).map(msp -> Requester.of(msp, certificate));
    }

    /** Trust managers that accept exactly the certificates these CAs issued. */
    TrustManagerFactory trustManagers() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (Map.Entry<String, X509Certificate> ca : byMsp.entrySet()) {
            store.setCertificateEntry(ca.getKey(), ca.getValue());
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(store);
        return factory;
    }

    /** Who a certificate names: MSP id, subject (RFC 2253, as the chaincode reads it) and participant id. */
    public record Requester(String mspId, String subject, String participantId) {
        static Requester of(String mspId, X509Certificate certificate) {
            String subject = certificate.getSubjectX500Principal().getName();
            return new Requester(mspId, subject, ParticipantIds.of(mspId, subject));
        }
    }
}
