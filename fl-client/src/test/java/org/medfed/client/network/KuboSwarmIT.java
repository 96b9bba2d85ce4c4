package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.common.codec.Hashing;

/**
 * The organisations' Kubo nodes as a private swarm, started by `network.sh up --ipfs-only` (no Fabric needed):
 * blobs cross organisations by CID, and survive a down/up.
 */
class KuboSwarmIT {

    private static final List<String> ORGS = RealNetwork.ORGS;

    @RegisterExtension
    static final RealNetwork NET = RealNetwork.ipfsOnly("swarm");

    @Test
    void everyNodeSeesOnlyTheOtherOrganisationsNodes() throws Exception {
        for (String org : ORGS) {
            try (KuboBlobStore node = kubo(org)) {
                assertThat(node.swarmPeers()).hasSize(ORGS.size() - 1);
                assertThat(node.version()).isEqualTo("0.43.1");
            }
        }
        assertThat(Files.readString(NET.dataDir().resolve("ipfs/swarm.key"))).startsWith("/key/swarm/psk/1.0.0/");
    }

    @Test
    void aBlobAddedAtOneOrganisationIsReadAtTheOthersAndSurvivesARestart() throws Exception {
        byte[] data = new byte[600_000];
        new Random(7).nextBytes(data);
        BlobRef ref;
        try (KuboBlobStore wearable = kubo("Wearable")) {
            ref = wearable.add(data);
        }
        for (String org : List.of("Hospital", "Clinic")) {
            try (KuboBlobStore node = kubo(org)) {
                assertThat(Hashing.sha256Hex(node.cat(ref.cid(), 1 << 20))).isEqualTo(ref.sha256Hex());
            }
        }

        NET.require(120, "down");
        NET.require(600, "up", "--ipfs-only");
        try (KuboBlobStore wearable = kubo("Wearable");
                KuboBlobStore clinic = kubo("Clinic")) {
            byte[] small = "after the restart".getBytes(StandardCharsets.UTF_8);
            assertThat(Hashing.sha256Hex(wearable.cat(ref.cid(), 1 << 20))).isEqualTo(ref.sha256Hex());
            assertThat(clinic.cat(wearable.add(small).cid(), 1024)).isEqualTo(small);
        }
    }

    private static KuboBlobStore kubo(String org) throws Exception {
        return NET.kubo(org);
    }
}
