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
 * difference as a readable problem naming the service. An empty list means no drift.
 *
 * <p>Every service runs with {@code network_mode: host}: the channel configuration (anchor peers, orderer endpoints)
 * and the CCaaS connection.json name 127.0.0.1, so each container must listen on exactly the 127.0.0.1 address and
 * port of the native process, as network/scripts/start-*.sh and deploy.sh set them.
 */
public final class ComposeTopologyChecker {

    private static final Pattern KEY_VALUE = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$");
    private static final Pattern SERVICE_WITH_SUFFIX = Pattern.compile("^(peer|ipfs|chaincode)-(.+)$");
    private static final Pattern ORDERER_SERVICE = Pattern.compile("^orderer(\\d+)$");
    /** host:port in an environment value (a host name or an IPv4 address, then a port). */
    private static final Pattern ENDPOINT =
            Pattern.compile("(?<![\\w.-])((?:\\d{1,3}\\.){3}\\d{1,3}|[A-Za-z][\\w.-]*):(\\d{2,5})\\b");

    private static final String LOOPBACK = "127.0.0.1";
    private static final String HOST_NETWORK = "host";
    private static final String DOMAIN = "medfed.local";
    private static final String KUBO_INIT = "kubo-init";

    /** The addresses checked one by one; every other environment value is only scanned for non-loopback endpoints. */
    private static final Set<String> ADDRESS_KEYS = Set.of(
            "ORDERER_GENERAL_LISTENADDRESS",
            "ORDERER_GENERAL_LISTENPORT",
            "ORDERER_ADMIN_LISTENADDRESS",
            "ORDERER_OPERATIONS_LISTENADDRESS",
            "CORE_PEER_LISTENADDRESS",
            "CORE_PEER_ADDRESS",
            "CORE_PEER_CHAINCODELISTENADDRESS",
            "CORE_PEER_CHAINCODEADDRESS",
            "CORE_PEER_GOSSIP_BOOTSTRAP",
            "CORE_PEER_GOSSIP_EXTERNALENDPOINT",
            "CORE_OPERATIONS_LISTENADDRESS",
            "MEDFED_IPFS_API_ADDR",
            "MEDFED_IPFS_SWARM_ADDR",
            "MEDFED_IPFS_PEERS",
            "CHAINCODE_SERVER_ADDRESS",
            "MEDFED_IPFS_API");

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
    public static Map<String, String> parseKeyValues(List<String> lines) {
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
            if (value.length() >= 2
                    && (value.charAt(0) == '"' || value.charAt(0) == '\'')
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
        boolean anyIpfs = false;
        for (int i = 0; i < orgs.size(); i++) {
            checkPeer(services, orgs.get(i), i);
            anyIpfs |= checkIpfs(services, orgs, i);
            checkChaincode(services, orgs.get(i), i);
        }
        if (anyIpfs) {
            checkKuboInit(compose);
        }
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Map<String, Object> definition = map(service.getValue(), service.getKey());
            checkHostNetworking(service.getKey(), definition);
            checkOtherEndpoints(service.getKey(), definition);
        }
        return List.copyOf(problems);
    }

    // --- what network.config says ----------------------------------------------------------------------------

    List<String> orgs() {
        return Arrays.stream(required("ORGS").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
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

    private static String loopback(int port) {
        return LOOPBACK + ":" + port;
    }

    private static String loopbackMultiaddr(int port) {
        return "/ip4/" + LOOPBACK + "/tcp/" + port;
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
        expectEqual(
                "x-medfed", "chaincode", string(meta.get("chaincode")), required("CHAINCODE_NAME"), "CHAINCODE_NAME");
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
                problems.add(name + ": missing service (ORGS=" + required("ORGS") + ", ORDERERS=" + required("ORDERERS")
                        + ")");
            }
        }
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
        Map<String, String> env = environment(name, service);
        String where = " of orderer" + k;
        expectEnv(name, env, "ORDERER_GENERAL_LISTENADDRESS", LOOPBACK, "the orderers listen on " + LOOPBACK);
        expectEnv(
                name,
                env,
                "ORDERER_GENERAL_LISTENPORT",
                String.valueOf(ordererPort(k, "ORDERER_OFFSET")),
                "ORDERER_OFFSET" + where);
        expectEnv(
                name,
                env,
                "ORDERER_ADMIN_LISTENADDRESS",
                loopback(ordererPort(k, "ORDERER_ADMIN_OFFSET")),
                "ORDERER_ADMIN_OFFSET" + where);
        expectEnv(
                name,
                env,
                "ORDERER_OPERATIONS_LISTENADDRESS",
                loopback(ordererPort(k, "ORDERER_OPERATIONS_OFFSET")),
                "ORDERER_OPERATIONS_OFFSET" + where);
    }

