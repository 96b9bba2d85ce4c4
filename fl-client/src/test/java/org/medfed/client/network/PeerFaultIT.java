package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code kill -9} of one organisation's Fabric peer in the middle of a round (issue 18, item 1), then restarted on
 * the ledger it left. With MAJORITY endorsement the other two organisations go on without it.
 * <ol>
 *   <li>After the Hospital's submit, the Clinic's peer is killed; the Wearable's update is endorsed and committed
 *       without it; the peer restarts, catches up with the blocks it missed, and the Clinic submits through it;
 *       the round closes (everyone submitted) and is aggregated by all three organisations.</li>
 *   <li>In the next round, once everyone has submitted and the round is closed, the Hospital's peer is killed and
 *       the round is aggregated through the Clinic's gateway with the endorsers discovery chooses; the peer
 *       restarts and catches up.</li>
 * </ol>
 * After each: every acknowledged update is on every peer, every peer answers the same about the round and stands
 * at the same block height, nobody was charged ε twice, and {@code medfed verify round} recomputes it as each
 * organisation. Fabric only: the embedded ledger has no peer process to kill (E's {@code *FaultIT} kill its one
 * process).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerFaultIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("peer-fault")
            .fabricOnly("it kills a Fabric peer process; the embedded ledger's one process is E's ledger fault case");

    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private static final FabricMetrics METRICS = new FabricMetrics(NET.scripts());
    private static FabricFaultTask task;
    private static FabricFaultChecks checks;

    @Test
    @Order(1)
    void aPeerKilledAfterTheFirstSubmitCatchesUpAndTheRoundCompletes() throws Exception {
        task = FabricFaultTask.create(NET, "pf", 2, 600);
        checks = new FabricFaultChecks(NET, task);

        checks.submitUntilAcknowledged("Hospital", task.update("Hospital", 1), SUBMIT_TIMEOUT);
        long before = METRICS.awaitPeersAgree(CATCH_UP);
        NET.require(30, "kill", "peer-clinic");
        long wearable = checks.submitUntilAcknowledged("Wearable", task.update("Wearable", 1), SUBMIT_TIMEOUT);
        long during = METRICS.peerHeight("Wearable");
        assertThat(during)
                .as("the Wearable's update committed while the Clinic's peer was down")
                .isGreaterThan(before);

        long restart = System.nanoTime();
        NET.require(60, "start", "peer-clinic");
        Duration healthy = Duration.ofNanos(System.nanoTime() - restart);
        Duration caughtUp = FabricMetrics.await(
                "the Clinic's peer back at height " + during, CATCH_UP, () -> METRICS.peerHeight("Clinic") >= during);
        System.out.printf(
                "[fault] peer-clinic killed at height %d; Wearable's submit took %d ms without it; restarted healthy"
                        + " in %d ms, at height %d %d ms later%n",
                before, wearable, healthy.toMillis(), during, caughtUp.toMillis());

        checks.submitUntilAcknowledged("Clinic", task.update("Clinic", 1), SUBMIT_TIMEOUT);
        checks.closeRound("Clinic", 1, SUBMIT_TIMEOUT);
        METRICS.awaitPeersAgree(CATCH_UP);
        AggregationIT.endorsedBy(NET, task.id, "Clinic", 1, "HospitalMSP", "ClinicMSP", "WearableMSP");
        task.advance(1);

        assertInvariants(1);
    }

    @Test
    @Order(2)
    void aPeerKilledAfterTheRoundClosedCatchesUpWithItsAggregation() throws Exception {
        for (String org : RealNetwork.ORGS) {
            checks.submitUntilAcknowledged(org, task.update(org, 2), SUBMIT_TIMEOUT);
        }
        METRICS.awaitPeersAgree(CATCH_UP); // a submit returns once its own organisation's peer committed it
        checks.closeRound("Clinic", 2, SUBMIT_TIMEOUT);
        long closed = METRICS.awaitPeersAgree(CATCH_UP);
        NET.require(30, "kill", "peer-hospital");

        long aggregated = checks.aggregate("Clinic", 2, SUBMIT_TIMEOUT);
        task.advance(2);

        NET.require(60, "start", "peer-hospital");
        long height = METRICS.peerHeight("Clinic");
        Duration caughtUp = FabricMetrics.await(
                "the Hospital's peer back at height " + height,
                CATCH_UP,
                () -> METRICS.peerHeight("Hospital") >= height);
        System.out.printf(
                "[fault] peer-hospital killed at height %d after the close; aggregation through the Clinic took %d ms;"
                        + " restarted, at height %d %d ms later%n",
                closed, aggregated, height, caughtUp.toMillis());

        assertInvariants(2);
    }

    private static void assertInvariants(long round) throws Exception {
        long height = METRICS.awaitPeersAgree(CATCH_UP);
        assertThat(checks.assertRoundAgrees(round).get("status")).isEqualTo("aggregated");
        checks.assertChargedOnce(round);
        checks.assertVerified(round);
        System.out.printf("[fault] round %d aggregated; every peer at height %d%n", round, height);
    }
}
