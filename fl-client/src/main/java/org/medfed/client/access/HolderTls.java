package org.medfed.client.access;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.hyperledger.fabric.client.identity.Identities;
import org.medfed.client.gateway.ConnectionProfile;

/**
 * Mutual TLS between a data holder and a requester, with the identities they already have on the ledger: each side
 * presents its profile's identity certificate and key (the PEM EC key the gateway signs with) and trusts only the
 * consortium organisations' CAs. No TLS certificate and no host name is involved: who the other side is comes from
 * its certificate's issuing organisation and subject, which is also how the chaincode knows it.
 */
public final class HolderTls {

    private static final char[] NO_PASSWORD = new char[0];

    private HolderTls() {}

    /** A TLS context presenting {@code profile}'s identity and trusting {@code cas}. */
    public static SSLContext context(ConnectionProfile profile, TrustedCas cas) throws IOException {
        return context(profile.certificate(), profile.privateKey(), cas);
    }

    public static SSLContext context(Path certificate, Path privateKey, TrustedCas cas) throws IOException {
        X509Certificate cert = TrustedCas.certificate(certificate);
        PrivateKey key;
        try (Reader in = Files.newBufferedReader(privateKey)) {
            key = Identities.readPrivateKey(in);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IOException(privateKey + " is not a PEM private key (" + e.getMessage() + ")", e);
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", key, NO_PASSWORD, new Certificate[] {cert});
            KeyManagerFactory keys = KeyManagerFactory.getInstance("PKIX");
            keys.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(keys.getKeyManagers(), cas.trustManagers().getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS with " + certificate + " and " + privateKey + ": " + e, e);
        }
    }
}