    private void checkPeer(Map<String, Object> services, String org, int i) {
        String name = "peer-" + lower(org);
        Map<String, Object> service = serviceOrNull(services, name);
        if (service == null) {
            return;
        }
        expectImage(name, service, "hyperledger/fabric-peer:" + versions.get("FABRIC_VERSION"), "FABRIC_VERSION");
        Map<String, String> env = environment(name, service);
        String peer = loopback(orgPort(i, "PEER_OFFSET"));
        String chaincode = loopback(orgPort(i, "PEER_CHAINCODE_OFFSET"));
        String where = " of " + org;
        expectEnv(name, env, "CORE_PEER_LOCALMSPID", org + "MSP", null);
        expectEnv(name, env, "CORE_PEER_ID", "peer0." + lower(org) + "." + DOMAIN, null);
        expectEnv(name, env, "CORE_PEER_LISTENADDRESS", peer, "PEER_OFFSET" + where);
        expectEnv(name, env, "CORE_PEER_ADDRESS", peer, "PEER_OFFSET" + where);
        expectEnv(name, env, "CORE_PEER_GOSSIP_BOOTSTRAP", peer, "PEER_OFFSET" + where);
        expectEnv(name, env, "CORE_PEER_GOSSIP_EXTERNALENDPOINT", peer, "PEER_OFFSET" + where);
        expectEnv(name, env, "CORE_PEER_CHAINCODELISTENADDRESS", chaincode, "PEER_CHAINCODE_OFFSET" + where);
        expectEnv(name, env, "CORE_PEER_CHAINCODEADDRESS", chaincode, "PEER_CHAINCODE_OFFSET" + where);
        expectEnv(
                name,
                env,
                "CORE_OPERATIONS_LISTENADDRESS",
                loopback(orgPort(i, "PEER_OPERATIONS_OFFSET")),
                "PEER_OPERATIONS_OFFSET" + where);
        String externalBuilders = env.getOrDefault("CORE_CHAINCODE_EXTERNALBUILDERS", "");
        if (!externalBuilders.contains("name: ccaas")) {
            problems.add(name + ": CORE_CHAINCODE_EXTERNALBUILDERS does not declare the ccaas builder (was '"
                    + externalBuilders + "')");
        }
    }

    /** @return whether the service exists */
    private boolean checkIpfs(Map<String, Object> services, List<String> orgs, int i) {
        String org = orgs.get(i);
        String name = "ipfs-" + lower(org);
        Map<String, Object> service = serviceOrNull(services, name);
        if (service == null) {
            return false;
        }
        expectImage(name, service, "ipfs/kubo:" + versions.get("KUBO_VERSION"), "KUBO_VERSION");
        Map<String, String> env = environment(name, service);
        String where = " of " + org;
        expectEnv(
                name,
                env,
                "MEDFED_IPFS_API_ADDR",
                loopbackMultiaddr(orgPort(i, "IPFS_API_OFFSET")),
                "IPFS_API_OFFSET" + where);
        expectEnv(
                name,
                env,
                "MEDFED_IPFS_SWARM_ADDR",
                loopbackMultiaddr(orgPort(i, "IPFS_SWARM_OFFSET")),
                "IPFS_SWARM_OFFSET" + where);
        List<String> peers = new ArrayList<>();
        for (int j = 0; j < orgs.size(); j++) {
            if (j != i) {
                peers.add(LOOPBACK + ":" + orgPort(j, "IPFS_API_OFFSET") + ":" + orgPort(j, "IPFS_SWARM_OFFSET"));
            }
        }
        Set<String> actualPeers = new TreeSet<>(
                Arrays.asList(env.getOrDefault("MEDFED_IPFS_PEERS", "").trim().split("\\s+")));
        actualPeers.remove("");
        if (!actualPeers.equals(new TreeSet<>(peers))) {
            problems.add(name + ": MEDFED_IPFS_PEERS is '" + env.get("MEDFED_IPFS_PEERS")
                    + "', expected the other organisations' nodes " + String.join(" ", peers));
        }
        if (!usesConfig(service, KUBO_INIT)) {
            problems.add(name + ": does not mount the " + KUBO_INIT
                    + " config (its startup config, which sets the addresses)");
        }
        return true;
    }

