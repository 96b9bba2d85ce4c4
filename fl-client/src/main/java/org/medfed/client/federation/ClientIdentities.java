package org.medfed.client.federation;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.hyperledger.fabric.client.identity.Identities;
import org.medfed.common.files.OwnerOnly;

/**
 * Client identities beyond the one User1 that cryptogen makes per organisation, issued by the organisation's own CA
 * on the local network (cryptogen's layout: {@code crypto/peerOrganizations/<org>.medfed.local/ca/priv_sk} and
 * {@code ca.<domain>-cert.pem}, on both ledger engines). Each is an EC P-256 certificate with {@code OU=client}, laid
 * out like cryptogen's (same subject attributes, key usage, basic constraints, authority key id), so the
 * organisation's MSP classifies it as a client with NodeOUs on. Each is written to a folder of its own with a
 * connection profile: a copy of the organisation's User1 profile with the new certificate and key; folders and files
 * are their owner's only ({@link OwnerOnly}).
 */
public final class ClientIdentities {

    /** How long an issued certificate is valid; a benchmark or a test is over long before. */
    static final Duration VALIDITY = Duration.ofDays(30);

    /** One issued identity: its name (and folder), organisation and files. */
    public record Issued(String name, String org, String mspId, Path certificate, Path privateKey, Path profile) {}

    private final Path dataDir;
    private final Path outputDir;

    /**
     * @param dataDir the network's data folder (with {@code crypto/} and {@code profiles/})
     * @param outputDir where each identity gets its folder {@code <name>/}
     */
    public ClientIdentities(Path dataDir, Path outputDir) {
        this.dataDir = dataDir;
        this.outputDir = outputDir;
    }

    /**
     * Issues a client certificate for {@code commonName} by {@code org}'s CA and writes it, its key and its profile
     * to {@code <outputDir>/<name>/}; an identity issued again under the same name replaces the files (the same
     * subject is the same participant on the ledger).
     *
     * @param comment the first line of the profile file, saying who issued it
     */
    public Issued issue(String org, String commonName, String name, String comment)
            throws IOException, GeneralSecurityException {
        String domain = org.toLowerCase(Locale.ROOT) + ".medfed.local";
        Path base = dataDir.resolve("profiles/" + org.toLowerCase(Locale.ROOT) + "-user1.properties");
        Properties profile = new Properties();
        Path ca = dataDir.resolve("crypto/peerOrganizations/" + domain + "/ca");
        X509Certificate caCert;
        PrivateKey caKey;
        try (Reader profileIn = Files.newBufferedReader(base, StandardCharsets.UTF_8);
                Reader certIn = Files.newBufferedReader(ca.resolve("ca." + domain + "-cert.pem"));
                Reader keyIn = Files.newBufferedReader(ca.resolve("priv_sk"))) {
            profile.load(profileIn);
            caCert = Identities.readX509Certificate(certIn);
            caKey = Identities.readPrivateKey(keyIn);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(
                    e.getFile(),
                    null,
                    "needed to issue identities of " + org + " (the local network's cryptogen CA and User1 profile,"
                            + " written by network/network.sh up)");
        }

        KeyPair keys = newKeyPair();
        X509Certificate certificate = sign(caCert, caKey, commonName, keys, Instant.now());

        // The key, and the profile that names it, are the identity: its folder and files are its owner's only.
        OwnerOnly.folder(outputDir);
        Path dir = OwnerOnly.folder(outputDir.resolve(name));
        Path certFile = dir.resolve("cert.pem");
        Path keyFile = dir.resolve("key.pem");
        OwnerOnly.writeString(certFile, Identities.toPemString(certificate));
        OwnerOnly.writeString(keyFile, Identities.toPemString(keys.getPrivate()));
        profile.setProperty("name", name);
        profile.setProperty("certificate", certFile.toAbsolutePath().toString());
        profile.setProperty("privateKey", keyFile.toAbsolutePath().toString());
        Path file = dir.resolve("profile.properties");
        StringWriter text = new StringWriter();
        profile.store(text, comment);
        OwnerOnly.writeString(file, text.toString());
        return new Issued(
                name,
                org,
                profile.getProperty("mspId"),
                certFile.toAbsolutePath(),
                keyFile.toAbsolutePath(),
                file.toAbsolutePath());
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        return generator.generateKeyPair();
    }

    /** Cryptogen's user certificate: its subject attributes, key usage, basic constraints and authority key id. */
    private static X509Certificate sign(
            X509Certificate caCert, PrivateKey caKey, String commonName, KeyPair keys, Instant now)
            throws IOException, GeneralSecurityException {
        // Backdated for clock skew, but never before the CA's own NotBefore: Fabric's MSP checks an identity's chain
        // as of the identity's NotBefore (plus a second), and cryptogen rounds its CA's NotBefore to the minute, so
        // an identity issued within a minute of `up` would otherwise predate its CA and be refused as malformed.
        Instant notBefore = now.minus(Duration.ofMinutes(5));
        if (notBefore.isBefore(caCert.getNotBefore().toInstant())) {
            notBefore = caCert.getNotBefore().toInstant();
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                caCert,
                new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                Date.from(notBefore),
                Date.from(now.plus(VALIDITY)),
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
        X509Certificate certificate;
        try {
            certificate = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign with the CA's key: " + e.getMessage(), e);
        }
        certificate.verify(caCert.getPublicKey());
        return certificate;
    }
}
