package org.medfed.embedded.msp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The certificate revocation lists of one organisation's MSP folder ({@code msp/crls/}), loaded and applied as
 * Fabric's bccspmsp does (msp/configbuilder.go reads the folder, mspimplsetup.go setupCRLs parses it,
 * mspimplvalidate.go validateCertAgainstChain applies it), in Fabric's words:
 * <ul>
 *   <li>every file of the folder that holds a PEM block is a CRL, in name order; a file without one is skipped, a
 *       PEM block that is not a parsable {@code X509 CRL} makes the whole MSP unusable (Fabric's setup fails);</li>
 *   <li>a CRL applies to an identity when its authority key identifier equals the subject key identifier of the
 *       CA that issued the identity, and revokes it when it lists the identity's serial number and that CA's key
 *       verifies the CRL's signature (a CRL that fails the check is skipped);</li>
 *   <li>a CRL without an authority key identifier, or a CA without a subject key identifier, refuses every
 *       identity, since Fabric cannot tell which CA a CRL belongs to;</li>
 *   <li>dates are ignored: a listed serial is revoked from the moment the MSP holds the CRL, whatever its
 *       revocation date, this update or next update say.</li>
 * </ul>
 */
final class RevocationLists {

    static final String FOLDER = "crls";

    private static final String CHAIN = "could not validate identity against certification chain: ";

    /** One CRL: its authority key identifier (null: the extension is missing), revoked serials, signature check. */
    private record Crl(byte[] authorityKeyId, Set<BigInteger> serials, boolean signedByCa) {}

    private final byte[] caKeyId;
    private final List<Crl> crls;

    private RevocationLists(byte[] caKeyId, List<Crl> crls) {
        this.caKeyId = caKeyId;
        this.crls = crls;
    }

    /** The CRLs of {@code mspDir}/crls (none when the folder is missing), for identities issued by {@code ca}. */
    static RevocationLists load(Path mspDir, X509Certificate ca) {
        List<Crl> crls = new ArrayList<>();
        Path folder = mspDir.resolve(FOLDER);
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
                    if (text.contains("-----BEGIN ")) {
                        crls.add(parse(file, text, ca));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + folder, e);
            }
        }
        byte[] extension = ca.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return new RevocationLists(extension == null ? null : CertificateAuthority.keyIdentifier(ca), crls);
    }

    private static Crl parse(Path file, String text, X509Certificate ca) {
        X509CRL crl;
        try {
            if (!text.startsWith("-----BEGIN " + Pem.CRL)) {
                throw new CRLException("not an " + Pem.CRL + " PEM block");
            }
            crl = Pem.parseCrl(text);
        } catch (CRLException e) {
            throw new IllegalStateException("could not parse RevocationList " + file + ": " + e.getMessage(), e);
        }
        byte[] aki = crl.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        byte[] keyId = aki == null
                ? null
                : AuthorityKeyIdentifier.getInstance(
                                ASN1OctetString.getInstance(aki).getOctets())
                        .getKeyIdentifierOctets();
        Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        Set<BigInteger> serials = entries == null
                ? Set.of()
                : entries.stream().map(X509CRLEntry::getSerialNumber).collect(Collectors.toUnmodifiableSet());
        return new Crl(aki == null ? null : keyId == null ? new byte[0] : keyId, serials, signedBy(crl, ca));
    }

    private static boolean signedBy(X509CRL crl, X509Certificate ca) {
        try {
            crl.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    int size() {
        return crls.size();
    }

    /** Refuses {@code certificate}, issued by this MSP's CA, when a CRL of that CA revokes it. */
    void check(X509Certificate certificate) throws IdentityException {
        if (caKeyId == null) {
            throw new IdentityException(CHAIN + "could not obtain Subject Key Identifier for signer cert: "
                    + "subjectKeyIdentifier not found in certificate");
        }
        for (Crl crl : crls) {
            if (crl.authorityKeyId() == null) {
                throw new IdentityException(CHAIN + "could not obtain Authority Key Identifier for crl: "
                        + "authorityKeyIdentifier not found in certificate");
            }
            if (Arrays.equals(crl.authorityKeyId(), caKeyId)
                    && crl.serials().contains(certificate.getSerialNumber())
                    && crl.signedByCa()) {
                throw new IdentityException(CHAIN + "The certificate has been revoked");
            }
        }
    }
}
