package org.medfed.client.compose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares the topology of docker-compose.yaml (as parsed by SnakeYAML: maps, lists and scalars) with the native
 * configuration (network/network.config and network/scripts/versions.sh, as KEY=VALUE maps) and returns every
 * difference as a readable problem naming the service and port. An empty list means no drift.
 */
final class ComposeTopologyChecker {

    private static final Pattern KEY_VALUE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
    private static final Pattern SERVICE_WITH_SUFFIX = Pattern.compile("^(peer|ipfs|chaincode)-(.+)$");
    private static final Pattern ORDERER_SERVICE = Pattern.compile("^orderer(\\d+)$");
    private static final String LOOPBACK = "127.0.0.1";
    private static final String DOMAIN = "medfed.local";

    private final Map<String, String> config;
    private final Map<String, String> versions;
    private final List<String> problems = new ArrayList<>();

    /** @param config network/network.config; @param versions network/scripts/versions.sh */
    ComposeTopologyChecker(Map<String, String> config, Map<String, String> versions) {
        this.config = Map.copyOf(config);
        this.versions = Map.copyOf(versions);
    }

    /**
     * Parses shell-style KEY=VALUE lines: blank lines, comments and other lines are skipped, one pair of surrounding
     * quotes is stripped, and an unquoted value ends at a " #" comment.
     */
    static Map<String, String> parseKeyValues(List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher m = KEY_VALUE.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String value = m.group(2).strip();
            if (value.length() >= 2 && (value.charAt(0) == '"' || value.charAt(0) == '\'')
                    && value.indexOf(value.charAt(0), 1) > 0) {
                value = value.substring(1, value.indexOf(value.charAt(0), 1));
            } else {
                int comment = value.indexOf(" #");
                if (comment < 0) {
                    comment = value.indexOf("\t#");
                }
                if (comment >= 0) {
                    value = value.substring(0, comment).strip();
                }
            }
            values.put(m.group(1), value);
        }
        return values;
    }

    /** Every difference between the compose model and the native configuration; empty when they agree. */
    List<String> check(Map<String, Object> compose) {
        problems.clear();
        List<String> orgs = orgs();
        Map<String, Object> services = map(compose.get("services"), "services");

        checkMetadata(compose);
        checkServiceSet(services, orgs);

        int orderers = integer("ORDERERS");
        for (int k = 1; k <= orderers; k++) {
            checkOrderer(services, k);
        }
        for (int i = 0; i < orgs.size(); i++) {
            checkPeer(services, orgs.get(i), i, orderers);
            checkIpfs(services, orgs, i);
            checkChaincode(services, orgs.get(i), i);
        }
        for (Map.Entry<String, Object> service : services.entrySet()) {
            checkLoopbackBindings(service.getKey(), map(service.getValue(), service.getKey()));
        }
        return List.copyOf(problems);
    }

    // --- what network.config says ----------------------------------------------------------------------------

    List<String> orgs() {
        return Arrays.stream(required("ORGS").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    int orgPort(int orgIndex, String offsetKey) {
        return integer("ORG_PORT_BASE") + orgIndex * integer("ORG_PORT_STRIDE") + integer(offsetKey);
    }

    /** Orderer k is 1-based, as in network/scripts/common.sh. */
    int ordererPort(int k, String offsetKey) {
        return integer("ORDERER_PORT_BASE") + (k - 1) * integer("ORDERER_PORT_STRIDE") + integer(offsetKey);
    }

    private String required(String key) {
        String value = config.get(key);
        if (value == null) {
            throw new IllegalArgumentException("network.config has no " + key);
        }
        return value;
    }

    private int integer(String key) {
        return Integer.parseInt(required(key));
    }

    private static String lower(String org) {
        return org.toLowerCase(Locale.ROOT);
    }

    // --- checks ----------------------------------------------------------------------------------------------

    private void checkMetadata(Map<String, Object> compose) {
        Object raw = compose.get("x-medfed");
        if (!(raw instanceof Map<?, ?>)) {
            problems.add("x-medfed: missing (it must give the channel and chaincode names)");
            return;
        }
        Map<String, Object> meta = map(raw, "x-medfed");
        expectEqual("x-medfed", "channel", string(meta.get("channel")), required("CHANNEL"), "CHANNEL");
        expectEqual("x-medfed", "chaincode", string(meta.get("chaincode")), required("CHAINCODE_NAME"), "CHAINCODE_NAME");
    }

    private void checkServiceSet(Map<String, Object> services, List<String> orgs) {
        Set<String> expected = new LinkedHashSet<>();
        for (int k = 1; k <= integer("ORDERERS"); k++) {
            expected.add("orderer" + k);
        }
        for (String kind : List.of("peer", "ipfs", "chaincode")) {
            for (String org : orgs) {
                expected.add(kind + "-" + lower(org));
            }
        }
        for (String name : expected) {
            if (!services.containsKey(name)) {
                problems.add(name + ": missing service (ORGS=" + required("ORGS") + ", ORDERERS=" + required("ORDERERS") + ")");
            }
        }
        Set<String> orgNames = new TreeSet<>();
        orgs.forEach(o -> orgNames.add(lower(o)));
        for (String name : services.keySet()) {
            if (expected.contains(name)) {
                continue;
            }
            Matcher m = SERVICE_WITH_SUFFIX.matcher(name);
            if (m.matches()) {
                problems.add(name + ": organisation '" + m.group(2) + "' is not in ORGS=" + required("ORGS"));
            } else if (ORDERER_SERVICE.matcher(name).matches()) {
                problems.add(name + ": there are only ORDERERS=" + required("ORDERERS") + " orderers");
            } else {
                problems.add(name + ": unexpected service (not part of the native topology)");
            }
        }
    }

    private void checkOrderer(Map<String, Object> services, int k) {
        String name = "orderer" + k;
        Map<String, Object> service = serviceOrNull(services, name);
        if (service == null) {
            return;
        }
        expectImage(name, service, "hyperledger/fabric-orderer:" + versions.get("FABRIC_VERSION"), "FABRIC_VERSION");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("ORDERER_OFFSET", ordererPort(k, "ORDERER_OFFSET"));
        expected.put("ORDERER_ADMIN_OFFSET", ordererPort(k, "ORDERER_ADMIN_OFFSET"));
        expected.put("ORDERER_OPERATIONS_OFFSET", ordererPort(k, "ORDERER_OPERATIONS_OFFSET"));
        expectPorts(name, service, expected);

        Map<String, String> env = environment(name, service);
        expectEnv(name, env, "ORDERER_GENERAL_LISTENPORT", String.valueOf(expected.get("ORDERER_OFFSET")));
        expectEnvPort(name, env, "ORDERER_ADMIN_LISTENADDRESS", expected.get("ORDERER_ADMIN_OFFSET"));
        expectEnvPort(name, env, "ORDERER_OPERATIONS_LISTENADDRESS", expected.get("ORDERER_OPERATIONS_OFFSET"));
    }

    private void checkPeer(Map<String, Object> services, String org, int i, int orderers) {
        String name = "peer-" + lower(org);
        Map<String, Object> service = serviceOrNull(services, name);
        if (service == null) {
            return;
        }
        expectImage(name, service, "hyperledger/fabric-peer:" + versions.get("FABRIC_VERSION"), "FABRIC_VERSION");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("PEER_OFFSET", orgPort(i, "PEER_OFFSET"));
        expected.put("PEER_CHAINCODE_OFFSET", orgPort(i, "PEER_CHAINCODE_OFFSET"));
        expected.put("PEER_OPERATIONS_OFFSET", orgPort(i, "PEER_OPERATIONS_OFFSET"));
        expectPorts(name, service, expected);

        Map<String, String> env = environment(name, service);
        int peerPort = expected.get("PEER_OFFSET");
        String host = "peer0." + lower(org) + "." + DOMAIN;
        expectEnv(name, env, "CORE_PEER_LOCALMSPID", org + "MSP");
        expectEnv(name, env, "CORE_PEER_ID", host);
        expectEnvPort(name, env, "CORE_PEER_LISTENADDRESS", peerPort);
        expectEnv(name, env, "CORE_PEER_ADDRESS", host + ":" + peerPort);
        expectEnv(name, env, "CORE_PEER_GOSSIP_EXTERNALENDPOINT", host + ":" + peerPort);
        expectEnv(name, env, "CORE_PEER_GOSSIP_BOOTSTRAP", host + ":" + peerPort);
        expectEnvPort(name, env, "CORE_PEER_CHAINCODELISTENADDRESS", expected.get("PEER_CHAINCODE_OFFSET"));
        expectEnvPort(name, env, "CORE_PEER_CHAINCODEADDRESS", expected.get("PEER_CHAINCODE_OFFSET"));
        expectEnvPort(name, env, "CORE_OPERATIONS_LISTENADDRESS", expected.get("PEER_OPERATIONS_OFFSET"));
        String externalBuilders = env.getOrDefault("CORE_CHAINCODE_EXTERNALBUILDERS", "");
        if (!externalBuilders.contains("name: ccaas")) {
            problems.add(name + ": CORE_CHAINCODE_EXTERNALBUILDERS does not declare the ccaas builder (was '" + externalBuilders + "')");
        }
        // The channel config lists the orderers at 127.0.0.1:<port>; inside Docker each one is remapped.
        String overrides = env.getOrDefault("CORE_PEER_DELIVERYCLIENT_ADDRESSOVERRIDES", "");
        for (int k = 1; k <= orderers; k++) {
            int port = ordererPort(k, "ORDERER_OFFSET");
            String to = "orderer" + k + ".orderer." + DOMAIN + ":" + port;
            if (!overrides.contains(LOOPBACK + ":" + port) || !overrides.contains(to)) {
                problems.add(name + ": CORE_PEER_DELIVERYCLIENT_ADDRESSOVERRIDES must map " + LOOPBACK + ":" + port
                        + " to " + to + " (was '" + overrides + "')");
            }
        }
    }

    private void checkIpfs(Map<String, Object> services, List<String> orgs, int i) {
        String org = orgs.get(i);
        String name = "ipfs-" + lower(org);
        Map<String, Object> service = serviceOrNull(services, name);
        if (service == null) {
            return;
        }
        expectImage(name, service, "ipfs/kubo:" + versions.get("KUBO_VERSION"), "KUBO_VERSION");
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("IPFS_API_OFFSET", orgPort(i, "IPFS_API_OFFSET"));
        expected.put("IPFS_SWARM_OFFSET", orgPort(i, "IPFS_SWARM_OFFSET"));
        expectPorts(name, service, expected);

        Map<String, String> env = environment(name, service);
        expectEnv(name, env, "MEDFED_IPFS_HOST", name);
        expectEnv(name, env, "MEDFED_IPFS_API_PORT", String.valueOf(expected.get("IPFS_API_OFFSET")));
        expectEnv(name, env, "MEDFED_IPFS_SWARM_PORT", String.valueOf(expected.get("IPFS_SWARM_OFFSET")));
        List<String> peers = new ArrayList<>();
        for (int j = 0; j < orgs.size(); j++) {
            if (j != i) {
                peers.add("ipfs-" + lower(orgs.get(j)) + ":" + orgPort(j, "IPFS_API_OFFSET") + ":" + orgPort(j, "IPFS_SWARM_OFFSET"));
            }
        }
        Set<String> actualPeers = new TreeSet<>(Arrays.asList(env.getOrDefault("MEDFED_IPFS_PEERS", "").trim().split("\\s+")));
        actualPeers.remove("");
        if (!actualPeers.equals(new TreeSet<>(peers))) {
            problems.add(name + ": MEDFED_IPFS_PEERS is '" + env.get("MEDFED_IPFS_PEERS") + "', expected the other organisations' nodes "
                    + String.join(" ", peers));
        }
    }

    private void checkChaincode(Map<String, Object> services, String org, int i) {
        String name = "chaincode-" + lower(org);
        Map<String, Object> service = serviceOrNull(services, name);
        if (service == null) {
            return;
        }
        String image = string(service.get("image"));
        if (image == null || !image.startsWith("eclipse-temurin:17")) {
            problems.add(name + ": image is '" + image + "', expected eclipse-temurin:17-jre (the project builds for Java 17)");
        }
        int port = orgPort(i, "CHAINCODE_SERVER_OFFSET");
        expectPorts(name, service, Map.of("CHAINCODE_SERVER_OFFSET", port));

        Map<String, String> env = environment(name, service);
        expectEnv(name, env, "CHAINCODE_SERVER_ADDRESS", "0.0.0.0:" + port);
        expectEnv(name, env, "MEDFED_IPFS_API", "http://ipfs-" + lower(org) + ":" + orgPort(i, "IPFS_API_OFFSET"));
        expectEnv(name, env, "MEDFED_ORG_MSP", org + "MSP");
        expectEnv(name, env, "CORE_CHAINCODE_ID_NAME", "${" + org.toUpperCase(Locale.ROOT) + "_CC_PACKAGE_ID}");
        if (config.containsKey("CHAINCODE_JAVA_OPTS")) {
            expectEnv(name, env, "CHAINCODE_JAVA_OPTS", config.get("CHAINCODE_JAVA_OPTS"));
        }
    }

    private void checkLoopbackBindings(String name, Map<String, Object> service) {
        if (service.containsKey("ports") && !(service.get("ports") instanceof List<?>)) {
            problems.add(name + ": ports is not a list");
        }
        for (PortBinding binding : ports(service)) {
            if (binding.published() == null && binding.target() == null) {
                problems.add(name + ": cannot read port '" + binding.spec() + "' (write 127.0.0.1:PORT:PORT)");
            } else if (!LOOPBACK.equals(binding.hostIp())) {
                problems.add(name + ": port " + binding.published() + " binds to "
                        + (binding.hostIp() == null ? "all interfaces" : binding.hostIp()) + ", not " + LOOPBACK
                        + " (" + binding.spec() + ")");
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** One published port, from the short ("127.0.0.1:7051:7051[/tcp]") or the long (map) syntax. */
    record PortBinding(String hostIp, Integer published, Integer target, String spec) {}

    private static final Pattern SHORT_PORT = Pattern.compile("^(?:(.+):)?(\\d+):(\\d+)(?:/\\w+)?$");

    /** The service's published ports; an entry that cannot be read has neither published nor target port. */
    static List<PortBinding> ports(Map<String, Object> service) {
        if (!(service.get("ports") instanceof List<?> list)) {
            return List.of();
        }
        List<PortBinding> bindings = new ArrayList<>();
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> m) {
                bindings.add(new PortBinding(string(m.get("host_ip")), toInteger(m.get("published")),
                        toInteger(m.get("target")), String.valueOf(m)));
                continue;
            }
            String spec = String.valueOf(entry);
            Matcher m = SHORT_PORT.matcher(spec);
            bindings.add(m.matches()
                    ? new PortBinding(m.group(1), Integer.valueOf(m.group(2)), Integer.valueOf(m.group(3)), spec)
                    : new PortBinding(null, null, null, spec));
        }
        return bindings;
    }

    private void expectPorts(String name, Map<String, Object> service, Map<String, Integer> expected) {
        Map<Integer, String> byPort = new LinkedHashMap<>();
        expected.forEach((offset, port) -> byPort.put(port, offset));
        Set<Integer> published = new TreeSet<>();
        for (PortBinding binding : ports(service)) {
            if (binding.published() == null && binding.target() == null) {
                continue; // unreadable: reported once, by checkLoopbackBindings
            }
            if (binding.published() == null) {
                problems.add(name + ": " + binding.spec() + " publishes no fixed host port");
                continue;
            }
            published.add(binding.published());
            if (!binding.published().equals(binding.target())) {
                problems.add(name + ": " + binding.spec() + " maps host port " + binding.published() + " to container port "
                        + binding.target() + "; they must be identical");
            }
            if (!byPort.containsKey(binding.published())) {
                problems.add(name + ": publishes port " + binding.published() + ", which network.config does not give it (expected "
                        + describe(expected) + ")");
            }
        }
        byPort.forEach((port, offset) -> {
            if (!published.contains(port)) {
                problems.add(name + ": port " + port + " (" + offset + ") is not published");
            }
        });
    }

    private static String describe(Map<String, Integer> expected) {
        List<String> parts = new ArrayList<>();
        expected.forEach((offset, port) -> parts.add(offset + "=" + port));
        return String.join(", ", parts);
    }

    private void expectImage(String name, Map<String, Object> service, String image, String versionKey) {
        String actual = string(service.get("image"));
        if (!image.equals(actual)) {
            problems.add(name + ": image is '" + actual + "', expected " + image + " (" + versionKey + " in network/scripts/versions.sh)");
        }
    }

    private void expectEnv(String name, Map<String, String> env, String key, String expected) {
        String actual = env.get(key);
        if (!expected.equals(actual)) {
            problems.add(name + ": " + key + " is " + (actual == null ? "not set" : "'" + actual + "'") + ", expected '" + expected + "'");
        }
    }

    /** A listen address ending in the expected port (the host part may be 0.0.0.0 or a container name). */
    private void expectEnvPort(String name, Map<String, String> env, String key, int port) {
        String actual = env.get(key);
        if (actual == null || !actual.endsWith(":" + port)) {
            problems.add(name + ": " + key + " is " + (actual == null ? "not set" : "'" + actual + "'") + ", expected port " + port);
        }
    }

    private void expectEqual(String where, String what, String actual, String expected, String key) {
        if (!expected.equals(actual)) {
            problems.add(where + ": " + what + " is '" + actual + "', expected '" + expected + "' (" + key + " in network.config)");
        }
    }

    private Map<String, Object> serviceOrNull(Map<String, Object> services, String name) {
        Object raw = services.get(name);
        return raw == null ? null : map(raw, name);
    }

    /** The environment in either Compose form: a map, or a list of KEY=VALUE strings. */
    private Map<String, String> environment(String name, Map<String, Object> service) {
        Object raw = service.get("environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (raw instanceof Map<?, ?> m) {
            m.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else if (raw instanceof List<?> list) {
            for (Object entry : list) {
                String s = String.valueOf(entry);
                int eq = s.indexOf('=');
                env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
            }
        } else if (raw != null) {
            problems.add(name + ": environment is neither a map nor a list");
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object raw, String what) {
        if (!(raw instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " is not a mapping in docker-compose.yaml");
        }
        return (Map<String, Object>) raw;
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    private static Integer toInteger(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(String.valueOf(value).strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
