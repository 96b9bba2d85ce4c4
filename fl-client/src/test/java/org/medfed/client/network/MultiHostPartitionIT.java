package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.protocol.ErrorCode;

/**
 * The multi-host rehearsal (issue 18, item 2; docs/operations.md, "Rehearsing a multi-host consortium"): each
 * organisation (peer, chaincode server, Kubo node) and each of three Raft orderers on a host of its own (a network
 * namespace on a private LAN, reached by its TLS name), this JVM on the operator's host.
 * <ol>
 *   <li>The Hospital submits; the Wearable's host is cut off the LAN; the Clinic submits and the round goes on as far
 *       as the rules allow without it: closed at its deadline with two of three updates (quorum 2) and aggregated
 *       by the Hospital and the Clinic (MAJORITY). The partition heals: the Wearable's peer catches up, every peer
 *       answers the same about the round at the same block height, nobody was charged ε twice, and {@code medfed
 *       verify round} recomputes it as each organisation, the Wearable from its own Kubo node.</li>
 *   <li>The next round is submitted by all three and aggregated by all three, the Wearable's peer endorsing
 *       again.</li>
 * </ol>
 * Opt-in ({@code -Dmedfed.it.multihost=true}): it needs root and the topology made beforehand.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostPartitionIT {
    private static final int ORDERERS = 3;
    private static final String PARTITIONED = "Wearable";
    /** Long enough for the submits a partition slows (up to ~20 s measured), short enough to wait out. */
    private static final long ROUND_SECONDS = 60;

    @RegisterExtension
    static final RealNetwork NET = RealNetwork.multiHost("multihost", ORDERERS);

    private static final Duration SUBMIT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration CATCH_UP = Duration.ofSeconds(180);

    private static final FabricMetrics METRICS = new FabricMetrics(NET.scripts());
    private static FabricFaultTask task;
    private static FabricFaultChecks checks;

    @Test
    @Order(1)
    void aPartitionedOrganisationCatchesUpAndEveryLedgerAgreesAfterTheHeal() throws Exception {
        task = FabricFaultTask.create(NET, "mh", 2, ROUND_SECONDS);
        long opened = System.nanoTime();
        checks = new FabricFaultChecks(NET, task);
        checks.submitUntilAcknowledged("Hospital", task.update("Hospital", 1), SUBMIT_TIMEOUT);
        long before = METRICS.awaitPeersAgree(CATCH_UP);

        multihost("partition.sh", PARTITIONED);
        long partitioned = System.nanoTime();
        long clinic = checks.submitUntilAcknowledged("Clinic", task.update("Clinic", 1), SUBMIT_TIMEOUT);
        List<Long> pings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            LedgerRetry.withRetry(() -> NET.submit("Hospital", "admin", "system:ping", "partitioned"));
            pings.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }
        System.out.printf(
                "[partition] %s cut off at height %d; the Clinic's update acknowledged after %d ms, then 5 pings"
                        + " through the Hospital: %s ms%n",
                PARTITIONED, before, clinic, pings);

        closeAtDeadline(opened);
        long aggregated = checks.aggregate("Clinic", 1, SUBMIT_TIMEOUT);
        long majority = METRICS.peerHeight("Clinic");
        String isolated = heightInside(PARTITIONED);
        assertThat(checks.status("Hospital", 1)).isEqualTo("aggregated");
        System.out.printf(
                "[partition] round 1 closed at its deadline and aggregated by the other two in %d ms; their height"
                        + " %d, the %s peer's own: %s, %d s into the partition%n",
                aggregated,
                majority,
                PARTITIONED,
                isolated,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - partitioned));

        multihost("heal.sh", PARTITIONED);
        long healed = System.nanoTime();
        long height = METRICS.awaitPeersAgree(CATCH_UP);
        System.out.printf(
                "[partition] healed after %d s: every peer at height %d %d ms later%n",
                TimeUnit.NANOSECONDS.toSeconds(healed - partitioned),
                height,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - healed));

        assertInvariants(1);
        assertThat(LedgerJson.list(LedgerJson.json(NET.evaluate(PARTITIONED, "user1", "round:getRound", task.id, 1))
                                .get("submitted"))
                        .stream()
                        .map(String::valueOf)
                        .toList())
                .as("round 1 went on without the partitioned organisation")
                .containsExactlyInAnyOrder(task.participants.get("Hospital"), task.participants.get("Clinic"));
    }

    @Test
    @Order(2)
    void afterTheHealTheNextRoundIsEndorsedByAllThree() throws Exception {
        task.advance(1);
        for (String org : RealNetwork.ORGS) {
            checks.submitUntilAcknowledged(org, task.update(org, 2), SUBMIT_TIMEOUT);
        }
        METRICS.awaitPeersAgree(CATCH_UP); // a submit returns once its own organisation's peer committed it
        checks.closeRound("Hospital", 2, SUBMIT_TIMEOUT);
        METRICS.awaitPeersAgree(CATCH_UP);
        AggregationIT.Endorsed all =
                AggregationIT.endorsedBy(NET, task.id, PARTITIONED, 2, "HospitalMSP", "ClinicMSP", "WearableMSP");
        System.out.printf("[partition] round 2 aggregated by all three in %d ms%n", all.millis());
        assertInvariants(2);
    }

    /** Closes round 1 once its deadline has passed (ROUND_STILL_OPEN until then: the Wearable never submitted). */
    private static void closeAtDeadline(long opened) throws Exception {
        long deadline = opened + TimeUnit.SECONDS.toNanos(ROUND_SECONDS + 60);
        while (true) {
            try {
                checks.closeRound("Clinic", 1, SUBMIT_TIMEOUT);
                return;
            } catch (MedfedException e) {
                if (!ErrorCode.ROUND_STILL_OPEN.name().equals(e.code()) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    private static void multihost(String script, String node) {
        NetworkScripts.Result r = NET.scripts().runScript("network/multihost/" + script, Map.of(), 30, node);
        assertThat(r.ok()).as(script + " " + node + ": " + r.output()).isTrue();
    }

    /** {@code org}'s peer's height as seen on its own host (the operator cannot reach it while partitioned). */
    private static String heightInside(String org) throws Exception {
        String node = org.toLowerCase();
        String namespace = NET.scripts().nodeNamespace(node).orElseThrow();
        String url = NET.scripts().peerOperations(org).resolve("/metrics").toString();
        Process p = new ProcessBuilder("ip", "netns", "exec", namespace, "curl", "-s", "--max-time", "2", url)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out.lines()
                .filter(line -> line.startsWith("ledger_blockchain_height{"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1))
                .findFirst()
                .orElse("unknown");
    }

    private static void assertInvariants(long round) throws Exception {
        long height = METRICS.awaitPeersAgree(CATCH_UP);
        assertThat(checks.assertRoundAgrees(round).get("status")).isEqualTo("aggregated");
        checks.assertChargedOnce(round);
        checks.assertVerified(round);
        for (int k = 1; k <= ORDERERS; k++) {
            assertThat(METRICS.ordererHeight(k)).as("orderer%d's height", k).isEqualTo(height);
        }
        System.out.printf("[partition] round %d aggregated; every peer and orderer at height %d%n", round, height);
    }
}
