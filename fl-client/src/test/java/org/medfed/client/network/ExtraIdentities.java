package org.medfed.client.network;

import java.nio.file.Path;
import java.util.Locale;
import org.medfed.client.federation.ClientIdentities;

/**
 * Client identities beyond the one User1 that cryptogen makes per organisation, for the real-network ITs: issued by
 * the organisation's own CA with {@link ClientIdentities} (so its MSP classifies them as clients), written next to
 * the test's network data with a connection profile of their own.
 */
final class ExtraIdentities {

    private final ClientIdentities issuer;

    ExtraIdentities(RealNetwork net) {
        this.issuer =
                new ClientIdentities(net.dataDir(), net.dataDir().getParent().resolve("identities"));
    }

    /**
     * Issues a client certificate for {@code commonName} at {@code org} and writes a profile for it that reaches
     * the organisation's own peer and Kubo node (a copy of its User1 profile with the new certificate and key).
     *
     * @return the profile file
     */
    Path issueClient(String org, String commonName) throws Exception {
        String name = org.toLowerCase(Locale.ROOT) + "-"
                + commonName.replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
        if (name.length() > 80) {
            name = name.substring(0, 80);
        }
        return issuer.issue(org, commonName, name, "client identity " + commonName + " of " + org + ", issued by an IT")
                .profile();
    }
}
