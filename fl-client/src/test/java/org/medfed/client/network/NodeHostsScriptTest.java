package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the network scripts put each node (network/scripts/common.sh): on 127.0.0.1 by default, exactly as before
 * the multi-host rehearsal; with a {@code node-hosts} file, on each node's address and in its namespace, dialled by
 * its TLS name, down to the genesis block's anchor peers, orderer endpoints and Raft consenters (configtx.sh).
 * Runs the scripts' own functions in bash; no process is started.
 */
class NodeHostsScriptTest {
    private static final Path ROOT = findRoot();

    @TempDir
    Path data;

    @Test
    void withoutNodeHostsEveryNodeListensAndIsDialledOnLoopback() throws Exception {
        List<String> out = common("orgAddress Clinic; peerEndpoint Clinic; ordererAddress 2; ordererEndpoint;"
                + " echo \"[$(processNamespace peer-clinic)]\"; multiHost || echo one-host");

        assertThat(out).containsExactly("127.0.0.1", "127.0.0.1:8051", "127.0.0.1", "127.0.0.1:6050", "[]", "one-host");
    }

    @Test
    void nodeHostsGiveEachNodeItsAddressNamespaceAndTlsName() throws Exception {
        writeNodeHosts();

        List<String> out = common("orgAddress Clinic; peerEndpoint Clinic; ordererAddress 2; ordererEndpoint;"
                + " processNamespace peer-clinic; processNamespace chaincode-wearable; processNamespace orderer3;"
                + " orgAddress Lab");

        assertThat(out)
                .containsExactly(
                        "10.77.0.102",
                        "peer0.clinic.medfed.local:8051",
                        "10.77.0.12",
                        "orderer1.orderer.medfed.local:6050",
                        "mfh-clinic",
                        "mfh-wearable",
                        "mfh-orderer3",
                        "127.0.0.1");
    }

    @Test
    void theGenesisConfigurationNamesPeersAndOrderersAsTheirCertificatesDo() throws Exception {
        writeNodeHosts();
        Files.writeString(data.resolve("orderers.count"), "3\n");

        String yaml = configtxYaml();

        assertThat(yaml)
                .contains("- Host: peer0.hospital.medfed.local\n        Port: 7051")
                .contains("- orderer3.orderer.medfed.local:6250")
                .contains("- Host: orderer2.orderer.medfed.local\n        Port: 6150")
                .doesNotContain("127.0.0.1");
    }

    @Test
    void theDefaultGenesisConfigurationStaysOnLoopback() throws Exception {
        String yaml = configtxYaml();

        assertThat(yaml)
                .contains("- Host: 127.0.0.1\n        Port: 9051")
                .contains("- 127.0.0.1:6050")
                .doesNotContain("medfed.local:");
    }

    private void writeNodeHosts() throws IOException {
        Files.writeString(data.resolve("node-hosts"), """
                orderer1 10.77.0.11 mfh-orderer1
                orderer2 10.77.0.12 mfh-orderer2
                orderer3 10.77.0.13 mfh-orderer3
                hospital 10.77.0.101 mfh-hospital
                clinic 10.77.0.102 mfh-clinic
                wearable 10.77.0.103 mfh-wearable
                """);
    }

    private String configtxYaml() throws Exception {
        bash(ROOT.resolve("network/scripts/configtx.sh") + " yaml");
        return Files.readString(data.resolve("config/configtx.yaml"));
    }

    /** The output lines of {@code script} run in bash after sourcing common.sh. */
    private List<String> common(String script) throws Exception {
        return bash("source " + ROOT.resolve("network/scripts/common.sh") + "; " + script);
    }

    private List<String> bash(String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "set -euo pipefail; " + script).redirectErrorStream(true);
        pb.environment().put("MEDFED_NETWORK_DATA", data.toString());
        pb.environment().put("MEDFED_NETWORK_LOGS", data.resolve("logs").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }

    private static Path findRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("network/network.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new AssertionError(
                    "no network/network.sh above " + Path.of("").toAbsolutePath());
        }
        return p;
    }
}
