package org.medfed.client.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yaml at the repository root runs the native network of network/network.sh in containers with
 * network_mode host. This test fails when its organisations, services, 127.0.0.1 listen addresses and ports, images,
 * channel or chaincode name drift from network/network.config and network/scripts/versions.sh.
 */
class DockerComposeDriftTest {

    private static Path root;
    private static Map<String, String> config;
    private static Map<String, String> versions;

    @BeforeAll
    static void locateFiles() throws IOException {
        root = repositoryRoot();
        config = ComposeTopologyChecker.parseKeyValues(Files.readAllLines(root.resolve("network/network.config")));
        versions =
                ComposeTopologyChecker.parseKeyValues(Files.readAllLines(root.resolve("network/scripts/versions.sh")));
    }

    @Test
    void composeFileMatchesTheNativeConfiguration() throws IOException {
        List<String> problems = new ComposeTopologyChecker(config, versions).check(loadCompose());

        assertThat(problems)
                .withFailMessage(() ->
                        "docker-compose.yaml drifted from network/network.config or network/scripts/versions.sh:\n  - "
                                + String.join("\n  - ", problems))
                .isEmpty();
    }

    @Test
    void readsKeyValueFilesAsTheNetworkScriptsDo() {
        assertThat(config).containsKeys("ORGS", "CHANNEL", "CHAINCODE_NAME", "ORG_PORT_BASE", "ORDERERS");
        assertThat(versions).containsKeys("FABRIC_VERSION", "KUBO_VERSION");
        assertThat(versions.get("FABRIC_COMMIT"))
                .as("a trailing comment is no part of the value")
                .doesNotContain("#", " ");
        assertThat(ComposeTopologyChecker.parseKeyValues(List.of(
                        "# comment",
                        "",
                        "A=\"quoted value\"",
                        "B='single'",
                        "C=plain  # trailing comment",
                        "not a pair")))
                .containsExactly(Map.entry("A", "quoted value"), Map.entry("B", "single"), Map.entry("C", "plain"));
    }

