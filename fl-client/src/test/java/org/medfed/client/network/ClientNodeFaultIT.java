package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.federation.FederationMember;
import org.medfed.client.federation.FederationOptions;
import org.medfed.client.federation.FederationPlan;
import org.medfed.client.federation.LocalFederation;
import org.medfed.client.federation.NodeProcesses;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.round.RoundStatus;

/**
 * Issue 18, item 1: {@code kill -9} of a client node ({@code medfed client start}, a process of its own as
 * {@link ClientNodeIT} runs them) at two phases of a round, on a fresh two-round task each (the WDBC demo's, three
 * nodes that train with DP, submit, close and aggregate by themselves): between its upload and the commit of its
 * submit, and when its round has closed and the nodes race to aggregate it. The node is started again on the same
 * configuration; the task must complete, the node must never train a round twice (its journal), the update it
 * journalled before the kill must be the one on the ledger, and {@link FaultInvariants} hold, with every update a
 * node journalled as submitted counted as acknowledged.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientNodeFaultIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("client-node-faults");

    private static final String VICTIM = "Clinic";
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(6);

    private static NodeProcesses nodes;
    private static FaultInvariants invariants;

    @BeforeAll
    static void nodes() {
        Path cli = NET.cliJar();
        assertThat(cli)
                .as("the shaded CLI (built in the package phase, before the ITs)")
                .exists();
        nodes = new NodeProcesses(NET.logDir(), cli.toString());
        invariants = new FaultInvariants(NET, "clinic-user1");
    }

    /** A case's nodes stop with it, even when it fails. */
    @AfterEach
    void stopCaseNodes() throws InterruptedException {
        stopNodes();
    }

    /** The nodes stop before the extension takes the network down (class methods run inside its callbacks). */
    @AfterAll
    static void stopNodes() throws InterruptedException {
        if (nodes != null) {
            nodes.stopAll(Duration.ofSeconds(30));
        }
    }

    @Test
    @Order(1)
    void aNodeKilledBetweenItsUploadAndItsCommitSubmitsThatSameUpdateOnce() throws Exception {
        FederationPlan plan = start("nodes-after-upload");
        Path journal = work(plan, VICTIM).resolve("participation-log.jsonl");
        awaitFile(journal, line -> line.contains("\"phase\":\"UPLOADED\"") && line.contains("\"round\":1,"));
        nodes.kill(VICTIM);
        int onLedger = new RoundLedger(NET.gateway("Hospital", "user1"))
                .get(plan.task().id(), 1)
                .value()
                .submitted()
                .size();
        System.out.printf(
                "[kill -9] %s's node right after journalling its round-1 upload (%d updates on the ledger)%n",
                VICTIM, onLedger);
        nodes.start(VICTIM, plan.configs().get(VICTIM));
        finish(plan);
    }

    @Test
    @Order(2)
    void aNodeKilledWhenItsRoundClosesLeavesTheAggregationToTheOthers() throws Exception {
        FederationPlan plan = start("nodes-during-aggregation");
        RoundLedger rounds = new RoundLedger(NET.gateway("Hospital", "user1"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        RoundStatus status = RoundStatus.OPEN;
        // Polled without a pause: the nodes aggregate a closed round within a few hundred milliseconds.
        while (status == RoundStatus.OPEN && System.nanoTime() < deadline) {
            status = rounds.get(plan.task().id(), 1).value().round().status();
        }
        nodes.kill(VICTIM);
        System.out.printf("[kill -9] %s's node when round 1 was %s%n", VICTIM, status.wire());
        assertThat(status).as("killed before the round was aggregated").isEqualTo(RoundStatus.CLOSED);
        nodes.start(VICTIM, plan.configs().get(VICTIM));
        finish(plan);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** A fresh two-round task of the WDBC demo and its three nodes, started. */
    private static FederationPlan start(String taskId) throws Exception {
        List<FederationMember> members =
                FederationMember.localNetwork(NET.dataDir().resolve("profiles"), "wdbc");
        FederationPlan plan = new LocalFederation(GatewayConnection::open, KuboBlobStore::new, (level, message) -> {})
                .setUp(
                        members,
                        NET.root().resolve("data/breast_cancer_wisconsin_diagnostic.csv"),
                        NET.root().resolve("fl-client/src/main/resources/examples/mapping-wdbc.json"),
                        "diagnosis",
                        FederationOptions.wdbcDemo(taskId).withRounds(2),
                        NET.dataDir().resolve("federation-" + taskId));
        for (String org : RealNetwork.ORGS) {
            nodes.start(org, plan.configs().get(org));
        }
        return plan;
    }

    /** The task completes; each node trained each round once; the invariants hold, its journal's updates acknowledged. */
    private static void finish(FederationPlan plan) throws Exception {
        String taskId = plan.task().id();
        TaskLedger tasks = new TaskLedger(NET.gateway("Hospital", "user1"));
        Task done = Ledgerside.waitFor(
                () -> tasks.get(taskId).value(),
                t -> t.status() == TaskStatus.COMPLETED,
                TASK_TIMEOUT,
                "task " + taskId + " to complete",
                NET.logDir());
        nodes.stopAll(Duration.ofSeconds(30));
        for (String org : RealNetwork.ORGS) {
            Map<Long, Long> uploads = new TreeMap<>();
            List<UpdateSubmission> uploaded = new ArrayList<>();
            for (Map<String, Object> line : trail(plan, org, taskId)) {
                Map<String, Object> submission = JsonFields.optionalObject(line, "submission");
                UpdateSubmission update = submission == null ? null : UpdateSubmission.fromJson(submission);
                if ("UPLOADED".equals(line.get("phase"))) {
                    uploads.merge(update.round(), 1L, Long::sum);
                    uploaded.add(update);
                } else if ("SUBMITTED".equals(line.get("phase")) && update != null) {
                    invariants.acknowledge(new FaultInvariants.Acknowledged(
                            taskId,
                            update.round(),
                            plan.participantIds().get(org),
                            new ContentRef(update.cid(), update.sha256()),
                            null));
                }
            }
            assertThat(uploads)
                    .as("%s trained each round once (its participation-log.jsonl)", org)
                    .containsOnlyKeys(1L, 2L)
                    .allSatisfy((round, count) -> assertThat(count).isOne());
            // What it uploaded before a kill is what it submitted after it.
            for (UpdateSubmission up : uploaded) {
                assertThat(invariants.acknowledged(taskId))
                        .as("%s's round-%d upload %s is the update acknowledged", org, up.round(), up.cid())
                        .anySatisfy(a -> {
                            assertThat(a.participantId())
                                    .isEqualTo(plan.participantIds().get(org));
                            assertThat(a.round()).isEqualTo(up.round());
                            assertThat(a.blob().cid()).isEqualTo(up.cid());
                        });
            }
        }
        System.out.printf("[federation] %s completed (%d rounds)%n", taskId, done.currentRound());
        assertThat(invariants.check(taskId).status()).isEqualTo(TaskStatus.COMPLETED);
    }

    /** Every entry {@code org}'s node journalled for the task: its participation-log.jsonl, the auditors' trail. */
    private static List<Map<String, Object>> trail(FederationPlan plan, String org, String taskId) throws Exception {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (String line : Files.readAllLines(work(plan, org).resolve("participation-log.jsonl"), UTF_8)) {
            Map<String, Object> entry = JsonFields.object(CanonicalJson.parse(line));
            if (taskId.equals(entry.get("taskId"))) {
                entries.add(entry);
            }
        }
        return entries;
    }

    private static Path work(FederationPlan plan, String org) {
        return plan.configs().get(org).getParent().resolve("work");
    }

    /** Polls {@code file} every 5 ms until a line matches (a node writes its journal line by line). */
    private static void awaitFile(Path file, Predicate<String> line) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                try (var lines = Files.lines(file, UTF_8)) {
                    if (lines.anyMatch(line)) {
                        return;
                    }
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no matching line in " + file + " within 3 minutes; see " + NET.logDir());
    }
}
