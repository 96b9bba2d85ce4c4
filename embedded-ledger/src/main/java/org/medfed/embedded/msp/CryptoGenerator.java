package org.medfed.embedded.msp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.medfed.embedded.config.NetworkLayout;

/**
 * What {@code cryptogen generate} makes for network/scripts/crypto.sh's peer organisations (EnableNodeOUs: true,
 * one peer {@code peer0} with SANs localhost and 127.0.0.1, users Admin and User1), in the same folders and
 * formats: ECDSA P-256 keys as PKCS#8 PEM {@code priv_sk}, X.509 v3 certificates signed with ECDSA-SHA256, valid
 * for ten years; plus what crypto.sh adds to cryptogen's output on Fabric ({@link #revokeTestIdentity}): a client
 * {@value #REVOKED_USER} and the CA's CRL revoking it in the channel MSP's {@code msp/crls/}, so that both engines
 * have a revoked identity to refuse.
 *
 * <p>Tests that need refused identities use the two hooks: {@link #issueUser} with a past {@link Validity} gives an
 * expired certificate from a known CA, and {@link #generateOrg} into a scratch folder gives an organisation with
 * the same names and MSP id as a real one but another CA (a certificate "signed by unknown authority").
 */
public final class CryptoGenerator {

    static final List<String> PEER_SANS = List.of("localhost", "127.0.0.1");

    /** The client identity each organisation's CA revokes as soon as it exists: a test of the network's CRLs. */
    public static final String REVOKED_USER = "Revoked1";

    private static final List<String> CLIENT = List.of("client");

    private CryptoGenerator() {}

    /**
     * Generates every organisation of the layout whose peer folder does not exist. Existing material is never
     * touched: a network's identities must not change under it.
     */
    public static void generate(NetworkLayout layout) {
        Validity validity = Validity.cryptogenDefault(Instant.now());
        for (String org : layout.orgs()) {
            if (!Files.exists(layout.peerDir(org))) {
                generateOrg(layout.orgDir(org), org, validity);
            }
        }
    }

