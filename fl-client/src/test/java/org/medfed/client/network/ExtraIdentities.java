package org.medfed.client.network;

import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.identity.Identities;

/**
 * Client identities beyond the one User1 that cryptogen makes per organisation: an EC P-256 certificate with
 * {@code OU=client} issued by the organisation's own CA (cryptogen's {@code ca/priv_sk}), laid out like cryptogen's
 * (same subject attributes, key usage, basic constraints, authority key id), so the organisation's MSP classifies it
 * as a client with NodeOUs on. Written next to the test's network data with a connection profile of its own.
 */
final class ExtraIdentities {

    private final RealNetwork net;

    ExtraIdentities(RealNetwork net) {
        this.net = net;
    }

    /**
     * Issues a client certificate for {@code commonName} at {@code org} and writes a profile for it that reaches
     * the organisation's own peer and Kubo node (a copy of its User1 profile with the new certificate and key).
     *
     * @return the profile file
     */
    Path issueClient(String org, String commonName) throws Exception {
        Path base = net.profileFile(org, "user1");
        Properties profile = new Properties();
        try (Reader in = Files.newBufferedReader(base, StandardCharsets.UTF_8)) {
            profile.load(in);
        }
        String domain = org.toLowerCase() + ".medfed.local";
        Path ca = net.dataDir().resolve("crypto/peerOrganizations/" + domain + "/ca");
        X509Certificate caCert;
        try (Reader in = Files.newBufferedReader(ca.resolve("ca." + domain + "-cert.pem"))) {
            caCert = Identities.readX509Certificate(in);
        }
        PrivateKey caKey;
        try (Reader in = Files.newBufferedReader(ca.resolve("priv_sk"))) {
            caKey = Identities.readPrivateKey(in);
        }

        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                caCert,
                new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(30))),
                new X500NameBuilder(BCStyle.INSTANCE)
                        .addRDN(BCStyle.C, "US")
                        .addRDN(BCStyle.ST, "California")
                        .addRDN(BCStyle.L, "San Francisco")
                        .addRDN(BCStyle.OU, "client")
                        .addRDN(BCStyle.CN, commonName)
                        .build(),
                keys.getPublic());
        byte[] caKeyId = SubjectKeyIdentifier.fromExtensions(new JcaX509CertificateHolder(caCert).getExtensions())
                .getKeyIdentifier();
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(caKeyId));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        certificate.verify(caCert.getPublicKey());

        String name = org.toLowerCase() + "-"
                + commonName.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase();
        if (name.length() > 80) {
            name = name.substring(0, 80);
        }
        Path dir = net.dataDir().getParent().resolve("identities/" + name);
        Files.createDirectories(dir);
        Path certFile = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        Files.writeString(certFile, Identities.toPemString(certificate));
        Files.writeString(keyFile, Identities.toPemString(keys.getPrivate()));

        profile.setProperty("name", name);
        profile.setProperty("certificate", certFile.toString());
        profile.setProperty("privateKey", keyFile.toString());
        Path file = dir.resolve("profile.properties");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            profile.store(out, "client identity " + commonName + " of " + org + ", issued by LedgerIT");
        }
        return file;
    }
}
