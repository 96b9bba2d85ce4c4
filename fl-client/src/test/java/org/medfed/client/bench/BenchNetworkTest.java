package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.gateway.ProfileException;
import org.medfed.client.gateway.ProfileFixtures;

class BenchNetworkTest {

    @TempDir
    Path data;

    /** A network's data folder as `up` leaves it: orgs.list and an admin and User1 profile per organisation. */
    static Path network(Path data, String... orgs) throws Exception {
        Files.write(data.resolve("orgs.list"), List.of(orgs));
        for (int i = 0; i < orgs.length; i++) {
            String lower = orgs[i].toLowerCase();
            var keys = ProfileFixtures.validKeys(lower, orgs[i] + "MSP", 7051 + 1000 * i);
            keys.put("ledgerEngine", "embedded");
            ProfileFixtures.write(data, lower + "-admin.properties", keys);
            ProfileFixtures.write(data, lower + "-user1.properties", keys);
        }
        return data.resolve("profiles");
    }

    @Test
    void readsTheOrganisationsInJoinOrderWithTheirProfilesAndEngine() throws Exception {
        BenchNetwork network = BenchNetwork.load(network(data, "Hospital", "Clinic", "Wearable"));

        assertThat(network.dataDir()).isEqualTo(data.toAbsolutePath().normalize());
        assertThat(network.engine()).isEqualTo("embedded");
        assertThat(network.orgs()).extracting(BenchNetwork.Org::name).containsExactly("Hospital", "Clinic", "Wearable");
        assertThat(network.orgs().get(1).mspId()).isEqualTo("ClinicMSP");
        assertThat(network.orgs().get(1).chaincodeProcess()).isEqualTo("chaincode-clinic");
    }

    @Test
    void aFolderThatIsNoNetworksProfilesSaysHowToStartOne() {
        assertThatThrownBy(() -> BenchNetwork.load(data.resolve("profiles")))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("no network here")
                .hasMessageContaining("network/network.sh up");
    }

    @Test
    void anOrganisationWithoutItsProfilesIsNamed() throws Exception {
        Path profiles = network(data, "Hospital");
        Files.write(data.resolve("orgs.list"), List.of("Hospital", "Lab"));

        assertThatThrownBy(() -> BenchNetwork.load(profiles))
                .isInstanceOf(ProfileException.class)
                .hasMessageContaining("lab-admin.properties");
    }

    @Test
    void chaincodeServersThatDoNotRunAreUnavailableAndNamed() throws Exception {
        BenchNetwork network = BenchNetwork.load(network(data, "Hospital", "Clinic"));
        Files.createDirectories(data.resolve("pids"));
        // A PID file naming a process that is not the server (this JVM has no MEDFED_PROCESS tag) does not count.
        Files.writeString(
                data.resolve("pids/chaincode-hospital.pid"),
                ProcessHandle.current().pid() + "\n");

        assertThatThrownBy(network::requireChaincodeServers)
                .isInstanceOfSatisfying(
                        MedfedException.class,
                        e -> assertThat(e.isNetworkUnavailable()).isTrue())
                .hasMessageContaining("chaincode-hospital, chaincode-clinic")
                .hasMessageContaining("network/network.sh deploy");
        assertThat(network.chaincodePeakRssKiB()).isEmpty();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aTaggedProcessIsFoundByItsPidFileAndItsPeakMemoryRead() throws Exception {
        BenchNetwork network = BenchNetwork.load(network(data, "Hospital"));
        Process untagged = new ProcessBuilder("sleep", "30").start();
        try {
            // What startProcess does: the process carries its name in MEDFED_PROCESS.
            Process tagged = new ProcessBuilder("env", "MEDFED_PROCESS=chaincode-hospital", "sleep", "30").start();
            try {
                Files.createDirectories(data.resolve("pids"));
                Files.writeString(data.resolve("pids/chaincode-hospital.pid"), tagged.pid() + "\n");
                Files.writeString(data.resolve("pids/ipfs-hospital.pid"), untagged.pid() + "\n");
                awaitExec(tagged);

                network.requireChaincodeServers();
                assertThat(network.chaincodePeakRssKiB()).containsOnlyKeys("Hospital");
                assertThat(network.chaincodePeakRssKiB().get("Hospital")).isPositive();
                assertThat(network.processPeakRssKiB()).containsOnlyKeys("chaincode-hospital");
            } finally {
                tagged.destroy();
            }
        } finally {
            untagged.destroy();
        }
    }

    /** {@code env} replaces itself with {@code sleep}, keeping its PID and the environment it was given. */
    private static void awaitExec(Process process) throws Exception {
        Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.readString(cmdline).startsWith("sleep") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }
}
