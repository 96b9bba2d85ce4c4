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
 * One organisation's channel MSP as cryptogen lays it out: one root CA (msp/cacerts), NodeOUs (msp/config.yaml) and
 * the CA's revocation lists (msp/crls). Checks certificates the way Fabric's bccspmsp does, in its words: the chain
 * as of the identity's own NotBefore (plus a second, Fabric's getValidityOptsForCert), then the CRLs, then the
 * NodeOU; and, unlike bccspmsp (where only Fabric's expiration filters look at the clock), validity at {@code at}.
 */
final class OrgMsp {

    private final String mspId;
    private final X509Certificate rootCa;
    private final Map<String, Role> rolesByOu;
    private final RevocationLists revocations;

    private OrgMsp(String mspId, X509Certificate rootCa, Map<String, Role> rolesByOu, RevocationLists revocations) {
        this.mspId = mspId;
        this.rootCa = rootCa;
        this.rolesByOu = rolesByOu;
        this.revocations = revocations;
    }

    static OrgMsp load(String mspId, Path mspDir) {
        X509Certificate rootCa = Pem.readOnlyCertificate(mspDir.resolve("cacerts"));
        return new OrgMsp(mspId, rootCa, NodeOus.rolesByOu(mspDir), RevocationLists.load(mspDir, rootCa));
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
                throw new MalformedIdentityException("could not parse certificate: " + e.getMessage(), e);
            }
            try {
                certificate.verify(rootCa.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw malformed(chainError("x509: certificate signed by unknown authority", e));
            }
            checkChainAtIssue(certificate);
            revocations.check(certificate);
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
        for (X509Certificate link : List.of(certificate, rootCa)) {
            String problem = validityProblem(link, at);
            if (problem != null) {
                throw chainError(EXPIRED + problem, null);
            }
        }
    }

    /**
     * Fabric verifies the chain as of the identity's NotBefore plus a second (a workaround, FAB-3678, that lets an
     * expired identity validate): a CA that was not yet valid then makes Go's x509 find no authority. So an
     * identity dated before its CA (a clock or a backdating issuer) is refused, however valid both are now.
     */
    private void checkChainAtIssue(X509Certificate certificate) throws IdentityException {
        Instant issued = certificate.getNotBefore().toInstant().plusSeconds(1);
        String leaf = validityProblem(certificate, issued);
        if (leaf != null) {
            throw malformed(chainError(EXPIRED + leaf, null));
        }
        String ca = validityProblem(rootCa, issued);
        if (ca != null) {
            throw malformed(chainError(
                    "x509: certificate signed by unknown authority (possibly because of \"" + EXPIRED + ca
                            + "\" while trying to verify candidate authority certificate \"" + commonName(rootCa)
                            + "\")",
                    null));
        }
    }

    /** Fabric meets a chain it cannot build while deserializing the identity, before it validates it. */
    private static MalformedIdentityException malformed(IdentityException e) {
        return new MalformedIdentityException(e.getMessage(), e.getCause());
    }

    private static final String EXPIRED = "x509: certificate has expired or is not yet valid: ";

    /** Go's x509 isValid: null when {@code at} is within the certificate's validity, else what it says. */
    private static String validityProblem(X509Certificate certificate, Instant at) {
        Instant notBefore = certificate.getNotBefore().toInstant();
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (at.isBefore(notBefore)) {
            return "current time " + rfc3339(at) + " is before " + rfc3339(notBefore);
        }
        if (at.isAfter(notAfter)) {
            return "current time " + rfc3339(at) + " is after " + rfc3339(notAfter);
        }
        return null;
    }

    private static String commonName(X509Certificate certificate) {
        RDN[] names = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded())
                .getRDNs(BCStyle.CN);
        return names.length == 0 ? "" : names[0].getFirst().getValue().toString();
    }

    private static IdentityException chainError(String reason, Throwable cause) {
        return new IdentityException(
                "could not obtain certification chain: failed getting validation chain: the supplied identity is not "
                        + "valid: " + reason,
                cause);
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
