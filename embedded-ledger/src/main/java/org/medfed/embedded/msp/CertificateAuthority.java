package org.medfed.embedded.msp;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * An ECDSA P-256 certificate authority issuing certificates the way cryptogen's {@code internal/cryptogen/ca}
 * does: the same subject layout, extensions and criticality, so that identities look the same to everything that
 * reads them (for instance the chaincode shim's {@code ClientIdentity.getId()}, which embeds the subject DN).
 */
final class CertificateAuthority {

    /** What an issued certificate is for; it decides key usages as cryptogen does. */
    enum Purpose {
        SIGNING,
        TLS
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Credentials credentials;

    private CertificateAuthority(Credentials credentials) {
        this.credentials = credentials;
    }

    /**
     * A self-signed CA with subject C=US, ST=California, L=San Francisco, O={@code organisation},
     * CN={@code commonName}.
     */
    static CertificateAuthority create(String commonName, String organisation, Validity validity) {
        KeyPair keys = newKeyPair();
        X500Name subject = californian()
                .addRDN(BCStyle.O, organisation)
                .addRDN(BCStyle.CN, commonName)
                .build();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            subject,
                            serialNumber(),
                            Date.from(validity.notBefore()),
                            Date.from(validity.notAfter()),
                            subject,
                            keys.getPublic())
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            new KeyUsage(KeyUsage.digitalSignature
                                    | KeyUsage.keyEncipherment
                                    | KeyUsage.keyCertSign
                                    | KeyUsage.cRLSign))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                        KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth
                    }))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.subjectKeyIdentifier, false, subjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(new Credentials(sign(builder, keys.getPrivate()), keys.getPrivate()));
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build CA certificate " + commonName, e);
        }
    }

    /** The CA of an existing cryptogen folder ({@code ca/} or {@code tlsca/}). */
    static CertificateAuthority load(Path certificateFile, Path privateKeyFile) {
        return new CertificateAuthority(
                new Credentials(Pem.readCertificate(certificateFile), Pem.readPrivateKey(privateKeyFile)));
    }

    Credentials credentials() {
        return credentials;
    }

    X509Certificate certificate() {
        return credentials.certificate();
    }

    /**
     * A new key pair and its certificate, subject C, ST, L copied from this CA, then the OUs, then CN, as cryptogen
     * orders them. Names that parse as IP addresses become IP SANs, the others DNS SANs.
     */
    Credentials issue(
            String commonName,
            List<String> organisationalUnits,
            List<String> alternativeNames,
            Purpose purpose,
            Validity validity) {
        KeyPair keys = newKeyPair();
        byte[] authorityKeyId =
                subjectKeyIdentifier(certificate().getPublicKey()).getKeyIdentifier();
        X500NameBuilder subject = californian();
        organisationalUnits.forEach(ou -> subject.addRDN(BCStyle.OU, ou));
        subject.addRDN(BCStyle.CN, commonName);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                            certificate(),
                            serialNumber(),
                            Date.from(validity.notBefore()),
                            Date.from(validity.notAfter()),
                            subject.build(),
                            keys.getPublic())
                    .addExtension(Extension.keyUsage, true, keyUsage(purpose))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
            if (purpose == Purpose.TLS) {
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                    KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                }));
            }
            if (!alternativeNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, generalNames(alternativeNames));
            }
            return new Credentials(sign(builder, credentials.privateKey()), keys.getPrivate());
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build certificate " + commonName, e);
        }
    }

    /**
     * A CRL signed by this CA revoking {@code serials} as of {@code at}, as Fabric CA's {@code gencrl} writes one:
     * the CA's subject as issuer, an authority key identifier equal to the CA's subject key identifier (Fabric's
     * MSP matches a CRL to its CA by it and ignores a CRL without one at its peril: every identity is then refused),
     * CRL number 1, next update at the CA's own expiry, no reason codes.
     */
    X509CRL revoke(List<BigInteger> serials, Instant at) {
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate(), Date.from(at));
        builder.setNextUpdate(certificate().getNotAfter());
        for (BigInteger serial : serials) {
            builder.addCRLEntry(serial, Date.from(at), 0);
        }
        try {
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyIdentifier(certificate())));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.ONE));
            return new JcaX509CRLConverter()
                    .getCRL(builder.build(
                            new JcaContentSignerBuilder("SHA256withECDSA").build(credentials.privateKey())));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "cannot sign a CRL with " + certificate().getSubjectX500Principal(), e);
        }
    }

    /** The certificate's subject key identifier extension, or (no extension) cryptogen's SKI of its key. */
    static byte[] keyIdentifier(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension == null) {
            return subjectKeyIdentifier(certificate.getPublicKey()).getKeyIdentifier();
        }
        return SubjectKeyIdentifier.getInstance(
                        ASN1OctetString.getInstance(extension).getOctets())
                .getKeyIdentifier();
    }

    private static KeyUsage keyUsage(Purpose purpose) {
        return switch (purpose) {
            case SIGNING -> new KeyUsage(KeyUsage.digitalSignature);
            case TLS -> new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
        };
    }

    /** cryptogen's fixed subject prefix. */
    private static X500NameBuilder californian() {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "California")
                .addRDN(BCStyle.L, "San Francisco");
    }

    private static GeneralNames generalNames(List<String> names) {
        List<GeneralName> out = new ArrayList<>();
        for (String name : names) {
            out.add(
                    isIpAddress(name)
                            ? new GeneralName(GeneralName.iPAddress, name)
                            : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(out.toArray(GeneralName[]::new));
    }

    /** Dotted IPv4 or (anything with a colon) IPv6, as Go's net.ParseIP tells them from host names. */
    private static boolean isIpAddress(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.contains(":");
    }

    /** cryptogen's SKI: SHA-256 of the uncompressed EC point (not RFC 5280's SHA-1). */
    private static SubjectKeyIdentifier subjectKeyIdentifier(PublicKey key) {
        byte[] point = SubjectPublicKeyInfo.getInstance(key.getEncoded())
                .getPublicKeyData()
                .getBytes();
        try {
            return new SubjectKeyIdentifier(MessageDigest.getInstance("SHA-256").digest(point));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** Positive 128-bit random serial, as cryptogen draws it. */
    private static BigInteger serialNumber() {
        return new BigInteger(128, RANDOM);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey) {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign certificate", e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no ECDSA P-256 key generator", e);
        }
    }
}
