package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.network.LedgerRetry.withRetry;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.provenance.RoundLineage;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DatasetSchema;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;

/**
 * {@code medfed provenance} on the real network (issue 6): three rounds aggregated with {@code medfed round
 * aggregate}; Clinic sits out round 2, and in round 3 Wearable's update names a SHA-256 its blob does not have, so
 * the aggregator excludes it as content-invalid. The provenance of the last model must list, round by round, exactly
 * the updates (CID, participant, dataset) that went into each global model, the exclusion and why, down to the
 * initial model; {@code model verify} says OK for each global model.
 */
class ProvenanceIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("provenance");

    private static final List<String> ORGS = RealNetwork.ORGS;
    private static final String TASK = "prov";
    private static final int PARAMETERS = 23;
    private static final Map<String, Integer> ROWS = Map.of("Hospital", 120, "Clinic", 80, "Wearable", 200);
    /** Who submits in each round; round 2 closes at its deadline without Clinic. */
    private static final Map<Long, List<String>> SUBMITTERS =
            Map.of(1L, ORGS, 2L, List.of("Hospital", "Wearable"), 3L, ORGS);

    private static final long ROUND_SECONDS = 30;

    private static final Map<String, String> IDS = new HashMap<>();

    @Test
    void theLineageOfTheLastModelListsExactlyTheContributingUpdatesOfEveryRound() throws Exception {
        ContentRef initial = setUpTask();
        float[] global = FloatVectorCodec.decode(cat(initial.cid()), PARAMETERS);
        Map<Long, Map<String, ContentRef>> contributed = new TreeMap<>();
        List<ContentRef> models = new ArrayList<>(List.of(initial));
        for (long round = 1; round <= 3; round++) {
            Map<String, ContentRef> updates = submitAll(round, global, models.get(models.size() - 1));
            close(round);
            assertThat(cli("round", "aggregate", TASK, Long.toString(round), "--profile", "clinic-user1"))
                    .as("round aggregate %d", round)
                    .isZero();
            ContentRef model = currentGlobalModel();
            models.add(model);
            global = FloatVectorCodec.decode(cat(model.cid()), PARAMETERS);
            if (round == 3) {
                updates.remove(IDS.get("Wearable"));
            }
            contributed.put(round, updates);
        }
        ContentRef last = models.get(3);

        StringWriter json = new StringWriter();
        assertThat(cli(json, "provenance", last.cid(), "--json", "--profile", "hospital-user1"))
                .isZero();
        Map<String, Object> lineage = JsonFields.objects(
                        JsonFields.object(CanonicalJson.parse(json.toString())), "lineages")
                .get(0);
        List<RoundLineage> rounds = JsonFields.objects(lineage, "rounds").stream()
                .map(RoundLineage::fromJson)
                .toList();
        assertThat(rounds).extracting(RoundLineage::round).containsExactly(3L, 2L, 1L, 0L);
        for (RoundLineage round : rounds) {
            assertThat(round.model()).isEqualTo(models.get((int) round.round()));
            if (round.initial()) {
                assertThat(round.contributors()).isEmpty();
                continue;
            }
            Map<String, ContentRef> expected = contributed.get(round.round());
            assertThat(round.contributors())
                    .as("round %d", round.round())
                    .extracting(c -> c.participantId())
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
            round.contributors().forEach(c -> {
                assertThat(c.update()).isEqualTo(expected.get(c.participantId()));
                assertThat(c.datasetId()).isEqualTo(dataset(org(c.participantId())));
                assertThat(c.epsilon()).isPositive();
            });
            assertThat(round.aggregation().contributions())
                    .extracting(Contribution::participantId)
                    .containsExactlyInAnyOrderElementsOf(expected.keySet());
        }
        List<Exclusion> excluded = rounds.get(0).aggregation().excluded();
        assertThat(excluded).singleElement().satisfies(e -> {
            assertThat(e.participantId()).isEqualTo(IDS.get("Wearable"));
            assertThat(e.reason().wire()).isEqualTo("content-invalid");
            assertThat(e.detail()).startsWith("HASH_MISMATCH");
        });

        StringWriter tree = new StringWriter();
        assertThat(cli(tree, "provenance", last.sha256(), "--profile", "hospital-user1"))
                .isZero();
        System.out.printf("[provenance]%n%s%n", tree);
        assertThat(tree.toString())
                .contains("└─ round 0: initial model " + initial.cid())
                .contains("excluded " + IDS.get("Wearable") + ": content-invalid");
        StringWriter mermaid = new StringWriter();
        assertThat(cli(mermaid, "provenance", last.cid(), "--mermaid", "--profile", "hospital-user1"))
                .isZero();
        assertThat(mermaid.toString()).startsWith("graph TD").contains("t0r2 --> t0r3");
        for (ContentRef model : models.subList(1, 4)) {
            StringWriter verified = new StringWriter();
            assertThat(cli(verified, "model", "verify", model.cid(), "--profile", "wearable-user1"))
                    .isZero();
            assertThat(verified.toString()).startsWith("OK: " + model.cid());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static ContentRef setUpTask() throws Exception {
        for (String org : ORGS) {
            IDS.put(
                    org,
                    NET.registerDataHolder(
                            org,
                            new DatasetRegistration(
                                    dataset(org),
                                    new DatasetSchema(List.of(new DatasetSchema.Column("heart_rate", "float")))
                                            .fingerprint(),
                                    ROWS.get(org),
                                    Hashing.sha256Hex(org.getBytes(UTF_8)),
                                    "provenance test",
                                    "broad consent",
                                    "consortium-internal")));
        }
        ContentRef initial = addEverywhere(FloatVectorCodec.encode(vector(new Random(3), new float[PARAMETERS])));
        TaskSpec spec = RealNetwork.smallTask(
                TASK,
                "Provenance on the real network",
                initial,
                3,
                ROUND_SECONDS,
                new StrategySpec("fedavg", new TreeMap<>()),
                ORGS.stream().map(IDS::get).toList(),
                ORGS.stream().map(ProvenanceIT::dataset).toList());
        json(withRetry(() -> submit("Hospital", "admin", "task:createTask", spec.toJson())));
        return initial;
    }

    /** The round's submitters each send an update; in round 3 Wearable's names another blob's SHA-256. */
    private static Map<String, ContentRef> submitAll(long round, float[] global, ContentRef base) throws Exception {
        Map<String, ContentRef> sent = new TreeMap<>();
        for (String org : SUBMITTERS.get(round)) {
            ContentRef blob =
                    addEverywhere(FloatVectorCodec.encode(vector(new Random(round * 31 + org.hashCode()), global)));
            boolean corrupt = round == 3 && org.equals("Wearable");
            String sha256 = corrupt ? Hashing.sha256Hex("not this blob".getBytes(UTF_8)) : blob.sha256();
            UpdateSubmission update = new UpdateSubmission(
                    TASK,
                    round,
                    dataset(org),
                    blob.cid(),
                    sha256,
                    PARAMETERS,
                    ROWS.get(org),
                    base.sha256(),
                    UpdateKind.FULL,
                    new TreeMap<>(Map.of("accuracy", new BigDecimal("0.8"), "loss", new BigDecimal("0.4"))),
                    RealNetwork.DP_USED);
            json(withRetry(() -> submit(org, "user1", "round:submitUpdate", update.toJson())));
            sent.put(IDS.get(org), new ContentRef(blob.cid(), sha256));
        }
        return sent;
    }

    /** Closes the round, waiting out its deadline when someone sat it out (ROUND_STILL_OPEN until then). */
    private static void close(long round) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ROUND_SECONDS + 30);
        while (cli("round", "close", TASK, Long.toString(round), "--profile", "clinic-user1") != 0) {
            assertThat(System.nanoTime())
                    .as("round %d closes by its deadline", round)
                    .isLessThan(deadline);
            Thread.sleep(1000);
        }
    }

    private static ContentRef currentGlobalModel() throws Exception {
        Map<String, Object> task = json(withRetry(() -> NET.evaluate("Hospital", "user1", "task:getTask", TASK)));
        return ContentRef.fromJson(JsonFields.object(task, "globalModel"));
    }

    private static int cli(String... args) {
        return cli(new StringWriter(), args);
    }

    /** Runs the medfed CLI in this JVM against the test network's profiles. */
    private static int cli(StringWriter out, String... args) {
        MedfedCli.Run run = NET.cli(args);
        out.write(run.out());
        if (run.exit() != 0) {
            System.out.printf(
                    "[medfed %s] exit %d: %s%n",
                    String.join(" ", args), run.exit(), run.err().strip());
        }
        return run.exit();
    }

    private static float[] vector(Random random, float[] around) {
        float[] values = around.clone();
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) (random.nextGaussian() * 0.05);
        }
        return values;
    }

    private static ContentRef addEverywhere(byte[] data) throws Exception {
        return NET.addEverywhere(data);
    }

    private static byte[] cat(String cid) throws Exception {
        return NET.cat("Hospital", cid);
    }

    private static byte[] submit(String org, String user, String tx, Object... args) throws Exception {
        return NET.submit(org, user, tx, args);
    }

    private static String org(String participantId) {
        return IDS.entrySet().stream()
                .filter(e -> e.getValue().equals(participantId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow();
    }

    private static String dataset(String org) {
        return org.toLowerCase() + "-data";
    }

    private static Map<String, Object> json(byte[] bytes) {
        return LedgerJson.json(bytes);
    }
}
