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
 * docker-compose.yaml at the repository root describes the native network of network/network.sh for hosts with a
 * Docker engine. This test fails when its organisations, ports, images, channel or chaincode name drift from
 * network/network.config and network/scripts/versions.sh.
 */
class DockerComposeDriftTest {

    private static Path root;
    private static Map<String, String> config;
    private static Map<String, String> versions;

    @BeforeAll
    static void locateFiles() throws IOException {
        root = repositoryRoot();
        config = ComposeTopologyChecker.parseKeyValues(Files.readAllLines(root.resolve("network/network.config")));
        versions = ComposeTopologyChecker.parseKeyValues(Files.readAllLines(root.resolve("network/scripts/versions.sh")));
    }

    @Test
    void composeFileMatchesTheNativeConfiguration() throws IOException {
        List<String> problems = new ComposeTopologyChecker(config, versions).check(loadCompose());

        assertThat(problems)
                .withFailMessage(() -> "docker-compose.yaml drifted from network/network.config or network/scripts/versions.sh:\n  - "
                        + String.join("\n  - ", problems))
                .isEmpty();
    }

    @Test
    void readsKeyValueFilesAsTheNetworkScriptsDo() {
        assertThat(config).containsKeys("ORGS", "CHANNEL", "CHAINCODE_NAME", "ORG_PORT_BASE", "ORDERERS");
        assertThat(versions).containsKeys("FABRIC_VERSION", "KUBO_VERSION");
        assertThat(versions.get("FABRIC_COMMIT")).as("a trailing comment is no part of the value").doesNotContain("#", " ");
        assertThat(ComposeTopologyChecker.parseKeyValues(List.of(
                        "# comment", "", "A=\"quoted value\"", "B='single'", "C=plain  # trailing comment", "not a pair")))
                .containsExactly(Map.entry("A", "quoted value"), Map.entry("B", "single"), Map.entry("C", "plain"));
    }

    @Test
    void reportsAChangedPortWithItsService() throws IOException {
        ComposeTopologyChecker checker = new ComposeTopologyChecker(config, versions);
        String org = checker.orgs().get(1).toLowerCase(Locale.ROOT);
        int peer = checker.orgPort(1, "PEER_OFFSET");
        int chaincode = checker.orgPort(1, "PEER_CHAINCODE_OFFSET");
        int operations = checker.orgPort(1, "PEER_OPERATIONS_OFFSET");
        Map<String, Object> compose = loadCompose();
        service(compose, "peer-" + org).put("ports",
                List.of(bind(peer + 10), bind(chaincode), bind(operations)));

        List<String> problems = checker.check(compose);

        assertThat(problems).containsExactlyInAnyOrder(
                "peer-" + org + ": publishes port " + (peer + 10) + ", which network.config does not give it (expected PEER_OFFSET="
                        + peer + ", PEER_CHAINCODE_OFFSET=" + chaincode + ", PEER_OPERATIONS_OFFSET=" + operations + ")",
                "peer-" + org + ": port " + peer + " (PEER_OFFSET) is not published");
    }

    @Test
    void reportsWiringBindingAndImageDrift() throws IOException {
        ComposeTopologyChecker checker = new ComposeTopologyChecker(config, versions);
        List<String> orgs = checker.orgs().stream().map(o -> o.toLowerCase(Locale.ROOT)).toList();
        int firstApi = checker.orgPort(0, "IPFS_API_OFFSET");
        int secondApi = checker.orgPort(1, "IPFS_API_OFFSET");
        int secondSwarm = checker.orgPort(1, "IPFS_SWARM_OFFSET");
        Map<String, Object> compose = loadCompose();
        // The second organisation's chaincode talks to the first organisation's Kubo node.
        environment(compose, "chaincode-" + orgs.get(1)).put("MEDFED_IPFS_API", "http://ipfs-" + orgs.get(0) + ":" + firstApi);
        // The second organisation's Kubo API is published on every interface.
        service(compose, "ipfs-" + orgs.get(1)).put("ports", List.of(secondApi + ":" + secondApi, bind(secondSwarm)));
        service(compose, "orderer1").put("image", "hyperledger/fabric-orderer:2.5");

        List<String> problems = checker.check(compose);

        assertThat(problems).containsExactlyInAnyOrder(
                "chaincode-" + orgs.get(1) + ": MEDFED_IPFS_API is 'http://ipfs-" + orgs.get(0) + ":" + firstApi
                        + "', expected 'http://ipfs-" + orgs.get(1) + ":" + secondApi + "'",
                "ipfs-" + orgs.get(1) + ": port " + secondApi + " binds to all interfaces, not 127.0.0.1 ("
                        + secondApi + ":" + secondApi + ")",
                "orderer1: image is 'hyperledger/fabric-orderer:2.5', expected hyperledger/fabric-orderer:"
                        + versions.get("FABRIC_VERSION") + " (FABRIC_VERSION in network/scripts/versions.sh)");
    }

    @Test
    void reportsAnOrganisationMissingFromTheComposeFile() throws IOException {
        Map<String, String> withExtraOrg = new LinkedHashMap<>(config);
        withExtraOrg.put("ORGS", config.get("ORGS") + ",Lab");
        ComposeTopologyChecker checker = new ComposeTopologyChecker(withExtraOrg, versions);
        int labIndex = checker.orgs().size() - 1;
        String labNode = "ipfs-lab:" + checker.orgPort(labIndex, "IPFS_API_OFFSET") + ":" + checker.orgPort(labIndex, "IPFS_SWARM_OFFSET");

        List<String> problems = checker.check(loadCompose());

        // Lab's three services are missing, and every other Kubo node should be peered with Lab's.
        assertThat(problems).hasSize(3 + labIndex)
                .anyMatch(p -> p.startsWith("peer-lab: missing service"))
                .anyMatch(p -> p.startsWith("ipfs-lab: missing service"))
                .anyMatch(p -> p.startsWith("chaincode-lab: missing service"))
                .anyMatch(p -> p.contains(": MEDFED_IPFS_PEERS is") && p.contains(labNode));
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    /** Maven runs tests in the module directory; walk up to the directory holding network/network.config. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("network/network.config")) && Files.isRegularFile(dir.resolve("docker-compose.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no network/network.config and docker-compose.yaml above " + Path.of("").toAbsolutePath());
    }

    private static String bind(int port) {
        return "127.0.0.1:" + port + ":" + port;
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
