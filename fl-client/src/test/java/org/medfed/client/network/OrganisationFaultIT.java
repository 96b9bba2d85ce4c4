package org.medfed.client.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.bench.BenchTask;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.protocol.ErrorCode;

/**
 * Issue 18, item 1: {@code kill -9} of one organisation's chaincode server and of its Kubo node, each at three
 * phases of a round (after some submits, during the close, during the aggregation), on a fresh task each, then the
 * restart with the network's own command ({@code network.sh restart-chaincode}, {@code start-ipfs}) and
 * {@link FaultInvariants} on the task. The Hospital's processes are the ones killed; the aggregations are endorsed by
 * the Hospital and the Clinic explicitly, so the killed organisation is always an endorser. In the aggregation cases
 * the model has 2²⁰ parameters (4 MiB blobs), so an aggregation lasts long enough to be hit: the signal goes once
 * the Hospital's chaincode server has spent 100 ms of processor time on the call, and the case asserts that the
 * call was still running then and failed. The other cases use a small model (2¹² parameters).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OrganisationFaultIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("organisation-faults");

    /** The aggregation cases' model: an aggregation takes long enough to be hit (4 MiB blobs). */
    private static final int LARGE = BenchTask.MAX_PARAMS;
    /** The other cases' model: their blobs need only exist. */
    private static final int SMALL = 1 << 12;
    /** Processor time the Hospital's server spends on an aggregation before the kill: it is reading and computing. */
    private static final Duration BUSY = Duration.ofMillis(100);

    private static final String[] ENDORSERS = {"HospitalMSP", "ClinicMSP"};
    private static final String CHAINCODE = "chaincode-hospital";
    private static final String KUBO = "ipfs-hospital";

    private static ProcessFaults faults;
    private static FaultInvariants invariants;
    private static Map<String, String> ids;

    @BeforeAll
    static void dataHolders() throws Exception {
        if (!NET.isUp()) {
            return; // every test is aborted with the reason (e.g. Fabric not installed)
        }
        faults = new ProcessFaults(NET);
        invariants = new FaultInvariants(NET, "hospital-user1");
        ids = FaultTask.registerDataHolders(NET);
    }

    @Test
    @Order(1)
    void aChaincodeServerKilledAfterSomeSubmitsStopsOnlyItsOwnOrganisationUntilRestarted() throws Exception {
        FaultTask task = FaultTask.create(NET, invariants, ids, "cc-after-submits", SMALL);
        task.submit("Clinic");
        faults.kill9(CHAINCODE);
        task.submit("Wearable");
        MedfedException down = expectFailure(task.submitCall("Hospital"));
        System.out.printf("[down] the Hospital's submit while its server is down: %s%n", down.describe());
        assertThat(down.isFromChaincode()).as(down.describe()).isFalse();
        faults.restart(CHAINCODE);
        task.submit("Hospital");
        finish(task);
    }

    @Test
    @Order(2)
    void aChaincodeServerKilledDuringTheCloseLeavesTheRoundClosedOnce() throws Exception {
        FaultTask task = FaultTask.create(NET, invariants, ids, "cc-during-close", SMALL);
        submitAll(task);
        ProcessFaults.InFlight close =
                faults.killDuring(task.closeCall("Hospital"), ProcessFaults.after(Duration.ofMillis(5)), CHAINCODE);
        assertThat(close.killLandedMidCall()).as(close.describe()).isTrue();
        task.close("Clinic");
        task.awaitStatus("closed");
        faults.restart(CHAINCODE);
        finish(task);
    }

    @Test
    @Order(3)
    void aChaincodeServerKilledDuringTheAggregationCommitsNothingUntilItIsBack() throws Exception {
        FaultTask task = FaultTask.create(NET, invariants, ids, "cc-during-aggregation", LARGE);
        submitAll(task);
        task.close("Clinic");
        task.awaitStatus("closed");
        ProcessFaults.InFlight aggregation =
                faults.killDuring(task.aggregateCall("Clinic", ENDORSERS), faults.busy(CHAINCODE, BUSY), CHAINCODE);
        assertThat(aggregation.killLandedMidCall()).as(aggregation.describe()).isTrue();
        assertThat(aggregation.failed()).as(aggregation.describe()).isTrue();
        task.awaitStatus("closed");
        faults.restart(CHAINCODE);
        finish(task);
    }

    @Test
    @Order(4)
    void aKuboNodeKilledAfterSomeSubmitsStillServesTheUpdateItHeldOnceRestarted() throws Exception {
        FaultTask task = FaultTask.create(NET, invariants, ids, "kubo-after-submits", SMALL);
        task.submit("Hospital");
        faults.kill9(KUBO);
        task.submit("Clinic");
        faults.restart(KUBO);
        task.submit("Wearable");
        task.close("Clinic");
        // Clinic and Wearable endorse: the Hospital's update is on the restarted node only.
        task.aggregate("Clinic", "ClinicMSP", "WearableMSP");
        invariants.check(task.id());
    }

    @Test
    @Order(5)
    void aKuboNodeKilledDuringTheCloseDoesNotStopIt() throws Exception {
        FaultTask task = FaultTask.create(NET, invariants, ids, "kubo-during-close", SMALL);
        submitAll(task);
        ProcessFaults.InFlight close =
                faults.killDuring(task.closeCall("Hospital"), ProcessFaults.after(Duration.ofMillis(5)), KUBO);
        assertThat(close.killLandedMidCall()).as(close.describe()).isTrue();
        assertThat(close.failed())
                .as("the close reads no blob: " + close.describe())
                .isFalse();
        faults.restart(KUBO);
        finish(task);
    }

    @Test
    @Order(6)
    void aKuboNodeKilledDuringTheAggregationFailsItsOrganisationsEndorsement() throws Exception {
        FaultTask task = FaultTask.create(NET, invariants, ids, "kubo-during-aggregation", LARGE)
                .updatesOnEveryNode();
        submitAll(task);
        task.close("Clinic");
        task.awaitStatus("closed");
        ProcessFaults.InFlight aggregation =
                faults.killDuring(task.aggregateCall("Clinic", ENDORSERS), faults.busy(CHAINCODE, BUSY), KUBO);
        assertThat(aggregation.killLandedMidCall()).as(aggregation.describe()).isTrue();
        assertThat(aggregation.failure())
                .as(aggregation.describe())
                .isInstanceOfSatisfying(
                        MedfedException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BLOB_UNAVAILABLE.name()));
        task.awaitStatus("closed");
        faults.restart(KUBO);
        finish(task);
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void submitAll(FaultTask task) throws Exception {
        for (String org : RealNetwork.ORGS) {
            task.submit(org);
        }
    }

    /** Closes (unless closed), aggregates with the Hospital endorsing, checks the invariants: the task completed. */
    private static void finish(FaultTask task) throws Exception {
        task.close("Clinic");
        task.aggregate("Clinic", ENDORSERS);
        assertThat(invariants.check(task.id()).status().wire()).isEqualTo("completed");
    }

    private static MedfedException expectFailure(ProcessFaults.Call call) throws Exception {
        try {
            byte[] accepted = call.call();
            throw new AssertionError("expected a failure, but the ledger accepted: " + new String(accepted));
        } catch (MedfedException e) {
            return e;
        }
    }
}
