package org.medfed.client.gateway;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * How one user of one organisation reaches the network: read from the {@code <org>-<user>.properties}
 * files that the network scripts write under {@code network/data/profiles}.
 */
public record ConnectionProfile(
        Path source,
        String name,
        String mspId,
        String peerEndpoint,
        Path tlsCaCert,
        Path certificate,
        Path privateKey,
        String channel,
        String chaincode,
        URI ipfsApi) {

    /** Every key a profile must have, with an example value for error messages. */
    static final Map<String, String> KEYS = examples();

    private static final String REGENERATE =
            "the network scripts write these files when the network is up (`network/network.sh up`)";

    /** Reads and validates a profile; relative paths resolve against the file's directory. */
    public static ConnectionProfile load(Path file) throws ProfileException {
        Path source = file.toAbsolutePath().normalize();
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(source, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new ProfileException("no connection profile at " + source + ": " + REGENERATE, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ProfileException("cannot read connection profile " + source + ": " + e.getMessage(), e);
        }
        return parse(props, source);
    }

    static ConnectionProfile parse(Properties props, Path source) throws ProfileException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> key : KEYS.entrySet()) {
            if (value(props, key.getKey()).isEmpty()) {
                problems.add(missing(props, key.getKey(), key.getValue()));
            }
        }
        Path dir = source.getParent();
        String endpoint = value(props, "peerEndpoint");
        if (!endpoint.isEmpty() && !isHostPort(endpoint)) {
            problems.add("key 'peerEndpoint' must be host:port (for example " + example("peerEndpoint") + "), got '"
                    + endpoint + "'");
        }
        Path tlsCaCert = pemFile(props, "tlsCaCert", dir, problems);
        Path certificate = pemFile(props, "certificate", dir, problems);
        Path privateKey = pemFile(props, "privateKey", dir, problems);
        URI ipfsApi = httpUri(value(props, "ipfsApi"), problems);
        if (!problems.isEmpty()) {
            throw new ProfileException("connection profile " + source + " is invalid: " + String.join("; ", problems)
                    + " (" + REGENERATE + ")");
        }
        return new ConnectionProfile(
                source,
                value(props, "name"),
                value(props, "mspId"),
                endpoint,
                tlsCaCert,
                certificate,
                privateKey,
                value(props, "channel"),
                value(props, "chaincode"),
                ipfsApi);
    }

    private static String missing(Properties props, String key, String example) {
        String hint = props.stringPropertyNames().stream()
                .filter(k -> k.equalsIgnoreCase(key) && !k.equals(key))
                .findFirst()
                .map(k -> "; found '" + k + "' but keys are case-sensitive")
                .orElse("");
        return "missing key '" + key + "' (for example " + key + "=" + example + hint + ")";
    }

    private static Path pemFile(Properties props, String key, Path dir, List<String> problems) {
        String raw = value(props, key);
        if (raw.isEmpty()) {
            return null;
        }
        Path path = dir.resolve(raw).normalize();
        if (!Files.isRegularFile(path)) {
            problems.add("key '" + key + "' points to " + path + ", which "
                    + (Files.exists(path) ? "is not a file" : "does not exist") + " (relative paths resolve against "
                    + dir + ")");
        } else if (!Files.isReadable(path)) {
            problems.add("key '" + key + "' points to " + path + ", which this user cannot read");
        }
        return path;
    }

    private static URI httpUri(String raw, List<String> problems) {
        if (raw.isEmpty()) {
            return null;
        }
        try {
            URI uri = new URI(raw);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getPort() > 0) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add("key 'ipfsApi' must be an http URL with host and port (for example " + example("ipfsApi")
                + "), got '" + raw + "'");
        return null;
    }

    private static boolean isHostPort(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        if (colon <= 0 || colon == endpoint.length() - 1 || endpoint.contains("/")) {
            return false;
        }
        try {
            int port = Integer.parseInt(endpoint.substring(colon + 1));
            return port > 0 && port < 65536;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String value(Properties props, String key) {
        String value = props.getProperty(key);
        return value == null ? "" : value.strip();
    }

    private static String example(String key) {
        return key + "=" + KEYS.get(key);
    }

    private static Map<String, String> examples() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("name", "hospital-admin");
        keys.put("mspId", "HospitalMSP");
        keys.put("peerEndpoint", "127.0.0.1:7051");
        keys.put("tlsCaCert", "../crypto/.../tlsca.pem");
        keys.put("certificate", "../crypto/.../signcerts/cert.pem");
        keys.put("privateKey", "../crypto/.../keystore/priv_sk");
        keys.put("channel", "medfed");
        keys.put("chaincode", "medfed");
        keys.put("ipfsApi", "http://127.0.0.1:7055");
        return Collections.unmodifiableMap(keys);
    }
}
