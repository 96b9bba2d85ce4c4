package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchParticipantsTest {

    @TempDir
    Path data;

    @Test
    void participantsGoRoundRobinOverTheOrganisationsInJoinOrder() throws Exception {
        BenchNetwork network = BenchNetwork.load(BenchNetworkTest.network(data, "Hospital", "Clinic", "Wearable"));

        var slots = BenchParticipants.slots(network.orgs(), 7);

        assertThat(slots)
                .extracting(BenchParticipants.Slot::name)
                .containsExactly(
                        "bench-hospital-001",
                        "bench-clinic-001",
                        "bench-wearable-001",
                        "bench-hospital-002",
                        "bench-clinic-002",
                        "bench-wearable-002",
                        "bench-hospital-003");
        assertThat(slots.get(6).org().mspId()).isEqualTo("HospitalMSP");
    }
}
