package org.medfed.embedded.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The network as {@code network/network.config} and the data folder describe it: organisations in join order
 * ({@code orgs.list}, else the config's ORGS), their ports, and where the scripts keep each organisation's crypto
 * material (cryptogen's folder layout). One place for every name and path the embedded ledger uses.
 */
public final class NetworkLayout {

    public static final String DOMAIN = "medfed.local";

    private final Map<String, String> config;
    private final Path dataDir;

    private NetworkLayout(Map<String, String> config, Path dataDir) {
        this.config = config;
        this.dataDir = dataDir;
    }

    public static NetworkLayout load(Path networkConfig, Path dataDir) {
        try {
            return new NetworkLayout(parse(Files.readAllLines(networkConfig)), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + networkConfig, e);
        }
    }

    /** KEY=VALUE lines; # comments; optional double quotes around the value. */
    static Map<String, String> parse(List<String> lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || !line.contains("=")) {
                continue;
            }
            int eq = line.indexOf('=');
            String value = line.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(line.substring(0, eq).strip(), value);
        }
        return out;
    }

    public Path dataDir() {
        return dataDir;
    }

    public String channel() {
        return config.get("CHANNEL");
    }

    public String chaincodeName() {
        return config.get("CHAINCODE_NAME");
    }

    /** Organisation names in join order: {@code orgs.list} when the network exists, else the config's ORGS. */
    public List<String> orgs() {
        Path list = dataDir.resolve("orgs.list");
        List<String> orgs = new ArrayList<>();
        try {
            if (Files.exists(list)) {
                for (String line : Files.readAllLines(list)) {
                    if (!line.isBlank()) {
                        orgs.add(line.strip());
                    }
                }
                return orgs;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + list, e);
        }
        for (String o : config.get("ORGS").split(",")) {
            orgs.add(o.strip());
        }
        return orgs;
    }

    public static String mspId(String org) {
        return org + "MSP";
    }

    /** The organisation whose MSP id is {@code mspId}, or null. */
    public String orgOfMsp(String mspId) {
        for (String o : orgs()) {
            if (mspId(o).equals(mspId)) {
                return o;
            }
        }
        return null;
    }

    public static String orgDomain(String org) {
        return org.toLowerCase(Locale.ROOT) + "." + DOMAIN;
    }

    public static String peerHost(String org) {
        return "peer0." + orgDomain(org);
    }

    private int orgPort(String org, String offsetKey) {
        int index = orgs().indexOf(org);
        if (index < 0) {
            throw new IllegalArgumentException("unknown organisation " + org + " (known: " + orgs() + ")");
        }
        return integer("ORG_PORT_BASE") + index * integer("ORG_PORT_STRIDE") + integer(offsetKey);
    }

    public int peerPort(String org) {
        return orgPort(org, "PEER_OFFSET");
    }

    public int operationsPort(String org) {
        return orgPort(org, "PEER_OPERATIONS_OFFSET");
    }

    public int chaincodeServerPort(String org) {
        return orgPort(org, "CHAINCODE_SERVER_OFFSET");
    }

    public String peerEndpoint(String org) {
        return "127.0.0.1:" + peerPort(org);
    }

    public Duration batchTimeout() {
        return duration(config.getOrDefault("BATCH_TIMEOUT", "2s"));
    }

    public int maxMessageCount() {
        return Integer.parseInt(config.getOrDefault("MAX_MESSAGE_COUNT", "500"));
    }

    // --- cryptogen layout -------------------------------------------------------------------------

    public Path cryptoDir() {
        return dataDir.resolve("crypto");
    }

    public Path orgDir(String org) {
        return cryptoDir().resolve("peerOrganizations").resolve(orgDomain(org));
    }

    /** The organisation's channel MSP: cacerts, tlscacerts, config.yaml (NodeOUs). */
    public Path orgMspDir(String org) {
        return orgDir(org).resolve("msp");
    }

    public Path peerDir(String org) {
        return orgDir(org).resolve("peers").resolve(peerHost(org));
    }

    /** The peer's local MSP: signcerts/, keystore/priv_sk, cacerts, config.yaml. */
    public Path peerMspDir(String org) {
        return peerDir(org).resolve("msp");
    }

    /** The peer's TLS server.crt, server.key and ca.crt. */
    public Path peerTlsDir(String org) {
        return peerDir(org).resolve("tls");
    }

    public Path userMspDir(String org, String user) {
        return orgDir(org).resolve("users").resolve(user + "@" + orgDomain(org)).resolve("msp");
    }

    // --- the embedded ledger's own files --------------------------------------------------------

    /** The ledger's store folder. */
    public Path ledgerDir() {
        return dataDir.resolve("ledger");
    }

    /** Chaincode definition written by deploy (name, version, sequence). */
    public Path chaincodeDefinition() {
        return dataDir.resolve("chaincode").resolve("definition.properties");
    }

    /** Package id of the organisation's chaincode server (written by deploy). */
    public Path packageIdFile(String org) {
        return dataDir.resolve("chaincode")
                .resolve(org.toLowerCase(Locale.ROOT))
                .resolve("package.id");
    }

    private int integer(String key) {
        String v = config.get(key);
        if (v == null) {
            throw new IllegalStateException("network.config has no " + key);
        }
        return Integer.parseInt(v);
    }

    /** Fabric's duration syntax as network.config uses it: 100ms, 2s, 1m. */
    static Duration duration(String text) {
        String t = text.strip();
        if (t.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        }
        throw new IllegalArgumentException("not a duration: " + text);
    }
}