    /**
     * The Kubo startup config sets Addresses.API from MEDFED_IPFS_API_ADDR and Addresses.Swarm/Announce from
     * MEDFED_IPFS_SWARM_ADDR (checked per service above), and names no address of its own but 127.0.0.1.
     */
    private void checkKuboInit(Map<String, Object> compose) {
        String where = "configs." + KUBO_INIT;
        String content =
                compose.get("configs") instanceof Map<?, ?> configs && configs.get(KUBO_INIT) instanceof Map<?, ?> init
                        ? string(init.get("content"))
                        : null;
        if (content == null) {
            problems.add(where + ": missing (the Kubo startup config with the API and swarm addresses)");
            return;
        }
        Map<String, String> setting = Map.of(
                "Addresses.API", "MEDFED_IPFS_API_ADDR",
                "Addresses.Swarm", "MEDFED_IPFS_SWARM_ADDR",
                "Addresses.Announce", "MEDFED_IPFS_SWARM_ADDR");
        for (String key : List.of("Addresses.API", "Addresses.Swarm", "Addresses.Announce")) {
            List<String> lines = content.lines()
                    .filter(l -> l.contains("ipfs config") && l.contains(" " + key + " "))
                    .toList();
            if (lines.size() != 1 || !lines.get(0).contains(setting.get(key))) {
                problems.add(
                        where + ": must set " + key + " once, from " + setting.get(key) + " (found " + lines + ")");
            }
        }
        for (String line : content.lines().toList()) {
            if (line.contains("0.0.0.0")
                    || line.contains("/dns")
                    || line.contains("/ip6/")
                    || (line.contains("/ip4/")
                            && !line.contains("/ip4/$$host/")
                            && !line.contains("/ip4/" + LOOPBACK + "/"))) {
                problems.add(where + ": '" + line.strip() + "' names an address other than " + LOOPBACK);
            }
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
            problems.add(name + ": image is '" + image
                    + "', expected eclipse-temurin:17-jre (the project builds for Java 17)");
        }
        Map<String, String> env = environment(name, service);
        String where = " of " + org;
        expectEnv(
                name,
                env,
                "CHAINCODE_SERVER_ADDRESS",
                loopback(orgPort(i, "CHAINCODE_SERVER_OFFSET")),
                "CHAINCODE_SERVER_OFFSET" + where);
        expectEnv(
                name,
                env,
                "MEDFED_IPFS_API",
                "http://" + loopback(orgPort(i, "IPFS_API_OFFSET")),
                "IPFS_API_OFFSET" + where);
        expectEnv(name, env, "MEDFED_ORG_MSP", org + "MSP", null);
        expectEnv(name, env, "CORE_CHAINCODE_ID_NAME", "${" + org.toUpperCase(Locale.ROOT) + "_CC_PACKAGE_ID}", null);
        if (config.containsKey("CHAINCODE_JAVA_OPTS")) {
            expectEnv(name, env, "CHAINCODE_JAVA_OPTS", config.get("CHAINCODE_JAVA_OPTS"), "CHAINCODE_JAVA_OPTS");
        }
    }

    /** network_mode host; ports and networks are bridge-network settings (ignored, respectively refused, with it). */
    private void checkHostNetworking(String name, Map<String, Object> service) {
        String mode = string(service.get("network_mode"));
        if (!HOST_NETWORK.equals(mode)) {
            problems.add(name + ": network_mode is " + (mode == null ? "not set" : "'" + mode + "'") + ", expected host"
                    + " (the channel config and connection.json name " + LOOPBACK + " endpoints)");
        }
        if (service.containsKey("ports")) {
            problems.add(name + ": has ports, which network_mode host ignores (it listens on the host's " + LOOPBACK
                    + " directly)");
        }
        if (service.containsKey("networks")) {
            problems.add(name + ": has networks, which cannot be combined with network_mode host");
        }
    }

    /** Any other environment value naming host:port (say a DELIVERYCLIENT address override) must name 127.0.0.1. */
    private void checkOtherEndpoints(String name, Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        if (service.get("environment") instanceof Map<?, ?> || service.get("environment") instanceof List<?>) {
            env = environment(name, service);
        }
        env.forEach((key, value) -> {
            if (ADDRESS_KEYS.contains(key)) {
                return;
            }
            Matcher m = ENDPOINT.matcher(value);
            while (m.find()) {
                if (!LOOPBACK.equals(m.group(1))) {
                    problems.add(name + ": " + key + " names " + m.group()
                            + "; with network_mode host every endpoint is " + LOOPBACK + ":<port>");
                }
            }
        });
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static boolean usesConfig(Map<String, Object> service, String config) {
        if (!(service.get("configs") instanceof List<?> list)) {
            return false;
        }
        return list.stream()
                .anyMatch(c -> config.equals(c) || (c instanceof Map<?, ?> m && config.equals(m.get("source"))));
    }

    private void expectImage(String name, Map<String, Object> service, String image, String versionKey) {
        String actual = string(service.get("image"));
        if (!image.equals(actual)) {
            problems.add(name + ": image is '" + actual + "', expected " + image + " (" + versionKey
                    + " in network/scripts/versions.sh)");
        }
    }

    /** @param source where the expected value comes from, for the message (network.config key), or null */
    private void expectEnv(String name, Map<String, String> env, String key, String expected, String source) {
        String actual = env.get(key);
        if (!expected.equals(actual)) {
            problems.add(name + ": " + key + " is " + (actual == null ? "not set" : "'" + actual + "'") + ", expected '"
                    + expected + "'" + (source == null ? "" : " (" + source + " in network.config)"));
        }
    }

    private void expectEqual(String where, String what, String actual, String expected, String key) {
        if (!expected.equals(actual)) {
            problems.add(where + ": " + what + " is '" + actual + "', expected '" + expected + "' (" + key
                    + " in network.config)");
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
}
