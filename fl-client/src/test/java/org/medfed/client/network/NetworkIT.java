package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.network.LedgerRetry.withRetry;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;

/**
 * The whole foundation on real processes: the ledger engine (the embedded ledger, or Fabric 3.1 orderer and peers
 * with {@code -Dmedfed.ledger=fabric}), one chaincode server per organisation, a private Kubo swarm, all started
 * by network/network.sh from nothing, driven through fabric-gateway.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NetworkIT {

    private static final List<String> ORGS = RealNetwork.ORGS;

    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("network");

    @Test
    @Order(1)
    void submitsAndEvaluatesAsEachOrganisation() throws Exception {
        for (String org : ORGS) {
            try (GatewayConnection ledger = connect(org)) {
                String message = "hello from " + org;
                Map<?, ?> written = json(submitWithRetry(ledger, "system:ping", message));
                assertThat(written.get("mspId")).isEqualTo(org + "MSP");
                assertThat(written.get("message")).isEqualTo(message);

                Map<?, ?> read = json(ledger.evaluate("system:getPing", org + "MSP"));
                assertThat(read).isEqualTo(written);
            }
        }
    }

    @Test
    @Order(2)
    void aSubmittedTransactionEmitsItsChaincodeEvent() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (GatewayConnection hospital = connect("Hospital");
                GatewayConnection clinic = connect("Clinic");
                CloseableIterator<ChaincodeEvent> events = hospital.chaincodeEvents(OptionalLong.empty())) {
            Future<ChaincodeEvent> first = pool.submit(() -> events.next());
            Thread.sleep(500); // let the event stream attach before the transaction commits
            Map<?, ?> written = json(submitWithRetry(clinic, "system:ping", "event please"));

            ChaincodeEvent event = first.get(30, TimeUnit.SECONDS);
            assertThat(event.getEventName()).isEqualTo("Pinged");
            assertThat(event.getTransactionId()).isEqualTo(written.get("txId"));
            assertThat(json(event.getPayload())).isEqualTo(written);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(3)
    void eachOrganisationsChaincodeServerUsesItsOwnKuboNode() throws Exception {
        for (String org : ORGS) {
            try (GatewayConnection ledger = connect(org)) {
                Map<?, ?> endpoint = json(ledger.evaluate("aggregator:getEndpoint"));
                assertThat(endpoint.get("mspId")).isEqualTo(org + "MSP");
                assertThat(endpoint.get("ipfsApi"))
                        .isEqualTo(ledger.profile().ipfsApi().toString());
            }
        }
    }

    @Test
    @Order(4)
    void aBlobAddedAtTheHospitalIsReadByCidAtTheClinic() throws Exception {
        byte[] small = "model weights, in a later issue".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[700 * 1024]; // three chunks: a dag-pb root over raw leaves
        new Random(42).nextBytes(large);
        try (KuboBlobStore hospital = kubo("Hospital");
                KuboBlobStore clinic = kubo("Clinic")) {
            BlobRef smallRef = hospital.add(small);
            assertThat(smallRef.cid()).isEqualTo(Cids.rawLeafCidV1(small));
            assertThat(clinic.cat(smallRef.cid(), 1 << 20)).isEqualTo(small);

            BlobRef largeRef = hospital.add(large);
            byte[] fetched = clinic.cat(largeRef.cid(), 1 << 20);
            assertThat(Hashing.sha256Hex(fetched))
                    .isEqualTo(largeRef.sha256Hex())
                    .isEqualTo(Hashing.sha256Hex(large));
            assertThat(clinic.add(large).cid())
                    .as("same bytes, same CID on every node")
                    .isEqualTo(largeRef.cid());
        }
    }

    @Test
    @Order(5)
    void statusReportsEveryProcessHealthy() {
        NetworkScripts.Result status = NET.require(60, "status");
        for (String org : ORGS) {
            String lower = org.toLowerCase();
            assertThat(status.output()).contains("peer-" + lower, "ipfs-" + lower, "chaincode-" + lower);
        }
        assertThat(status.output()).doesNotContain("DOWN");
    }

    @Test
    @Order(6)
    void aNewOrganisationJoinsTheRunningChannel() throws Exception {
        NET.require(900, "add-org", "Lab");
        try (GatewayConnection lab = connect("Lab");
                GatewayConnection hospital = connect("Hospital")) {
            Map<?, ?> written = json(submitWithRetry(lab, "system:ping", "hello from the lab"));
            assertThat(written.get("mspId")).isEqualTo("LabMSP");
            // With four organisations MAJORITY means three endorsements: the others still commit.
            assertThat(json(submitWithRetry(hospital, "system:ping", "after the lab joined"))
                            .get("count"))
                    .isEqualTo(2L);
        }
        try (KuboBlobStore lab = kubo("Lab");
                KuboBlobStore clinic = kubo("Clinic")) {
            byte[] data = "from the lab's node".getBytes(StandardCharsets.UTF_8);
            assertThat(clinic.cat(lab.add(data).cid(), 1024)).isEqualTo(data);
        }
    }

    @Test
    @Order(7)
    void deployingAChangedJarUpgradesWithoutLosingState() throws Exception {
        Path upgraded = changedCopyOfTheChaincodeJar();
        NetworkScripts.Result deploy = NET.require(900, "deploy", "--jar", upgraded.toString());
        assertThat(deploy.output()).contains("sequence 2");
        try (GatewayConnection hospital = connect("Hospital")) {
            Map<?, ?> kept = json(evaluateWithRetry(hospital, "system:getPing", "HospitalMSP"));
            assertThat(kept.get("count")).isEqualTo(2L);
            assertThat(json(submitWithRetry(hospital, "system:ping", "after the upgrade"))
                            .get("count"))
                    .isEqualTo(3L);
        }
        assertThat(NET.require(900, "deploy", "--jar", upgraded.toString()).output())
                .as("the same jar again is no upgrade")
                .contains("already committed (sequence 2)");
    }

    @Test
    @Order(8)
    void upAfterDownResumesWithLedgersAndBlobsIntact() throws Exception {
        byte[] data = "kept across a restart".getBytes(StandardCharsets.UTF_8);
        String cid;
        try (KuboBlobStore hospital = kubo("Hospital")) {
            cid = hospital.add(data).cid();
        }
        NET.require(120, "down");
        assertThat(NET.run(60, "status").exitCode())
                .as("status fails while the network is down")
                .isNotZero();

        NET.require(600, "up");
        NET.require(
                900,
                "deploy",
                "--jar",
                NET.dataDir().getParent().resolve("chaincode-upgraded.jar").toString());
        assertThat(NET.require(60, "status").output()).contains("peer-lab").doesNotContain("DOWN");
        try (GatewayConnection hospital = connect("Hospital");
                KuboBlobStore wearable = kubo("Wearable")) {
            assertThat(json(evaluateWithRetry(hospital, "system:getPing", "HospitalMSP"))
                            .get("count"))
                    .isEqualTo(3L);
            assertThat(wearable.cat(cid, 1024)).isEqualTo(data);
        }
    }

    private static Path changedCopyOfTheChaincodeJar() throws Exception {
        Path jar = NET.scripts().chaincodeJar("server");
        Path copy = NET.dataDir().getParent().resolve("chaincode-upgraded.jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        try (FileSystem zip = FileSystems.newFileSystem(copy)) {
            Files.writeString(zip.getPath("META-INF/medfed-upgrade-test.txt"), "a changed jar is a new version");
        }
        return copy;
    }

    /** A connection of the test's own, closed by it (these tests check connections that come and go). */
    private static GatewayConnection connect(String org) throws Exception {
        return GatewayConnection.open(NET.profile(org, "user1"));
    }

    private static KuboBlobStore kubo(String org) throws Exception {
        return NET.kubo(org);
    }

    private static Map<?, ?> json(byte[] bytes) {
        return LedgerJson.json(bytes);
    }

    private static byte[] submitWithRetry(GatewayConnection ledger, String tx, String... args) throws Exception {
        return withRetry(() -> ledger.submit(tx, args));
    }

    private static byte[] evaluateWithRetry(GatewayConnection ledger, String tx, String... args) throws Exception {
        return withRetry(() -> ledger.evaluate(tx, args));
    }
}
