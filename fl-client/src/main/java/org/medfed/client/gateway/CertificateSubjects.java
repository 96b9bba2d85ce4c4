package org.medfed.client.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/** The subject of a PEM certificate as the chaincode names identities: {@code X500Principal.getName()}, RFC 2253. */
public final class CertificateSubjects {

    private CertificateSubjects() {}

    /** @throws IOException naming the file when it is not a readable X.509 certificate */
    public static String of(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            X509Certificate cert =
                    (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return cert.getSubjectX500Principal().getName();
        } catch (CertificateException | ClassCastException e) {
            throw new IOException(
                    "cannot read an X.509 certificate from "
                            + pem.toAbsolutePath().normalize() + ": " + e.getMessage(),
                    e);
        }
    }
}
