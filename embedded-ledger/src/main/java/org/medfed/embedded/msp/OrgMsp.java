package org.medfed.embedded.msp;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * One organisation's channel MSP as cryptogen lays it out: one root CA (msp/cacerts) and NodeOUs
 * (msp/config.yaml). Checks certificates the way Fabric's bccspmsp does, in its words.
 */
final class OrgMsp {

    private final String mspId;
    private final X509Certificate rootCa;
    private final Map<String, Role> rolesByOu;

    private OrgMsp(String mspId, X509Certificate rootCa, Map<String, Role> rolesByOu) {
        this.mspId = mspId;
        this.rootCa = rootCa;
        this.rolesByOu = rolesByOu;
    }

    static OrgMsp load(String mspId, Path mspDir) {
        return new OrgMsp(mspId, Pem.readOnlyCertificate(mspDir.resolve("cacerts")), NodeOus.rolesByOu(mspDir));
    }

    /** The identity of PEM certificate {@code idBytes}, which came as {@code serialized}, checked at {@code at}. */
    Identity validate(byte[] idBytes, byte[] serialized, Instant at) throws IdentityException {
        com.google.protobuf.ByteString key = com.google.protobuf.ByteString.copyFrom(idBytes);
        Verified verified = verifiedByPem.get(key);
        if (verified == null) {
            X509Certificate certificate;
            try {
                certificate = Pem.parseCertificate(idBytes);
            } catch (CertificateException e) {
                throw new IdentityException("could not parse certificate: " + e.getMessage(), e);
            }
            try {
                certificate.verify(rootCa.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw chainError("x509: certificate signed by unknown authority", e);
            }
            verified = new Verified(certificate, role(certificate));
            if (verifiedByPem.size() >= CACHE_LIMIT) {
                verifiedByPem.clear();
            }
            verifiedByPem.put(key, verified);
        }
        checkValidity(verified.certificate(), at);
        return new Identity(mspId, verified.certificate(), verified.role(), serialized);
    }

    /** A certificate whose CA signature and NodeOU were checked once; its validity period is checked every time. */
    private record Verified(X509Certificate certificate, Role role) {}

    /** Every proposal carries its creator's PEM: parsing and verifying it once saves ~1 ms per proposal. */
    private static final int CACHE_LIMIT = 4096;

    private final java.util.concurrent.ConcurrentHashMap<com.google.protobuf.ByteString, Verified> verifiedByPem =
            new java.util.concurrent.ConcurrentHashMap<>();

    private void checkValidity(X509Certificate certificate, Instant at) throws IdentityException {
        // Go's x509 Verify checks every certificate of the chain at the current time
        for (X509Certificate link : List.of(certificate, rootCa)) {
            Instant notBefore = link.getNotBefore().toInstant();
            Instant notAfter = link.getNotAfter().toInstant();
            if (at.isBefore(notBefore) || at.isAfter(notAfter)) {
                String when =
                        at.isBefore(notBefore) ? "is before " + rfc3339(notBefore) : "is after " + rfc3339(notAfter);
                throw chainError(
                        "x509: certificate has expired or is not yet valid: current time " + rfc3339(at) + " " + when,
                        null);
            }
        }
    }

    private static IdentityException chainError(String reason, Throwable cause) {
        return new IdentityException(
                "could not obtain certification chain: the supplied identity is not valid: " + reason, cause);
    }

    /** Exactly one of the certificate's OUs must be a NodeOU identifier (Fabric's validateIdentityOUsV142). */
    private Role role(X509Certificate certificate) throws IdentityException {
        List<String> ous = organisationalUnits(certificate);
        List<Role> roles =
                ous.stream().map(rolesByOu::get).filter(Objects::nonNull).toList();
        if (roles.size() != 1) {
            throw new IdentityException("could not validate identity's OUs: the identity must be a client, a peer, an "
                    + "orderer or an admin identity to be valid, not a combination of them. OUs: " + ouIds(ous)
                    + ", MSP: [" + mspId + "]");
        }
        return roles.get(0);
    }

    private static List<String> organisationalUnits(X509Certificate certificate) {
        List<String> ous = new ArrayList<>();
        for (RDN rdn : X500Name.getInstance(
                        certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.OU)) {
            for (AttributeTypeAndValue value : rdn.getTypesAndValues()) {
                ous.add(value.getValue().toString());
            }
        }
        return ous;
    }

    /** Fabric's OUIDs text: each OU with the first 8 bytes of its certifier id (SHA-256 of the CA certificate). */
    private String ouIds(List<String> ous) {
        String certifier;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rootCa.getEncoded());
            certifier = HexFormat.of().withUpperCase().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot hash the CA certificate of " + mspId, e);
        }
        return "["
                + String.join(
                        " ", ous.stream().map(ou -> ou + "(" + certifier + ")").toList()) + "]";
    }

    private static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
