package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
import org.medfed.client.participation.ParticipationJournal;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;

/**
 * Issue 5 on the real network: three client nodes — a hospital and a clinic on their tables, a wearable gateway on
 * an inbox of device files — run as separate processes ({@code medfed client start}) against the real ledger
 * (embedded, or Fabric's peers and orderer) and Kubo. They train with DP, upload, submit, close and aggregate three rounds by themselves. The clinic's node is
 * killed without warning during round 2 and restarted: it resumes from its journal and checkpoint, the task
 * completes, and no participant has two updates in any round.
 */
class ClientNodeIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("client-node");

    private static final List<String> ORGS = RealNetwork.ORGS;
    private static final String TASK = "wdbc-nodes";
    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(12);

    private static NodeProcesses nodes;

    /** The nodes stop before the extension takes the network down (class methods run inside its callbacks). */
    @AfterAll
    static void stopNodes() throws InterruptedException {
        if (nodes != null) {
            nodes.stopAll(Duration.ofSeconds(30));
        }
    }

    @Test
    void threeNodesCompleteThreeRoundsAndAKilledNodeResumesWithoutSubmittingTwice() throws Exception {
        List<FederationMember> members =
                FederationMember.localNetwork(NET.dataDir().resolve("profiles"), "wdbc");
        Path home = NET.dataDir().resolve("federation");
        List<String> setupLog = new ArrayList<>();
        FederationOptions options = FederationOptions.wdbcDemo(TASK).withRounds(3);
        FederationPlan plan = new LocalFederation(
                        GatewayConnection::open, KuboBlobStore::new, (level, message) -> setupLog.add(message))
                .setUp(
                        members,
                        NET.root().resolve("data/breast_cancer_wisconsin_diagnostic.csv"),
                        NET.root().resolve("fl-client/src/main/resources/examples/mapping-wdbc.json"),
                        "diagnosis",
                        options,
                        home);
        setupLog.forEach(line -> System.out.println("[setup] " + line));

        Path cli = NET.cliJar();
        assertThat(cli)
                .as("the shaded CLI (built in the package phase, before the ITs)")
                .exists();
        nodes = new NodeProcesses(NET.logDir(), cli.toString());
        long started = System.nanoTime();
        for (String org : ORGS) {
            nodes.start(org, plan.configs().get(org));
        }
        try (GatewayConnection hospital = GatewayConnection.open(NET.profile("Hospital", "admin"))) {
            waitFor(hospital, task -> task.currentRound() >= 2, Duration.ofMinutes(6), "round 2 to open");
            nodes.kill("Clinic");
            System.out.println("[kill] Clinic's node killed in round 2 after "
                    + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s");
            Thread.sleep(3_000);
            nodes.start("Clinic", plan.configs().get("Clinic"));

            Task done = waitFor(
                    hospital, task -> task.status() == TaskStatus.COMPLETED, TASK_TIMEOUT, "the task to complete");
            System.out.printf(
                    "[federation] %d rounds with 3 nodes in %d s%n",
                    done.currentRound(),
                    Duration.ofNanos(System.nanoTime() - started).toSeconds());

            RoundLedger rounds = new RoundLedger(hospital);
            for (long round = 1; round <= options.rounds(); round++) {
                var view = rounds.get(TASK, round).value();
                assertThat(view.submitted())
                        .as("round %d: one update per participant", round)
                        .doesNotHaveDuplicates();
                assertThat(view.round().accepted())
                        .as("round %d accepted", round)
                        .hasSizeGreaterThanOrEqualTo(2);
                System.out.printf(
                        "[round %d] accepted %d, excluded %s, model %s%n",
                        round,
                        view.round().accepted().size(),
                        view.round().excluded(),
                        view.round().resultModel().cid());
            }
        }
        nodes.stopAll(Duration.ofSeconds(30));

        for (String org : ORGS) {
            Path work = plan.configs().get(org).getParent().resolve("work");
            Map<Long, Integer> submittedPerRound = new TreeMap<>();
            for (String line : Files.readAllLines(work.resolve("participation-log.jsonl"), UTF_8)) {
                Matcher m = Pattern.compile("\"phase\":\"UPLOADED\".*\"round\":(\\d+)")
                        .matcher(line);
                if (m.find()) {
                    submittedPerRound.merge(Long.parseLong(m.group(1)), 1, Integer::sum);
                }
            }
            assertThat(submittedPerRound.values())
                    .as("%s trained each round at most once", org)
                    .allSatisfy(count -> assertThat(count).isOne());
            assertThat(ParticipationJournal.open(work).latest(TASK)).isPresent();
            printTimings(org);
        }
    }

    private static Task waitFor(
            GatewayConnection ledger, java.util.function.Predicate<Task> done, Duration timeout, String what)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Task task = null;
        while (System.nanoTime() < deadline) {
            try {
                task = new TaskLedger(ledger).get(TASK).value();
                if (done.test(task)) {
                    return task;
                }
            } catch (Exception e) {
                // not created yet, or a transient gateway error: poll again
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what + "; task: " + task
                + "; see " + NET.logDir() + "/client-*.log");
    }

    /** The per-round phase timings each node logged (download, train incl. DP, upload, submit). */
    private static void printTimings(String org) throws Exception {
        Map<String, List<String>> lines = new HashMap<>();
        for (String line : Files.readAllLines(nodes.log(org), UTF_8)) {
            if (line.contains(": SUBMITTED") && line.contains("; ms {")) {
                lines.computeIfAbsent(org, k -> new ArrayList<>()).add(line.substring(line.indexOf(TASK)));
            }
        }
        lines.getOrDefault(org, List.of()).forEach(line -> System.out.println("[timings " + org + "] " + line));
    }
}
