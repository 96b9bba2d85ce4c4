package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.bench.BenchTask;
import org.medfed.common.protocol.TxNames;

/**
 * Issue 18, item 1, on the embedded ledger: {@code kill -9} of the ledger process (orderer, every peer and gateway in
 * one JVM) at three phases of a round, on a fresh task each, then {@code network.sh up}, which starts it again and
 * leaves the rest running, and {@link FaultInvariants} on the task. A transaction the orderer acknowledged before
 * the kill commits after the restart (the ledger stores an envelope durably before acknowledging it, and says so in
 * its log when it orders such leftovers first), so a participant that retries is refused as a duplicate and charged
 * once. On Fabric the ledger is several processes: peers and orderers have fault cases of their own.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf(
        value = "embedded",
        disabledReason = "the embedded ledger's process exists only on the embedded engine; on Fabric, peers and the"
                + " Raft orderers are killed instead")
class LedgerFaultIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("ledger-faults");

    private static final String LEDGER = "ledger";
    private static final String[] ENDORSERS = {"HospitalMSP", "ClinicMSP"};
    private static final String RECOVERED = "acknowledged transaction(s) the last run left pending";

    private static ProcessFaults faults;
    private static FaultInvariants invariants;
    private static Map<String, String> ids;

    static boolean embedded() {
        return NetworkScripts.EMBEDDED.equals(NetworkScripts.engine());
    }

    @BeforeAll
    static void dataHolders() throws Exception {
        if (!NET.isUp()) {
            return; // every test is aborted with the reason (e.g. Fabric not installed)
        }
        faults = new ProcessFaults(NET);
        invariants = new FaultInvariants(NET, "clinic-user1");
        ids = FaultTask.registerDataHolders(NET);
    }

    @Test
    @Order(1)
    void aSubmitOrderedBeforeTheKillCommitsAfterTheRestartAndItsRetryIsADuplicate() throws Exception {
        FaultTask task = FaultTask.create(NET, invariants, ids, "ledger-after-submits", 1 << 12);
        task.submit("Hospital");
        String ordered = task.orderSubmit("Clinic");
        restartAfterKill();
        task.submit("Clinic");
        assertThat(invariants.acknowledged(task.id()))
                .as("the Clinic's retry found the update it had ordered before the kill")
                .anySatisfy(a -> assertThat(a.txId()).isEqualTo(ordered));
        task.submit("Wearable");
        finish(task);
    }

    @Test
    @Order(2)
    void aCloseOrderedBeforeTheKillClosesTheRoundAfterTheRestart() throws Exception {
        FaultTask task = FaultTask.create(NET, invariants, ids, "ledger-during-close", 1 << 12);
        for (String org : RealNetwork.ORGS) {
            task.submit(org);
        }
        String ordered = task.orderClose("Clinic");
        restartAfterKill();
        task.awaitStatus("closed");
        Map<String, Object> history = LedgerJson.json(LedgerRetry.withRetry(
                () -> NET.evaluate("Clinic", "user1", TxNames.PROVENANCE_GET_HISTORY, "round~" + task.id() + "~1")));
        assertThat(LedgerJson.maps(history.get("entries")).get(0).get("txId"))
                .as("the round was closed by the close ordered before the kill")
                .isEqualTo(ordered);
        finish(task);
    }

    @Test
    @Order(3)
    void anAggregationCutShortByTheKillLeavesTheRoundClosedAndAggregatesAfterTheRestart() throws Exception {
        FaultTask task = FaultTask.create(NET, invariants, ids, "ledger-during-aggregation", BenchTask.MAX_PARAMS);
        for (String org : RealNetwork.ORGS) {
            task.submit(org);
        }
        task.close("Clinic");
        task.awaitStatus("closed");
        ProcessFaults.InFlight aggregation = faults.killDuring(
                task.aggregateCall("Clinic", ENDORSERS),
                faults.busy("chaincode-hospital", Duration.ofMillis(100)),
                LEDGER);
        assertThat(aggregation.killLandedMidCall()).as(aggregation.describe()).isTrue();
        assertThat(aggregation.failed()).as(aggregation.describe()).isTrue();
        faults.restart(LEDGER);
        assertThat(task.status("Clinic"))
                .as("nothing of the aggregation was ordered")
                .isEqualTo("closed");
        finish(task);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Kills the ledger right after the orderer acknowledged a transaction, restarts it, checks what its log said. */
    private static void restartAfterKill() throws Exception {
        Path log = NET.logDir().resolve("ledger.log");
        long before = recoveries(log);
        faults.kill9(LEDGER);
        faults.restart(LEDGER);
        assertThat(recoveries(log))
                .as("the restarted ledger ordered the acknowledged transaction first (the kill came before its block)")
                .isEqualTo(before + 1);
    }

    private static long recoveries(Path log) throws Exception {
        try (var lines = Files.lines(log, UTF_8)) {
            return lines.filter(l -> l.contains(RECOVERED)).count();
        }
    }

    private static void finish(FaultTask task) throws Exception {
        task.close("Clinic");
        task.aggregate("Clinic", ENDORSERS);
        assertThat(invariants.check(task.id()).status().wire()).isEqualTo("completed");
    }
}
