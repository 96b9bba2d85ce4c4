package org.medfed.client.access;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * Certificates laid out like cryptogen's (see {@code federation.ClientIdentities}): an EC P-256 CA per organisation
 * ({@code ca.<domain>}) and signing identities it issues with {@code OU=<kind>}, key usage digital signature only,
 * written as PEM files the way a connection profile points at them.
 */
public final class TestPki {

    /** One organisation's CA. */
    public record Org(String mspId, String domain, X509Certificate ca, KeyPair keys, Path dir) {
        public Path caPem() {
            return dir.resolve("ca." + domain + "-cert.pem");
        }

        /** An identity of this organisation: its certificate and key files. */
        public Identity issue(String commonName, String unit) throws Exception {
            KeyPair identity = ecKeys();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    ca,
                    serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(1))),
                    name(unit, commonName + "@" + domain),
                    identity.getPublic());
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new AuthorityKeyIdentifier(extensions
                            .createSubjectKeyIdentifier(ca.getPublicKey())
                            .getKeyIdentifier()));
            X509Certificate cert = sign(builder, keys);
            Path base = dir.resolve(commonName);
            Files.createDirectories(base);
            Files.writeString(base.resolve("cert.pem"), Identities.toPemString(cert));
            Files.writeString(base.resolve("key.pem"), Identities.toPemString(identity.getPrivate()));
            return new Identity(mspId, cert, base.resolve("cert.pem"), base.resolve("key.pem"));
        }
    }

    /** A certificate and key on disk. */
    public record Identity(String mspId, X509Certificate certificate, Path certPem, Path keyPem) {
        public String subject() {
            return certificate.getSubjectX500Principal().getName();
        }
    }

    private TestPki() {}

    public static Org org(Path dir, String mspId, String domain) throws Exception {
        KeyPair keys = ecKeys();
        Instant now = Instant.now();
        X500Name name = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "California")
                .addRDN(BCStyle.L, "San Francisco")
                .addRDN(BCStyle.O, domain)
                .addRDN(BCStyle.CN, "ca." + domain)
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                serial(),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))),
                name,
                keys.getPublic());
        builder.addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        SubjectKeyIdentifier ski = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic());
        builder.addExtension(Extension.subjectKeyIdentifier, false, ski);
        X509Certificate ca = sign(builder, keys);
        Path orgDir = dir.resolve(domain);
        Files.createDirectories(orgDir);
        Org org = new Org(mspId, domain, ca, keys, orgDir);
        Files.writeString(org.caPem(), Identities.toPemString(ca));
        return org;
    }

    private static X500Name name(String unit, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.C, "US")
                .addRDN(BCStyle.ST, "California")
                .addRDN(BCStyle.L, "San Francisco")
                .addRDN(BCStyle.OU, unit)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(
                        builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
    }

    private static KeyPair ecKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom()).add(BigInteger.ONE);
    }
}
