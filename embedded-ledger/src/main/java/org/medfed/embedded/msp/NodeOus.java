package org.medfed.embedded.msp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The NodeOUs section of an MSP's {@code config.yaml} as cryptogen writes it with EnableNodeOUs: every role's OU
 * identifier certified by the organisation's one root CA.
 */
final class NodeOus {

    static final String FILE_NAME = "config.yaml";

    private static final Map<String, Role> ROLE_KEYS = Map.of(
            "ClientOUIdentifier", Role.CLIENT,
            "PeerOUIdentifier", Role.PEER,
            "AdminOUIdentifier", Role.ADMIN,
            "OrdererOUIdentifier", Role.ORDERER);

    private NodeOus() {}

    /** cryptogen's config.yaml; {@code caCertificate} is relative to the MSP: cacerts/ca.&lt;domain&gt;-cert.pem. */
    static String configYaml(String caCertificate) {
        StringBuilder yaml = new StringBuilder("NodeOUs:\n  Enable: true\n");
        for (String key :
                new String[] {"ClientOUIdentifier", "PeerOUIdentifier", "AdminOUIdentifier", "OrdererOUIdentifier"}) {
            yaml.append("  ")
                    .append(key)
                    .append(":\n")
                    .append("    Certificate: ")
                    .append(caCertificate)
                    .append('\n')
                    .append("    OrganizationalUnitIdentifier: ")
                    .append(ROLE_KEYS.get(key).name().toLowerCase(Locale.ROOT))
                    .append('\n');
        }
        return yaml.toString();
    }

    /**
     * Role of each OU identifier in {@code mspDir/config.yaml}. Only our own (cryptogen's) layout is read: one
     * "XxxOUIdentifier:" key followed by its "OrganizationalUnitIdentifier:" line; the Certificate lines are not
     * checked because every identifier names the one CA in cacerts.
     */
    static Map<String, Role> rolesByOu(Path mspDir) {
        Path file = mspDir.resolve(FILE_NAME);
        Map<String, Role> roles = new HashMap<>();
        boolean enabled = false;
        Role current = null;
        try {
            for (String raw : Files.readAllLines(file)) {
                String line = raw.strip();
                if (line.equals("Enable: true")) {
                    enabled = true;
                } else if (line.endsWith(":") && ROLE_KEYS.containsKey(line.substring(0, line.length() - 1))) {
                    current = ROLE_KEYS.get(line.substring(0, line.length() - 1));
                } else if (line.startsWith("OrganizationalUnitIdentifier:") && current != null) {
                    roles.put(unquote(line.substring(line.indexOf(':') + 1).strip()), current);
                    current = null;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (!enabled || roles.isEmpty()) {
            throw new IllegalStateException("NodeOUs are not enabled in " + file);
        }
        return Map.copyOf(roles);
    }

    private static String unquote(String value) {
        boolean quoted = value.length() >= 2
                && (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"));
        return quoted ? value.substring(1, value.length() - 1) : value;
    }
}
