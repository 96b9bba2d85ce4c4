package org.medfed.embedded.msp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

/**
 * PEM as Go's encoding/pem writes it (64-character lines, LF), for certificates, certificate revocation lists and
 * PKCS#8 EC private keys.
 */
final class Pem {

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";
    /** The block type Go's x509.ParseCRL (Fabric's MSP) looks for. */
    static final String CRL = "X509 CRL";

    private Pem() {}

    static String certificate(X509Certificate certificate) {
        try {
            return encode(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateException e) {
            throw new IllegalStateException("cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    static String crl(X509CRL crl) {
        try {
            return encode(CRL, crl.getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException("cannot encode the CRL of " + crl.getIssuerX500Principal(), e);
        }
    }

    /** The one "X509 CRL" block of a PEM text; anything else (other types, several blocks) is refused. */
    static X509CRL parseCrl(String pem) throws CRLException {
        byte[] der;
        try {
            der = decode(CRL, pem);
        } catch (IllegalArgumentException e) {
            throw new CRLException(e.getMessage(), e);
        }
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new IllegalStateException("no X.509 factory", e);
        }
    }

    /** PKCS#8 "PRIVATE KEY", the format cryptogen writes and Netty and the fabric-gateway client read. */
    static String privateKey(PrivateKey key) {
        return encode(PRIVATE_KEY, key.getEncoded());
    }

    /** The one certificate of a PEM text; anything else (DER, several blocks, other types) is refused. */
    static X509Certificate parseCertificate(byte[] pem) throws CertificateException {
        byte[] der;
        try {
            der = decode(CERTIFICATE, new String(pem, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new CertificateException(e.getMessage(), e);
        }
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    static X509Certificate readCertificate(Path file) {
        try {
            return parseCertificate(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (CertificateException e) {
            throw new IllegalStateException("no certificate in " + file, e);
        }
    }

    /** The certificate of a cryptogen folder holding exactly one, such as signcerts/ or cacerts/. */
    static X509Certificate readOnlyCertificate(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(Files::isRegularFile).toList();
            if (found.size() != 1) {
                throw new IllegalStateException("expected one certificate in " + dir + ", found " + found);
            }
            return readCertificate(found.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    static PrivateKey readPrivateKey(Path file) {
        try {
            byte[] der = decode(PRIVATE_KEY, Files.readString(file, StandardCharsets.US_ASCII));
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("no PKCS#8 EC private key in " + file, e);
        }
    }

    private static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] decode(String type, String text) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        String trimmed = text.strip();
        if (!trimmed.startsWith(begin) || !trimmed.endsWith(end)) {
            throw new IllegalArgumentException("not one PEM " + type + " block");
        }
        String body = trimmed.substring(begin.length(), trimmed.length() - end.length());
        if (body.contains("-----")) {
            throw new IllegalArgumentException("more than one PEM block");
        }
        return Base64.getMimeDecoder().decode(body);
    }
}