    @Test
    void reportsAChangedPortWithItsService() throws IOException {
        ComposeTopologyChecker checker = new ComposeTopologyChecker(config, versions);
        List<String> orgs = checker.orgs();
        String org = orgs.get(1).toLowerCase(Locale.ROOT);
        int peer = checker.orgPort(1, "PEER_OFFSET");
        int swarm = checker.orgPort(1, "IPFS_SWARM_OFFSET");
        int admin = checker.ordererPort(1, "ORDERER_ADMIN_OFFSET");
        Map<String, Object> compose = loadCompose();
        environment(compose, "peer-" + org).put("CORE_PEER_LISTENADDRESS", "127.0.0.1:" + (peer + 10));
        environment(compose, "ipfs-" + org).put("MEDFED_IPFS_SWARM_ADDR", "/ip4/127.0.0.1/tcp/" + (swarm + 10));
        // Right port, but every interface: with host networking that would expose the admin API beyond the host.
        environment(compose, "orderer1").put("ORDERER_ADMIN_LISTENADDRESS", "0.0.0.0:" + admin);

        List<String> problems = checker.check(compose);

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "peer-" + org + ": CORE_PEER_LISTENADDRESS is '127.0.0.1:" + (peer + 10)
                                + "', expected '127.0.0.1:" + peer + "' (PEER_OFFSET of " + orgs.get(1)
                                + " in network.config)",
                        "ipfs-" + org + ": MEDFED_IPFS_SWARM_ADDR is '/ip4/127.0.0.1/tcp/" + (swarm + 10)
                                + "', expected '/ip4/127.0.0.1/tcp/" + swarm + "' (IPFS_SWARM_OFFSET of " + orgs.get(1)
                                + " in network.config)",
                        "orderer1: ORDERER_ADMIN_LISTENADDRESS is '0.0.0.0:" + admin + "', expected '127.0.0.1:" + admin
                                + "' (ORDERER_ADMIN_OFFSET of orderer1 in network.config)");
    }

    @Test
    void reportsWiringAndImageDrift() throws IOException {
        ComposeTopologyChecker checker = new ComposeTopologyChecker(config, versions);
        List<String> orgs = checker.orgs();
        String second = orgs.get(1).toLowerCase(Locale.ROOT);
        int firstApi = checker.orgPort(0, "IPFS_API_OFFSET");
        int secondApi = checker.orgPort(1, "IPFS_API_OFFSET");
        int orderer = checker.ordererPort(1, "ORDERER_OFFSET");
        Map<String, Object> compose = loadCompose();
        // The second organisation's chaincode talks to the first organisation's Kubo node.
        environment(compose, "chaincode-" + second).put("MEDFED_IPFS_API", "http://127.0.0.1:" + firstApi);
        // A bridge-network leftover: the orderer endpoint of the channel config remapped to a container name.
        environment(compose, "peer-" + second)
                .put(
                        "CORE_PEER_DELIVERYCLIENT_ADDRESSOVERRIDES",
                        "[{from: '127.0.0.1:" + orderer + "', to: 'orderer1.orderer.medfed.local:" + orderer + "'}]");
        service(compose, "orderer1").put("image", "hyperledger/fabric-orderer:2.5");

        List<String> problems = checker.check(compose);

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "chaincode-" + second + ": MEDFED_IPFS_API is 'http://127.0.0.1:" + firstApi
                                + "', expected 'http://127.0.0.1:" + secondApi + "' (IPFS_API_OFFSET of " + orgs.get(1)
                                + " in network.config)",
                        "peer-" + second
                                + ": CORE_PEER_DELIVERYCLIENT_ADDRESSOVERRIDES names orderer1.orderer.medfed.local:"
                                + orderer + "; with network_mode host every endpoint is 127.0.0.1:<port>",
                        "orderer1: image is 'hyperledger/fabric-orderer:2.5', expected hyperledger/fabric-orderer:"
                                + versions.get("FABRIC_VERSION") + " (FABRIC_VERSION in network/scripts/versions.sh)");
    }

    @Test
    void reportsAServiceNotOnHostNetworking() throws IOException {
        ComposeTopologyChecker checker = new ComposeTopologyChecker(config, versions);
        List<String> orgs =
                checker.orgs().stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        int chaincode = checker.orgPort(2, "CHAINCODE_SERVER_OFFSET");
        Map<String, Object> compose = loadCompose();
        service(compose, "peer-" + orgs.get(0)).remove("network_mode");
        Map<String, Object> bridged = service(compose, "chaincode-" + orgs.get(2));
        bridged.put("network_mode", "bridge");
        bridged.put("ports", List.of("127.0.0.1:" + chaincode + ":" + chaincode));
        bridged.put("networks", List.of("medfed"));

        List<String> problems = checker.check(compose);

        String why = " (the channel config and connection.json name 127.0.0.1 endpoints)";
        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "peer-" + orgs.get(0) + ": network_mode is not set, expected host" + why,
                        "chaincode-" + orgs.get(2) + ": network_mode is 'bridge', expected host" + why,
                        "chaincode-" + orgs.get(2)
                                + ": has ports, which network_mode host ignores (it listens on the host's 127.0.0.1 directly)",
                        "chaincode-" + orgs.get(2) + ": has networks, which cannot be combined with network_mode host");
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportsAKuboStartupConfigThatLeavesLoopback() throws IOException {
        Map<String, Object> compose = loadCompose();
        Map<String, Object> init =
                (Map<String, Object>) ((Map<String, Object>) compose.get("configs")).get("kubo-init");
        String content = (String) init.get("content");
        String apiLine = content.lines()
                .filter(l -> l.contains(" Addresses.API "))
                .findFirst()
                .orElseThrow();
        init.put("content", content.replace(apiLine, "ipfs config Addresses.API /ip4/0.0.0.0/tcp/5001"));

        List<String> problems = new ComposeTopologyChecker(config, versions).check(compose);

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "configs.kubo-init: must set Addresses.API once, from MEDFED_IPFS_API_ADDR (found [ipfs config Addresses.API /ip4/0.0.0.0/tcp/5001])",
                        "configs.kubo-init: 'ipfs config Addresses.API /ip4/0.0.0.0/tcp/5001' names an address other than 127.0.0.1");
    }

    @Test
    void reportsAnOrganisationMissingFromTheComposeFile() throws IOException {
        Map<String, String> withExtraOrg = new LinkedHashMap<>(config);
        withExtraOrg.put("ORGS", config.get("ORGS") + ",Lab");
        ComposeTopologyChecker checker = new ComposeTopologyChecker(withExtraOrg, versions);
        int labIndex = checker.orgs().size() - 1;
        String labNode = "127.0.0.1:" + checker.orgPort(labIndex, "IPFS_API_OFFSET") + ":"
                + checker.orgPort(labIndex, "IPFS_SWARM_OFFSET");

        List<String> problems = checker.check(loadCompose());

        // Lab's three services are missing, and every other Kubo node should be peered with Lab's.
        assertThat(problems)
                .hasSize(3 + labIndex)
                .anyMatch(p -> p.startsWith("peer-lab: missing service"))
                .anyMatch(p -> p.startsWith("ipfs-lab: missing service"))
                .anyMatch(p -> p.startsWith("chaincode-lab: missing service"))
                .filteredOn(p -> p.contains(": MEDFED_IPFS_PEERS is"))
                .hasSize(labIndex)
                .allMatch(p -> p.contains(labNode));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** Maven runs tests in the module directory; walk up to the directory holding network/network.config. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("network/network.config"))
                    && Files.isRegularFile(dir.resolve("docker-compose.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no network/network.config and docker-compose.yaml above "
                + Path.of("").toAbsolutePath());
    }

    /** A fresh model on every call, so a test may change it. */
    private static Map<String, Object> loadCompose() throws IOException {
        try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yaml"), StandardCharsets.UTF_8)) {
            Map<String, Object> compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            assertThat(compose).as("docker-compose.yaml").isNotNull().doesNotContainKey("version");
            return compose;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).as("services").containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Map<String, Object> compose, String name) {
        return (Map<String, Object>) service(compose, name).get("environment");
    }
}