    /**
     * Writes a whole organisation (new CA and TLS CA, msp/, peer0, Admin, User1) to {@code orgDir}, which must not
     * exist. The folder appears whole or not at all: it is built beside its final place and then renamed.
     *
     * @param orgDir where cryptogen would put it (NetworkLayout.orgDir), or any folder for a stranger organisation
     * @param org the organisation name; its domain is {@link NetworkLayout#orgDomain}
     */
    public static void generateOrg(Path orgDir, String org, Validity validity) {
        String domain = NetworkLayout.orgDomain(org);
        try {
            if (Files.exists(orgDir)) {
                throw new IllegalStateException(orgDir + " exists without its peer; remove it to generate " + org);
            }
            DurableFiles.createDirectories(orgDir.getParent());
            Path scratch = DurableFiles.scratchFor(orgDir);
            CertificateAuthority ca = CertificateAuthority.create(OrgFolders.caName(domain), domain, validity);
            OrgFolders folders = new OrgFolders(
                    scratch, domain, ca, CertificateAuthority.create(OrgFolders.tlsCaName(domain), domain, validity));
            folders.writeAuthorities();
            folders.writePeer("peer0", PEER_SANS, validity);
            folders.writeUser("Admin", List.of("admin"), validity);
            folders.writeUser("User1", CLIENT, validity);
            Credentials revoked = folders.writeUser(REVOKED_USER, CLIENT, validity);
            OrgFolders.writeRevocationList(
                    scratch.resolve("msp").resolve(RevocationLists.FOLDER),
                    ca,
                    List.of(revoked.certificate().getSerialNumber()),
                    Instant.now());
            DurableFiles.publish(scratch, orgDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot generate crypto material for " + org + " in " + orgDir, e);
        }
    }

    /**
     * Issues one more client (OU client) user from the existing CAs of {@code orgDir}, with the given validity, into
     * users/&lt;user&gt;@&lt;domain&gt;/{msp,tls}, which must not exist. A {@code Validity} that ended in the past
     * makes an expired identity.
     *
     * @return the user's msp folder (signcerts/&lt;user&gt;@&lt;domain&gt;-cert.pem, keystore/priv_sk)
     */
    public static Path issueUser(Path orgDir, String org, String user, Validity validity) {
        return issueUser(orgDir, org, user, CLIENT, validity);
    }

    /**
     * For an organisation that cryptogen generated (crypto.sh on Fabric, before the channel exists, so that
     * configtxgen puts the CRL into the channel's MSP): issues {@value #REVOKED_USER} (a client, within its CA's
     * validity) unless it exists, then writes msp/crls/crl.pem revoking it unless msp/crls exists. Each step
     * appears whole or not at all, and a second run after a crash between them finishes the job.
     *
     * @return the revoked user's msp folder
     */
    public static Path revokeTestIdentity(Path orgDir, String org) {
        String domain = NetworkLayout.orgDomain(org);
        CertificateAuthority ca = loadAuthority(orgDir.resolve("ca"), OrgFolders.caName(domain));
        Path userMsp = OrgFolders.userDir(orgDir, REVOKED_USER, domain).resolve("msp");
        if (!Files.exists(userMsp.getParent())) {
            Instant now = Instant.now();
            Validity wanted = Validity.cryptogenDefault(now);
            X509Certificate caCert = ca.certificate();
            Instant notBefore = later(wanted.notBefore(), caCert.getNotBefore().toInstant());
            Instant notAfter = earlier(wanted.notAfter(), caCert.getNotAfter().toInstant());
            issueUser(orgDir, org, REVOKED_USER, CLIENT, new Validity(notBefore, notAfter));
        }
        Path crls = orgDir.resolve("msp").resolve(RevocationLists.FOLDER);
        if (!Files.exists(crls)) {
            try {
                Path scratch = DurableFiles.scratchFor(crls);
                OrgFolders.writeRevocationList(
                        scratch,
                        ca,
                        List.of(Pem.readOnlyCertificate(userMsp.resolve("signcerts"))
                                .getSerialNumber()),
                        Instant.now());
                DurableFiles.publish(scratch, crls);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the CRL of " + org + " in " + crls, e);
            }
        }
        return userMsp;
    }

    /** The validity of the organisation's CA (ca/), e.g. to issue an identity that expired within it. */
    public static Validity authorityValidity(Path orgDir, String org) {
        X509Certificate ca = Pem.readCertificate(orgDir.resolve("ca")
                .resolve(OrgFolders.certificateFileName(OrgFolders.caName(NetworkLayout.orgDomain(org)))));
        return new Validity(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** {@link #issueUser(Path, String, String, Validity)} with any OUs, e.g. none, for a certificate without role. */
    static Path issueUser(Path orgDir, String org, String user, List<String> organisationalUnits, Validity validity) {
        String domain = NetworkLayout.orgDomain(org);
        Path userDir = OrgFolders.userDir(orgDir, user, domain);
        try {
            if (Files.exists(userDir)) {
                throw new IllegalStateException(userDir + " exists");
            }
            DurableFiles.createDirectories(userDir.getParent());
            Path scratch = DurableFiles.scratchFor(userDir);
            CertificateAuthority ca = loadAuthority(orgDir.resolve("ca"), OrgFolders.caName(domain));
            CertificateAuthority tlsCa = loadAuthority(orgDir.resolve("tlsca"), OrgFolders.tlsCaName(domain));
            new OrgFolders(orgDir, domain, ca, tlsCa).writeUser(scratch, user, organisationalUnits, validity);
            DurableFiles.publish(scratch, userDir);
            return userDir.resolve("msp");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot issue " + user + " of " + org + " in " + orgDir, e);
        }
    }

    private static CertificateAuthority loadAuthority(Path dir, String name) {
        return CertificateAuthority.load(dir.resolve(OrgFolders.certificateFileName(name)), dir.resolve("priv_sk"));
    }
}
