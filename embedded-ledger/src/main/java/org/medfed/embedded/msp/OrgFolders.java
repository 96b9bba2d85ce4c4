package org.medfed.embedded.msp;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.medfed.embedded.msp.CertificateAuthority.Purpose;

/**
 * Writes one peer organisation's folders exactly where cryptogen puts them, below {@code root}
 * (crypto/peerOrganizations/&lt;domain&gt;): ca/, tlsca/, msp/, peers/&lt;host&gt;/{msp,tls} and
 * users/&lt;name&gt;@&lt;domain&gt;/{msp,tls}.
 */
final class OrgFolders {

    private final Path root;
    private final String domain;
    private final CertificateAuthority ca;
    private final CertificateAuthority tlsCa;

    OrgFolders(Path root, String domain, CertificateAuthority ca, CertificateAuthority tlsCa) {
        this.root = root;
        this.domain = domain;
        this.ca = ca;
        this.tlsCa = tlsCa;
    }

    static String caName(String domain) {
        return "ca." + domain;
    }

    static String tlsCaName(String domain) {
        return "tlsca." + domain;
    }

    static String certificateFileName(String commonName) {
        return commonName + "-cert.pem";
    }

    static Path userDir(Path orgDir, String user, String domain) {
        return orgDir.resolve("users").resolve(user + "@" + domain);
    }

    /** ca/ and tlsca/ (certificate and priv_sk) and the organisation's channel MSP, msp/. */
    void writeAuthorities() throws IOException {
        writeAuthority(root.resolve("ca"), caName(domain), ca);
        writeAuthority(root.resolve("tlsca"), tlsCaName(domain), tlsCa);
        writeVerifyingMsp(root.resolve("msp"));
    }

    /** peers/&lt;host&gt;: msp/ with OU peer; tls/ with server.crt and server.key for the host names, {@code sans}. */
    void writePeer(String host, List<String> sans, Validity validity) throws IOException {
        String commonName = host + "." + domain;
        Path peerDir = root.resolve("peers").resolve(commonName);
        Credentials signing = ca.issue(commonName, List.of("peer"), List.of(), Purpose.SIGNING, validity);
        writeLocalMsp(peerDir.resolve("msp"), commonName, signing);
        List<String> names = new ArrayList<>(List.of(commonName, host));
        sans.stream().filter(name -> !names.contains(name)).forEach(names::add);
        writeTls(peerDir.resolve("tls"), "server", tlsCa.issue(commonName, List.of(), names, Purpose.TLS, validity));
    }

    /**
     * users/&lt;name&gt;@&lt;domain&gt;: msp/ with the given NodeOUs, tls/ with client.crt and client.key.
     *
     * @return the user's signing certificate and key
     */
    Credentials writeUser(String name, List<String> organisationalUnits, Validity validity) throws IOException {
        return writeUser(userDir(root, name, domain), name, organisationalUnits, validity);
    }

    /** {@link #writeUser(String, List, Validity)} into any folder, e.g. a scratch folder renamed into users/ later. */
    Credentials writeUser(Path userDir, String name, List<String> organisationalUnits, Validity validity)
            throws IOException {
        String commonName = name + "@" + domain;
        Credentials signing = ca.issue(commonName, organisationalUnits, List.of(), Purpose.SIGNING, validity);
        writeLocalMsp(userDir.resolve("msp"), commonName, signing);
        writeTls(
                userDir.resolve("tls"), "client", tlsCa.issue(commonName, List.of(), List.of(), Purpose.TLS, validity));
        return signing;
    }

    /** {@code crls}/crl.pem: {@code ca}'s CRL revoking {@code serials} as of {@code at}. */
    static void writeRevocationList(Path crls, CertificateAuthority ca, List<BigInteger> serials, Instant at)
            throws IOException {
        DurableFiles.write(crls.resolve(CRL_FILE), Pem.crl(ca.revoke(serials, at)));
    }

    static final String CRL_FILE = "crl.pem";

    private static void writeAuthority(Path dir, String name, CertificateAuthority authority) throws IOException {
        DurableFiles.write(dir.resolve(certificateFileName(name)), Pem.certificate(authority.certificate()));
        DurableFiles.writeSecret(
                dir.resolve("priv_sk"), Pem.privateKey(authority.credentials().privateKey()));
    }

    /** cacerts, tlscacerts and config.yaml: what lets others check this organisation's identities. */
    private void writeVerifyingMsp(Path msp) throws IOException {
        String caFile = certificateFileName(caName(domain));
        DurableFiles.write(msp.resolve("cacerts").resolve(caFile), Pem.certificate(ca.certificate()));
        DurableFiles.write(
                msp.resolve("tlscacerts").resolve(certificateFileName(tlsCaName(domain))),
                Pem.certificate(tlsCa.certificate()));
        DurableFiles.write(msp.resolve(NodeOus.FILE_NAME), NodeOus.configYaml("cacerts/" + caFile));
    }

    /** A verifying MSP plus signcerts/&lt;CN&gt;-cert.pem and keystore/priv_sk: an identity that can sign. */
    private void writeLocalMsp(Path msp, String commonName, Credentials identity) throws IOException {
        writeVerifyingMsp(msp);
        DurableFiles.write(
                msp.resolve("signcerts").resolve(certificateFileName(commonName)),
                Pem.certificate(identity.certificate()));
        DurableFiles.writeSecret(msp.resolve("keystore").resolve("priv_sk"), Pem.privateKey(identity.privateKey()));
    }

    private void writeTls(Path tls, String side, Credentials identity) throws IOException {
        DurableFiles.write(tls.resolve("ca.crt"), Pem.certificate(tlsCa.certificate()));
        DurableFiles.write(tls.resolve(side + ".crt"), Pem.certificate(identity.certificate()));
        DurableFiles.writeSecret(tls.resolve(side + ".key"), Pem.privateKey(identity.privateKey()));
    }
}
