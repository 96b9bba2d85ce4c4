package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
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
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.gateway.GatewayConnection;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundResultsLedger;
import org.medfed.client.ledger.SecAggLedger;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Role;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.secagg.EncryptedShare;
import org.medfed.common.secagg.MaskedVectorCodec;
import org.medfed.common.secagg.NeighbourGraph;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.RoundContext;
import org.medfed.common.secagg.SecureAdmission;
import org.medfed.common.secagg.SecureParticipant;
import org.medfed.common.secagg.ShareKind;

/**
 * Issue 13's acceptance on the real network (the embedded ledger, and Fabric's peers and orderer where installed):
 * five participants in three organisations (two hospital identities, two clinic identities, the wearable gateway),
 * each a client node process, train WDBC with secure aggregation (k 4, t 3, at least 3 survivors). The second
 * clinic's node cannot reach IPFS, so it posts keys and shares and then never a masked input (a dropout after its
 * shares); the second hospital's node is killed as soon as its round-1 masked input is on the ledger (a survivor
 * that never reveals). Every round still completes, the ledger sees only masked inputs, and {@code medfed verify}
 * recomputes each round from public data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureAggregationIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("secure-aggregation");

    private static final String TASK = "wdbc-secure";
    /**
     * Round 1 has the dropout and the silent survivor; round 2 goes on with the three nodes left (exactly the
     * minimum of survivors). A third round would repeat round 2 at another minute of CI time.
     */
    private static final long ROUNDS = 2;

    private static final Duration TASK_TIMEOUT = Duration.ofMinutes(12);

    private static NodeProcesses nodes;
    private static FederationPlan plan;

    @AfterAll
    static void stopNodes() throws InterruptedException {
        if (nodes != null) {
            nodes.stopAll(Duration.ofSeconds(30));
        }
    }

    @Test
    @Order(1)
    void fiveNodesCompleteEveryRoundThroughADropoutAfterSharesAndASilentSurvivorAndVerifyRecomputesEach()
            throws Exception {
        ExtraIdentities extra = new ExtraIdentities(NET);
        Path profiles = NET.dataDir().resolve("profiles");
        List<FederationMember> members = new ArrayList<>();
        members.add(member("Hospital", Role.HOSPITAL, profiles.resolve("hospital-user1.properties"), "Hospital"));
        members.add(member("Hospital-2", Role.HOSPITAL, extra.issueClient("Hospital", "Hospital2"), "Hospital"));
        members.add(member("Clinic", Role.CLINIC, profiles.resolve("clinic-user1.properties"), "Clinic"));
        members.add(member("Clinic-2", Role.CLINIC, extra.issueClient("Clinic", "Clinic2"), "Clinic"));
        members.add(
                member("Wearable", Role.WEARABLE_GATEWAY, profiles.resolve("wearable-user1.properties"), "Wearable"));

        // One DP-SGD step a round over the five sites' Poisson samples; each adds σ²/3 of the noise. Phases of 20 s:
        // the nodes post keys, shares and masked inputs within 15 s of a round's opening and reveal within 2 s of
        // its close; every round waits out the 50 s deadline (the dropout's input never comes) and the reveal phase
        // (the killed survivor never reveals).
        SecureAggregationSpec secure =
                new SecureAggregationSpec(4, 3, 3, new BigDecimal("0.5"), 13, 1024, 32, 20, 20, 20);
        FederationOptions options = FederationOptions.wdbcDemo(TASK)
                .withRounds(ROUNDS)
                .withRoundSeconds(50)
                .withSecureAggregation(secure, 3, new BigDecimal("1.0"));
        plan = new LocalFederation(
                        GatewayConnection::open,
                        KuboBlobStore::new,
                        (level, message) -> System.out.println("[setup] " + message))
                .setUp(
                        members,
                        NET.root().resolve("data/breast_cancer_wisconsin_diagnostic.csv"),
                        NET.root().resolve("fl-client/src/main/resources/examples/mapping-wdbc.json"),
                        "diagnosis",
                        options,
                        NET.dataDir().resolve("secure-federation"));
        unreachableIpfs(plan.configs().get("Clinic-2"));

        nodes = new NodeProcesses(NET.logDir(), NET.cliJar().toString());
        long started = System.nanoTime();
        for (FederationMember member : members) {
            nodes.start(member.org(), plan.configs().get(member.org()));
        }
        String hospital2 = plan.participantIds().get("Hospital-2");
        String clinic2 = plan.participantIds().get("Clinic-2");
        GatewayConnection admin = NET.gateway("Hospital", "admin");
        SecAggLedger secagg = new SecAggLedger(admin);

        SecureRoundView withMaskedInput = waitFor(
                () -> secagg.secureRound(TASK, 1).value(),
                view -> view.survivors().contains(hospital2),
                Duration.ofMinutes(4),
                "Hospital-2's round-1 masked input");
        nodes.kill("Hospital-2");
        System.out.printf(
                "[kill] Hospital-2's node killed after its masked input, %d s in; round 1 phase %s, survivors %d%n",
                Duration.ofNanos(System.nanoTime() - started).toSeconds(),
                withMaskedInput.phase(),
                withMaskedInput.survivors().size());

        TaskLedger tasks = new TaskLedger(admin);
        Task done = waitFor(
                () -> tasks.get(TASK).value(),
                task -> task.status() == TaskStatus.COMPLETED,
                TASK_TIMEOUT,
                "the secure task to complete");
        System.out.printf(
                "[federation] %d secure rounds with 5 participants in %d s%n",
                done.currentRound(),
                Duration.ofNanos(System.nanoTime() - started).toSeconds());

        RoundLedger rounds = new RoundLedger(admin);
        for (long round = 1; round <= ROUNDS; round++) {
            SecureRoundView view = secagg.secureRound(TASK, round).value();
            if (round == 1) {
                // later rounds may open while its node still backs off from IPFS, so only round 1 is certain
                assertThat(view.shares())
                        .as("round 1: the clinic's second node shared")
                        .containsKey(clinic2);
                assertThat(view.dropouts()).as("round 1 dropouts").containsExactly(clinic2);
            }
            assertThat(view.survivors())
                    .as("round %d survivors", round)
                    .doesNotContain(clinic2)
                    .hasSizeGreaterThanOrEqualTo(3);
            assertThat(view.reveals())
                    .as("round %d: nobody dead revealed", round)
                    .doesNotContainKey(hospital2);
            assertThat(rounds.updates(TASK, round).value().items())
                    .as("round %d: the ledger holds masked inputs only", round)
                    .allSatisfy(update -> {
                        assertThat(update.submission().kind()).isEqualTo(UpdateKind.MASKED);
                        assertThat(update.submission().metrics()).isEmpty();
                    });
            System.out.printf(
                    "[round %d] survivors %d, dropouts %s, reveals %d, model %s%n",
                    round,
                    view.survivors().size(),
                    view.dropouts().size(),
                    view.reveals().size(),
                    view.round().resultModel().cid());
        }
        assertThat(secagg.secureRound(TASK, 1).value().survivors())
                .as("round 1: Hospital-2's input counts though it never revealed")
                .contains(hospital2);

        for (long round = 1; round <= ROUNDS; round++) {
            MedfedCli.Run run = NET.cli("verify", "round", TASK, Long.toString(round), "--profile", "clinic-user1");
            System.out.printf(
                    "[verify] round %d (exit %d): %s%s%n",
                    round, run.exit(), run.out().strip(), run.err());
            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("OK  round " + round + " of task " + TASK);
        }
        MedfedCli.Run status = NET.cli("round", "status", TASK, "1", "--profile", "hospital-user1");
        System.out.println("[status]\n" + status.out());
        assertThat(status.out()).contains("secure");
    }

    /**
     * Every refusal of secure aggregation over the gateway, on a second secure task of the three organisations' User1
     * (k 2, t 2, two survivors) that no node follows: a robust strategy at creation, shares during the keys phase,
     * shares to the wrong holders, a reveal from a dropout, of the wrong kind and against the commitment, and an
     * aggregation whose silent survivor's seed has one share of the two needed. Each writes nothing; LedgerIT leaves
     * these codes to this test.
     */
    @Test
    @Order(2)
    void everyRefusalOfASecureRoundComesBackOverTheGatewayWithItsCode() throws Exception {
        assertThat(plan).as("the federation of the first test").isNotNull();
        nodes.stopAll(Duration.ofSeconds(30));
        List<String> orgs = List.of("Hospital", "Clinic", "Wearable");
        TaskSpec base = plan.task();
        SecureAggregationSpec secure =
                new SecureAggregationSpec(2, 2, 2, new BigDecimal("0.5"), 13, 1024, 32, 5, 5, 15);
        TaskSpec spec = new TaskSpec(
                        "secure-refusals",
                        "refusals",
                        base.model(),
                        base.training(),
                        1,
                        2,
                        40,
                        2,
                        base.strategy(),
                        base.dp(),
                        base.reputation(),
                        orgs.stream().map(plan.participantIds()::get).toList(),
                        orgs.stream()
                                .map(org -> "wdbc-secure-" + org.toLowerCase(java.util.Locale.ROOT))
                                .toList())
                .withSecureAggregation(secure);
        GatewayConnection admin = NET.gateway("Hospital", "admin");
        TaskSpec robust = new TaskSpec(
                        "secure-median",
                        "refused",
                        base.model(),
                        base.training(),
                        1,
                        2,
                        40,
                        2,
                        new StrategySpec("median", new java.util.TreeMap<>()),
                        base.dp(),
                        base.reputation(),
                        spec.eligibleParticipants(),
                        spec.admittedDatasets())
                .withSecureAggregation(secure);
        refused(ErrorCode.SECURE_AGGREGATION_UNSUPPORTED, () -> new TaskLedger(admin).create(robust));
        new TaskLedger(admin).create(spec);

        java.util.Map<String, SecAggLedger> ledgers = new java.util.TreeMap<>();
        java.util.Map<String, SecureParticipant> players = new java.util.TreeMap<>();
        java.security.SecureRandom random = new java.security.SecureRandom();
        RoundContext context = new RoundContext(spec.id(), 1, 1);
        for (String org : orgs) {
            ledgers.put(org, new SecAggLedger(NET.gateway(org, "user1")));
            players.put(
                    org, SecureParticipant.create(context, plan.participantIds().get(org), random));
        }
        ledgers.get("Hospital")
                .postKeys(
                        spec.id(),
                        1,
                        players.get("Hospital").maskKey(),
                        players.get("Hospital").shareKey());
        refused(ErrorCode.PHASE_CLOSED, () -> ledgers.get("Hospital").postShares(spec.id(), 1, List.of()));
        for (String org : List.of("Clinic", "Wearable")) {
            ledgers.get(org)
                    .postKeys(
                            spec.id(),
                            1,
                            players.get(org).maskKey(),
                            players.get(org).shareKey());
        }
        SecureRoundView keyed =
                ledgers.get("Hospital").secureRound(spec.id(), 1).value();
        NeighbourGraph graph = NeighbourGraph.of(
                context, keyed.round().baseModel().sha256(), keyed.keys().keySet(), 2);
        java.util.Map<String, List<EncryptedShare>> shares = new java.util.TreeMap<>();
        for (String org : orgs) {
            shares.put(org, players.get(org).shares(graph, keyed.keys(), 2, random));
        }
        refused(
                ErrorCode.WRONG_NEIGHBOUR,
                () -> ledgers.get("Hospital")
                        .postShares(
                                spec.id(),
                                1,
                                shares.get("Hospital")
                                        .subList(1, shares.get("Hospital").size())));
        for (String org : orgs) {
            ledgers.get(org).postShares(spec.id(), 1, shares.get(org));
        }
        SecureRoundView shared =
                ledgers.get("Hospital").secureRound(spec.id(), 1).value();
        for (String org : List.of("Hospital", "Clinic")) {
            int[] masked = players.get(org)
                    .mask(
                            new int[(int) spec.model().parameterCount()],
                            graph,
                            shared.keys(),
                            shared.shares().keySet());
            ContentRef blob = NET.addEverywhere(MaskedVectorCodec.encode(masked));
            new RoundLedger(NET.gateway(org, "user1"))
                    .submitUpdate(new UpdateSubmission(
                            spec.id(),
                            1,
                            "wdbc-secure-" + org.toLowerCase(java.util.Locale.ROOT),
                            blob.cid(),
                            blob.sha256(),
                            spec.model().parameterCount(),
                            new DatasetLedger(NET.gateway(org, "user1"))
                                    .get("wdbc-secure-" + org.toLowerCase(java.util.Locale.ROOT))
                                    .value()
                                    .rowCount(),
                            shared.round().baseModel().sha256(),
                            UpdateKind.MASKED,
                            new java.util.TreeMap<>(),
                            SecureAdmission.step(spec)));
        }
        waitFor(
                () -> new RoundLedger(NET.gateway("Hospital", "user1"))
                        .close(spec.id(), 1)
                        .value(),
                closed -> true,
                Duration.ofSeconds(90),
                "the refusals task's deadline (the wearable dropped after its shares)");
        SecureRoundView closed =
                ledgers.get("Hospital").secureRound(spec.id(), 1).value();
        List<RevealedShare> honest = players.get("Hospital")
                .reveal(
                        graph,
                        closed.keys(),
                        closed.shares(),
                        java.util.Set.copyOf(closed.survivors()),
                        java.util.Set.copyOf(closed.dropouts()))
                .shares();
        refused(ErrorCode.NOT_SURVIVOR, () -> ledgers.get("Wearable").revealShares(spec.id(), 1, honest));
        refused(
                ErrorCode.DOUBLE_REVEAL,
                () -> ledgers.get("Hospital")
                        .revealShares(
                                spec.id(),
                                1,
                                honest.stream()
                                        .map(r -> new RevealedShare(
                                                r.owner(),
                                                r.kind() == ShareKind.SEED ? ShareKind.KEY : ShareKind.SEED,
                                                r.share()))
                                        .toList()));
        refused(
                ErrorCode.BAD_COMMITMENT,
                () -> ledgers.get("Hospital")
                        .revealShares(
                                spec.id(),
                                1,
                                honest.stream()
                                        .map(r -> new RevealedShare(r.owner(), r.kind(), tampered(r.share())))
                                        .toList()));
        ledgers.get("Hospital").revealShares(spec.id(), 1, honest);
        Thread.sleep(16_000); // past the 15 s unmask phase: the clinic stays silent
        refused(
                ErrorCode.SHARES_INSUFFICIENT,
                () -> new RoundResultsLedger(NET.gateway("Hospital", "user1")).aggregate(spec.id(), 1));
    }

    private static String tampered(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    private static FederationMember member(String name, Role role, Path user, String org) throws Exception {
        return new FederationMember(
                name,
                role,
                ConnectionProfile.load(user),
                NET.profile(org, "admin"),
                "wdbc-secure-" + name.toLowerCase(java.util.Locale.ROOT));
    }

    /** Points a node at an IPFS API nobody serves: it can post keys and shares, never upload a masked input. */
    private static void unreachableIpfs(Path config) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(config, UTF_8)) {
            lines.add(line.startsWith("ipfsApi: ") ? "ipfsApi: http://127.0.0.1:9" : line);
        }
        Files.write(config, lines, UTF_8);
    }

    private static <T> T waitFor(Ledgerside.Read<T> read, Predicate<T> done, Duration timeout, String what)
            throws Exception {
        return Ledgerside.waitFor(read, done, timeout, what, NET.logDir());
    }

    private static void refused(ErrorCode code, Ledgerside.Refusable call) throws Exception {
        Ledgerside.refused(code, call);
    }
}
