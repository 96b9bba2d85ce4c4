package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.common.model.UpdateSubmission;

/**
 * {@code kill -9} of the Raft leader of a three-orderer Fabric network ({@code up --orderers 3}) in the middle of a
 * round (issue 18, item 1). The leader is the orderer whose operations endpoint reports {@code
 * consensus_etcdraft_is_leader 1}.
 * <ol>
 *   <li>The Hospital has submitted; the Clinic and the Wearable submit while the leader is killed: the other two
 *       orderers elect a new leader, both updates are acknowledged, and the round closes and is aggregated.</li>
 *   <li>In the next round, everyone has submitted, and the new leader is killed as the round is being closed: a
 *       third election, the close commits and the round is aggregated.</li>
 * </ol>
 * Each killed orderer is restarted and catches up with the blocks ordered without it. After each: every
 * acknowledged update is on every peer, every peer answers the same about the round at the same block height, every
 * orderer at the same height, nobody charged ε twice, {@code medfed verify round} OK as each organisation. Fabric
 * only: the embedded ledger orders inside its one process.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrdererFaultIT {
    private static final int ORDERERS = 3;

    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("orderer-fault")
            .orderers(ORDERERS)
            .fabricOnly("it kills the leader of Fabric's Raft cluster; the embedded ledger orders in its own process");

    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration ELECTION = Duration.ofSeconds(60);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
    private static final FabricMetrics METRICS = new FabricMetrics(NET.scripts());
    private static FabricFaultTask task;
    private static FabricFaultChecks checks;

    @AfterAll
    static void stopPool() {
        POOL.shutdownNow();
    }

    @Test
    @Order(1)
    void theLeaderKilledDuringSubmitsIsReplacedAndCatchesUpAfterItsRestart() throws Exception {
        task = FabricFaultTask.create(NET, "of", 2, 600);
        checks = new FabricFaultChecks(NET, task);
        checks.submitUntilAcknowledged("Hospital", task.update("Hospital", 1), SUBMIT_TIMEOUT);
        UpdateSubmission clinic = task.update("Clinic", 1);
        UpdateSubmission wearable = task.update("Wearable", 1);

        int leader = currentLeader();
        Future<Long> clinicAck = POOL.submit(() -> checks.submitUntilAcknowledged("Clinic", clinic, SUBMIT_TIMEOUT));
        Future<Long> wearableAck =
                POOL.submit(() -> checks.submitUntilAcknowledged("Wearable", wearable, SUBMIT_TIMEOUT));
        Election election = killLeader(leader);
        long clinicMillis = clinicAck.get(SUBMIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long wearableMillis = wearableAck.get(SUBMIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        System.out.printf(
                "[fault] orderer%d (leader) killed during two submits: orderer%d leads %d ms later; the submits were"
                        + " acknowledged after %d and %d ms%n",
                leader, election.next(), election.millis(), clinicMillis, wearableMillis);

        METRICS.awaitPeersAgree(CATCH_UP); // a submit returns once its own organisation's peer committed it
        checks.closeRound("Clinic", 1, SUBMIT_TIMEOUT);
        METRICS.awaitPeersAgree(CATCH_UP);
        AggregationIT.endorsedBy(NET, task.id, "Clinic", 1, "HospitalMSP", "ClinicMSP", "WearableMSP");
        task.advance(1);

        restartAndCatchUp(leader);
        assertInvariants(1);
    }

    @Test
    @Order(2)
    void theLeaderKilledDuringTheCloseIsReplacedAndTheRoundIsAggregated() throws Exception {
        for (String org : RealNetwork.ORGS) {
            checks.submitUntilAcknowledged(org, task.update(org, 2), SUBMIT_TIMEOUT);
        }
        METRICS.awaitPeersAgree(CATCH_UP);
        int leader = currentLeader();
        Future<Long> closed = POOL.submit(() -> checks.closeRound("Hospital", 2, SUBMIT_TIMEOUT));
        Election election = killLeader(leader);
        long closeMillis = closed.get(SUBMIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        System.out.printf(
                "[fault] orderer%d (leader) killed during the close: orderer%d leads %d ms later; the close committed"
                        + " after %d ms%n",
                leader, election.next(), election.millis(), closeMillis);
        METRICS.awaitPeersAgree(CATCH_UP);
        checks.aggregate("Wearable", 2, SUBMIT_TIMEOUT);
        task.advance(2);

        restartAndCatchUp(leader);
        assertInvariants(2);
    }

    private record Election(int next, long millis) {}

    /** Orderer {@code k}'s height when it was killed. */
    private static final Map<Integer, Long> HEIGHT_AT_KILL = new ConcurrentHashMap<>();

    /** The orderer that leads now (waiting for one, e.g. right after {@code up}). */
    private static int currentLeader() {
        int[] leader = new int[1];
        FabricMetrics.await("a Raft leader", ELECTION, () -> (leader[0] = METRICS.leader(ORDERERS)) != 0);
        return leader[0];
    }

    /** SIGKILL of orderer {@code leader}; returns who leads next and how long after the kill. */
    private static Election killLeader(int leader) {
        HEIGHT_AT_KILL.put(leader, METRICS.ordererHeight(leader));
        NET.require(30, "kill", "orderer" + leader);
        long killed = System.nanoTime();
        int next = METRICS.awaitNewLeader(ORDERERS, leader, ELECTION);
        return new Election(next, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
    }

    /** Orderer {@code k} started again on its ledger and WAL; waits until it holds every block the others do. */
    private static void restartAndCatchUp(int k) {
        long others = METRICS.ordererHeight(k == 1 ? 2 : 1);
        long start = System.nanoTime();
        NET.require(60, "start", "orderer" + k);
        long healthy = System.nanoTime();
        long height = METRICS.awaitOrderersAgree(ORDERERS, CATCH_UP);
        System.out.printf(
                "[fault] orderer%d (killed at height %d) restarted: healthy after %d ms, at the others' height %d (%d"
                        + " before the restart) %d ms later; leader now orderer%d%n",
                k,
                HEIGHT_AT_KILL.get(k),
                TimeUnit.NANOSECONDS.toMillis(healthy - start),
                height,
                others,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healthy),
                METRICS.leader(ORDERERS));
        assertThat(height).isGreaterThanOrEqualTo(others);
    }

    private static void assertInvariants(long round) throws Exception {
        long height = METRICS.awaitPeersAgree(CATCH_UP);
        assertThat(checks.assertRoundAgrees(round).get("status")).isEqualTo("aggregated");
        checks.assertChargedOnce(round);
        checks.assertVerified(round);
        System.out.printf("[fault] round %d aggregated; every peer at height %d%n", round, height);
    }
}
