package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.client.network.LedgerRetry.withRetry;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.ExitCodes;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DatasetSchema;
import org.medfed.common.model.RetentionPolicy;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;

/**
 * A task's retention policy on the real network (issue 17). Task {@value #TASK} keeps updates 1 round after
 * aggregation; each organisation's User1 adds its update to its own Kubo node only, as a client node does, and
 * submits it; rounds 1 and 2 are aggregated with every organisation endorsing (each endorser fetches the others'
 * updates over bitswap and pins the model). Round 1's inputs are then released, round 2's kept.
 * <ol>
 *   <li>{@code storage prune --dry-run} lists the organisation's own round-1 update and changes nothing;</li>
 *   <li>{@code storage prune} as each organisation's admin unpins it and collects garbage: no node holds a round-1
 *       update any more, round 2's updates stay pinned by their owners, every global model stays pinned everywhere;
 *       a second prune unpins nothing;</li>
 *   <li>{@code verify round 1} says PRUNED and exits 5, {@code verify round 2 --attest} recomputes it and attests it
 *       on the ledger, {@code verify task} exits 5.</li>
 * </ol>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetentionIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("retention");

    private static final List<String> ORGS = RealNetwork.ORGS;
    private static final String TASK = "ret";
    private static final int PARAMETERS = 23;
    private static final Map<String, Integer> ROWS = Map.of("Hospital", 120, "Clinic", 80, "Wearable", 200);

    private static final Map<String, String> IDS = new HashMap<>();
    /** Per round (index round - 1), each organisation's update. */
    private static final List<Map<String, ContentRef>> UPDATES = new ArrayList<>();

    private static final List<ContentRef> MODELS = new ArrayList<>();
    private static final Map<String, Long> SIZES = new TreeMap<>();

    @Test
    @Order(1)
    void twoRoundsAreAggregatedFromUpdatesEachOnItsOwnersNode() throws Exception {
        for (String org : ORGS) {
            IDS.put(
                    org,
                    NET.registerDataHolder(
                            org,
                            new DatasetRegistration(
                                    dataset(org),
                                    new DatasetSchema(List.of(
                                                    new DatasetSchema.Column("heart_rate", "float"),
                                                    new DatasetSchema.Column("sepsis", "int")))
                                            .fingerprint(),
                                    ROWS.get(org),
                                    Hashing.sha256Hex(org.getBytes(UTF_8)),
                                    "archive",
                                    "broad consent",
                                    "consortium-internal")));
        }
        float[] global = weights(new Random(3));
        ContentRef initial = NET.addEverywhere(FloatVectorCodec.encode(global));
        MODELS.add(initial);
        TaskSpec spec = RealNetwork.smallTask(
                        TASK,
                        "Retention on the real network",
                        initial,
                        3,
                        600,
                        new StrategySpec("fedavg", new TreeMap<>()),
                        ORGS.stream().map(IDS::get).toList(),
                        ORGS.stream().map(RetentionIT::dataset).toList())
                .withRetention(RetentionPolicy.keepRounds(1));
        LedgerJson.json(withRetry(() -> NET.submit("Hospital", "admin", "task:createTask", spec.toJson())));

        for (long round = 1; round <= 2; round++) {
            submitAndClose(round, global);
            long r = round;
            Map<String, Object> result = LedgerJson.json(
                    AggregationIT.endorsedBy(NET, TASK, "Clinic", r, "HospitalMSP", "ClinicMSP", "WearableMSP")
                            .result());
            ContentRef model = ContentRef.fromJson(
                    LedgerJson.obj(LedgerJson.obj(result.get("aggregation")).get("globalModel")));
            MODELS.add(model);
            awaitRound(round, "aggregated");
            global = FloatVectorCodec.decode(NET.cat("Hospital", model.cid()), PARAMETERS);
        }
        for (String org : ORGS) {
            try (KuboBlobStore kubo = NET.kubo(org)) {
                SIZES.put(org, kubo.repoSizeBytes());
                assertThat(kubo.pins()).contains(UPDATES.get(0).get(org).cid());
            }
        }
    }

    @Test
    @Order(2)
    void aDryRunListsTheOrganisationsOwnReleasedUpdateAndChangesNothing() throws Exception {
        var pinsBefore = pins("Hospital");

        MedfedCli.Run run = NET.cli("storage", "prune", "--dry-run", "--profile", "hospital-admin");

        System.out.printf("[prune] dry run as hospital-admin (exit %d):%n%s%s%n", run.exit(), run.out(), run.err());
        assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
                .contains("task " + TASK + " (keep 1 round after aggregation): inputs of round(s) 1 released")
                .contains("would unpin  " + UPDATES.get(0).get("Hospital").cid())
                .contains("dry run: would unpin 1 blob(s) this node pins (2 released input(s) not pinned here)");
        assertThat(pins("Hospital")).isEqualTo(pinsBefore);
    }

    @Test
    @Order(3)
    void eachOrganisationUnpinsItsReleasedUpdateAndKeepsEveryModel() throws Exception {
        for (String org : ORGS) {
            String admin = org.toLowerCase() + "-admin";
            MedfedCli.Run run = NET.cli("storage", "prune", "--profile", admin);
            System.out.printf("[prune] as %s (exit %d):%n%s%s%n", admin, run.exit(), run.out(), run.err());
            assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out())
                    .contains("unpinned  " + UPDATES.get(0).get(org).cid())
                    .contains("garbage collection removed");
        }
        for (String org : ORGS) {
            try (KuboBlobStore kubo = NET.kubo(org)) {
                var pins = kubo.pins();
                for (ContentRef model : MODELS) {
                    assertThat(pins).as(org + " pins model " + model.cid()).contains(model.cid());
                }
                assertThat(pins).contains(UPDATES.get(1).get(org).cid());
                for (String owner : ORGS) {
                    String released = UPDATES.get(0).get(owner).cid();
                    assertThat(pins).doesNotContain(released);
                    assertThatThrownBy(() -> kubo.localOnly().cat(released, 1 << 20))
                            .as(org + " still holds " + owner + "'s round-1 update")
                            .hasMessageContaining(released);
                }
                long after = kubo.repoSizeBytes();
                System.out.printf(
                        "[prune] %s repository: %d bytes after two rounds, %d after the prune%n",
                        org, SIZES.get(org), after);
            }
        }
        MedfedCli.Run again = NET.cli("storage", "prune", "--json", "--profile", "clinic-admin");
        assertThat(again.exit()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("\"unpinned\":[]");
    }

    @Test
    @Order(4)
    void verifySaysARoundsInputsWerePrunedAndAttestsTheRoundItCanRecompute() {
        MedfedCli.Run pruned = NET.cli("verify", "round", TASK, "1", "--profile", "clinic-user1");
        System.out.printf("[verify] round 1 (exit %d): %s%s%n", pruned.exit(), pruned.out(), pruned.err());
        assertThat(pruned.exit()).as(pruned.err()).isEqualTo(ExitCodes.INPUTS_PRUNED);
        assertThat(pruned.out())
                .startsWith("PRUNED  round 1 of task " + TASK + ": inputs of round 1 pruned by the task's retention"
                        + " policy (keep 1 round after aggregation; 2 rounds aggregated)");

        MedfedCli.Run attested = NET.cli("verify", "round", TASK, "2", "--attest", "--profile", "clinic-admin");
        System.out.printf(
                "[verify] round 2 --attest (exit %d): %s%s%n", attested.exit(), attested.out(), attested.err());
        assertThat(attested.exit()).as(attested.err()).isEqualTo(ExitCodes.OK);
        assertThat(attested.out())
                .startsWith("OK  round 2 of task " + TASK)
                .contains("attested  round 2 of task " + TASK + " verified OK by ClinicMSP");

        MedfedCli.Run task = NET.cli("verify", "task", TASK, "--profile", "hospital-user1");
        System.out.printf("[verify] task (exit %d):%n%s%s%n", task.exit(), task.out(), task.err());
        assertThat(task.exit()).as(task.err()).isEqualTo(ExitCodes.INPUTS_PRUNED);
        assertThat(task.out()).contains("PRUNED  1 of 2 aggregated round(s) of task " + TASK);
    }

    /** Each organisation's User1 adds a FULL update to its own node and submits it; then the round closes. */
    private static void submitAndClose(long round, float[] global) throws Exception {
        Map<String, ContentRef> updates = new TreeMap<>();
        String base = Hashing.sha256Hex(FloatVectorCodec.encode(global));
        for (String org : ORGS) {
            float[] values = global.clone();
            Random random = new Random(round * 17 + org.hashCode());
            for (int i = 0; i < values.length; i++) {
                values[i] += (float) (random.nextGaussian() * 0.05);
            }
            BlobRef added;
            try (KuboBlobStore kubo = NET.kubo(org)) {
                added = kubo.add(FloatVectorCodec.encode(values));
            }
            ContentRef ref = new ContentRef(added.cid(), added.sha256Hex());
            updates.put(org, ref);
            UpdateSubmission update = new UpdateSubmission(
                    TASK,
                    round,
                    dataset(org),
                    ref.cid(),
                    ref.sha256(),
                    PARAMETERS,
                    ROWS.get(org),
                    base,
                    UpdateKind.FULL,
                    new TreeMap<>(Map.of("auc", new BigDecimal("0.8"))),
                    RealNetwork.DP_USED);
            awaitRound(round, "open");
            LedgerJson.json(withRetry(() -> NET.submit(org, "user1", "round:submitUpdate", update.toJson())));
        }
        UPDATES.add(updates);
        LedgerJson.json(withRetry(() -> NET.submit("Clinic", "user1", "round:closeRound", TASK, round)));
        awaitRound(round, "closed");
    }

    private static java.util.Set<String> pins(String org) throws Exception {
        try (KuboBlobStore kubo = NET.kubo(org)) {
            return kubo.pins();
        }
    }

    private static void awaitRound(long round, String status) throws Exception {
        NET.awaitOnEveryPeer(
                "round " + round + " of " + TASK + " " + status,
                "round:getRound",
                view -> status.equals(LedgerJson.obj(view.get("round")).get("status")),
                TASK,
                round);
    }

    private static String dataset(String org) {
        return org.toLowerCase() + "-retention";
    }

    private static float[] weights(Random random) {
        float[] w = new float[PARAMETERS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * 0.5);
        }
        return w;
    }
}
