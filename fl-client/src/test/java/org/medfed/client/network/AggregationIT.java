package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.medfed.client.network.LedgerRetry.withRetry;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.network.LedgerRetry.LedgerCall;
import org.medfed.common.aggregation.AggregationResult;
import org.medfed.common.aggregation.OptimizerStateCodec;
import org.medfed.common.aggregation.ServerOptimizerState;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DatasetSchema;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;

/**
 * {@code aggregator:aggregateRound} on the real network (issue 4): every endorsing organisation's chaincode server
 * recomputes FedAvg from its own Kubo node, and MAJORITY endorsement commits only agreeing write sets.
 * <ol>
 *   <li>rounds 1 and 2 aggregated with all three organisations endorsing: the recorded CID is on every Kubo node,
 *       its bytes hash to the recorded SHA-256 and equal fl-common's FedAvg bit for bit; prints the latency;</li>
 *   <li>a fedadam task aggregated for two rounds with all three organisations endorsing: each round's optimizer
 *       state blob is on every Kubo node with the recorded SHA-256, round 2's input names round 1's state, and
 *       {@code medfed verify round} prints OK for both;</li>
 *   <li>round 3 with the Wearable server restarted with chaincode-*-diverging.jar (test code) before its server jar,
 *       so it records another model: Hospital and Wearable endorsing disagree, so nothing is committed; after a
 *       normal restart the round aggregates;</li>
 *   <li>round 4 with the Wearable Kubo node stopped: Wearable cannot endorse (BLOB_UNAVAILABLE), Hospital and Clinic
 *       still commit;</li>
 *   <li>{@code medfed verify round} and {@code verify task} through picocli with the network's profiles recompute the
 *       four rounds from the Clinic's and the Hospital's Kubo nodes and print OK; with the Wearable's node stopped,
 *       a one-line network error.</li>
 * </ol>
 * Endorsing organisations are chosen explicitly (fabric-gateway {@code setEndorsingOrganizations}) so each case is
 * deterministic rather than left to the gateway's choice of a majority.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AggregationIT {
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("aggregation");

    private static final List<String> ORGS = RealNetwork.ORGS;
    private static final String TASK = "agg";
    private static final String ADAM = "agg-adam";
    private static final int PARAMETERS = 23;
    private static final Map<String, Integer> ROWS = Map.of("Hospital", 120, "Clinic", 80, "Wearable", 200);

    private static final Map<String, String> IDS = new HashMap<>();
    private static float[] global;
    /** Endorsement, ordering and commit (on the gateway's peer) of the last successful aggregateRound. */
    private static volatile long lastMillis;

    @Test
    @Order(1)
    void twoRoundsAreAggregatedWithAllThreeOrganisationsEndorsing() throws Exception {
        for (String org : ORGS) {
            IDS.put(
                    org,
                    NET.registerDataHolder(
                            org,
                            new DatasetRegistration(
                                    dataset(org),
                                    schema().fingerprint(),
                                    ROWS.get(org),
                                    Hashing.sha256Hex(org.getBytes(UTF_8)),
                                    "archive",
                                    "broad consent",
                                    "consortium-internal")));
        }
        global = weights(new Random(7), 0.5);
        ContentRef initial = addEverywhere(FloatVectorCodec.encode(global));
        TaskSpec spec = spec(TASK, initial, new StrategySpec("fedavg", new TreeMap<>()));
        json(withRetry(() -> submit("Hospital", "admin", "task:createTask", spec.toJson())));

        for (long round = 1; round <= 2; round++) {
            float[] expected = submitAndClose(round);
            Map<String, Object> result = json(aggregate("Clinic", round, "HospitalMSP", "ClinicMSP", "WearableMSP"));
            System.out.printf(
                    "[latency] aggregator:aggregateRound round %d, K=3 updates, 3 endorsing organisations"
                            + " (%s servers): %d ms endorse + order + commit%n",
                    round, round == 1 ? "cold" : "warm", lastMillis);
            ContentRef model = checkAggregated(result, expected, round);
            for (String org : ORGS) {
                byte[] bytes = cat(org, model.cid());
                assertThat(Hashing.sha256Hex(bytes)).as(org + "'s Kubo node").isEqualTo(model.sha256());
            }
            global = expected;
        }
    }

    @Test
    @Order(3)
    void aDivergingOrganisationMeansNothingIsCommitted() throws Exception {
        float[] expected = submitAndClose(3);
        NET.require(
                Map.of(
                        "MEDFED_CC_CLASSPATH_WEARABLE",
                        NET.scripts().chaincodeJar("diverging").toString()),
                180,
                "restart-chaincode",
                "Wearable");
        try {
            MedfedException refused = expectFailure(() -> withRetry(
                    () -> aggregate("Hospital", 3, "HospitalMSP", "WearableMSP"), AggregationIT::endorsementsDiffer));
            System.out.printf("[diverge] refused as expected: %s%n", refused.describe());
            assertThat(refused.isFromChaincode()).as(refused.describe()).isFalse();
            assertThat(endorsementsDiffer(refused)).as(refused.describe()).isTrue();
            awaitRound(3, "closed");
        } finally {
            NET.require(180, "restart-chaincode", "Wearable");
        }
        Map<String, Object> result =
                json(withRetry(() -> aggregate("Hospital", 3, "HospitalMSP", "ClinicMSP", "WearableMSP")));
        checkAggregated(result, expected, 3);
        global = expected;
    }

    @Test
    @Order(4)
    void anOrganisationWhoseKuboIsDownCannotEndorseButTheOthersCommit() throws Exception {
        float[] expected = submitAndClose(4);
        long pid = Long.parseLong(Files.readString(NET.dataDir().resolve("pids/ipfs-wearable.pid"))
                .strip());
        ProcessHandle ipfs = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("ipfs-wearable not running"));
        ipfs.destroy();
        ipfs.onExit().get(30, TimeUnit.SECONDS);

        MedfedException refused =
                expectFailure(() -> aggregate("Wearable", 4, "HospitalMSP", "ClinicMSP", "WearableMSP"));
        System.out.printf("[kubo down] refused as expected: %s%n", refused.describe());
        assertThat(refused.describe()).contains(ErrorCode.BLOB_UNAVAILABLE.name());
        awaitRound(4, "closed");

        Map<String, Object> result = json(aggregate("Wearable", 4, "HospitalMSP", "ClinicMSP"));
        System.out.printf(
                "[latency] aggregator:aggregateRound round 4, K=3 updates, 2 endorsing organisations"
                        + " (warm): %d ms endorse + order + commit%n",
                lastMillis);
        ContentRef model = checkAggregated(result, expected, 4);
        for (String org : List.of("Hospital", "Clinic")) {
            assertThat(Hashing.sha256Hex(cat(org, model.cid()))).isEqualTo(model.sha256());
        }
    }

    @Test
    @Order(5)
    void verifyRecomputesEveryAggregatedRoundFromIpfsAndFindsItIdentical() {
        for (long round = 1; round <= 4; round++) {
            long start = System.nanoTime();
            String[] run = medfed("clinic-user1", "verify", "round", TASK, Long.toString(round));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            System.out.printf(
                    "[verify] round %d as clinic-user1 (exit %s, %d ms): %s%s%n",
                    round, run[0], millis, run[1].strip(), run[2].strip());
            assertThat(run[0]).as(run[2]).isEqualTo("0");
            assertThat(run[1])
                    .startsWith("OK  round " + round + " of task " + TASK)
                    .contains("from 3 updates");
        }
        String[] task = medfed("hospital-user1", "verify", "task", TASK);
        System.out.printf("[verify] task as hospital-user1 (exit %s):%n%s%s%n", task[0], task[1], task[2]);
        assertThat(task[0]).as(task[2]).isEqualTo("0");
        assertThat(task[1]).contains("OK  4 aggregated round(s) of task " + TASK);
    }

    @Test
    @Order(6)
    void verifyWithAStoppedKuboNodeIsAOneLineNetworkError() {
        String[] run = medfed("wearable-user1", "verify", "round", TASK, "1");

        System.out.printf("[verify] as wearable-user1 with its Kubo stopped (exit %s): %s%n", run[0], run[2].strip());
        assertThat(run[0]).isEqualTo("2");
        assertThat(run[2].strip().lines())
                .singleElement()
                .asString()
                .startsWith("error: UNAVAILABLE: cannot recompute round 1 of task " + TASK);
    }

    @Test
    @Order(2)
    void aFedAdamTaskKeepsItsOptimizerStateOnEveryNodeAcrossTwoRoundsAndVerifies() throws Exception {
        float[] model = weights(new Random(11), 0.5);
        ContentRef initial = addEverywhere(FloatVectorCodec.encode(model));
        StrategySpec strategy = new StrategySpec("fedadam", new TreeMap<>(Map.of("eta", new BigDecimal("0.05"))));
        TaskSpec spec = spec(ADAM, initial, strategy);
        json(withRetry(() -> submit("Hospital", "admin", "task:createTask", spec.toJson())));
        ServerOptimizerState state = Strategies.initialState(strategy, PARAMETERS);
        List<ContentRef> states = new ArrayList<>();
        for (long round = 1; round <= 2; round++) {
            List<WeightedUpdate> updates = submitAndClose(ADAM, round, model);
            AggregationResult expected = Strategies.fromSpec(strategy, state).aggregate(model, updates);
            Map<String, Object> result =
                    json(aggregate(ADAM, "Clinic", round, "HospitalMSP", "ClinicMSP", "WearableMSP"));
            System.out.printf(
                    "[latency] aggregator:aggregateRound fedadam round %d, K=3 updates, 3 endorsing"
                            + " organisations: %d ms endorse + order + commit%n",
                    round, lastMillis);
            checkAggregated(ADAM, result, expected.model(), round);
            ContentRef recorded =
                    ContentRef.fromJson(obj(obj(result.get("aggregation")).get("optimizerState")));
            byte[] stateBlob = OptimizerStateCodec.encode(expected.optimizerState());
            assertThat(recorded.sha256()).isEqualTo(Hashing.sha256Hex(stateBlob));
            for (String org : ORGS) {
                assertThat(cat(org, recorded.cid()))
                        .as("the state on " + org + "'s Kubo node")
                        .isEqualTo(stateBlob);
            }
            assertThat(expected.optimizerState().t()).isEqualTo(round);
            states.add(recorded);
            model = expected.model();
            state = expected.optimizerState();
        }
        Map<String, Object> input = json(withRetry(() -> evaluate("Wearable", "aggregator:getRoundInput", ADAM, 2)));
        assertThat(input.get("optimizerState")).isEqualTo(states.get(0).toJson());
        for (long round = 1; round <= 2; round++) {
            String[] run = medfed("clinic-user1", "verify", "round", ADAM, Long.toString(round));
            System.out.printf(
                    "[verify] fedadam round %d as clinic-user1 (exit %s): %s%s%n",
                    round, run[0], run[1].strip(), run[2].strip());
            assertThat(run[0]).as(run[2]).isEqualTo("0");
            assertThat(run[1])
                    .startsWith("OK  round " + round + " of task " + ADAM)
                    .contains(
                            "and optimizer state " + states.get((int) round - 1).sha256());
        }
    }

    /** The medfed CLI as {@code profile} of this network: {exit code, stdout, stderr}. */
    private static String[] medfed(String profile, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--profile", profile));
        MedfedCli.Run run = NET.cli(all.toArray(String[]::new));
        return new String[] {Integer.toString(run.exit()), run.out(), run.err()};
    }

    // ------------------------------------------------------------------------------------------------------------

    /** Each organisation's User1 submits a FULL update (added to every Kubo node); then the round closes. */
    private static float[] submitAndClose(long round) throws Exception {
        List<WeightedUpdate> updates = submitAndClose(TASK, round, global);
        return Strategies.fromSpec(new StrategySpec("fedavg", new TreeMap<>()))
                .aggregate(global, updates)
                .model();
    }

    /** The same for {@code task}, whose round starts from {@code global}; returns the updates. */
    private static List<WeightedUpdate> submitAndClose(String task, long round, float[] global) throws Exception {
        List<WeightedUpdate> updates = new ArrayList<>();
        String base = Hashing.sha256Hex(FloatVectorCodec.encode(global));
        for (String org : ORGS) {
            float[] values = global.clone();
            Random random = new Random(round * 31 + org.hashCode());
            for (int i = 0; i < values.length; i++) {
                values[i] += (float) (random.nextGaussian() * 0.05);
            }
            ContentRef ref = addEverywhere(FloatVectorCodec.encode(values));
            UpdateSubmission update = new UpdateSubmission(
                    task,
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
            awaitRound(task, round, "open");
            json(withRetry(() -> submit(org, "user1", "round:submitUpdate", update.toJson())));
            updates.add(WeightedUpdate.of(IDS.get(org), UpdateKind.FULL, ROWS.get(org), values));
        }
        json(withRetry(() -> submit("Clinic", "user1", "round:closeRound", task, round)));
        awaitRound(task, round, "closed");
        return updates;
    }

    /** The gateway's refusal when endorsers' results differ (both engines word it "… do not match"). */
    private static boolean endorsementsDiffer(MedfedException refused) {
        String message = refused.describe().toLowerCase(Locale.ROOT);
        return message.contains("not match") || message.contains("mismatch");
    }

    private static ContentRef checkAggregated(Map<String, Object> result, float[] expected, long round)
            throws Exception {
        return checkAggregated(TASK, result, expected, round);
    }

    private static ContentRef checkAggregated(String task, Map<String, Object> result, float[] expected, long round)
            throws Exception {
        Map<String, Object> aggregation = obj(result.get("aggregation"));
        ContentRef model = ContentRef.fromJson(obj(aggregation.get("globalModel")));
        assertThat(model.sha256()).isEqualTo(Hashing.sha256Hex(FloatVectorCodec.encode(expected)));
        byte[] bytes = cat("Hospital", model.cid());
        assertThat(FloatVectorCodec.decode(bytes, PARAMETERS)).containsExactly(expected);
        assertThat((List<?>) aggregation.get("contributions")).hasSize(3);
        assertThat((List<?>) aggregation.get("excluded")).isEmpty();
        awaitRound(task, round, "aggregated");
        return model;
    }

    /** Every organisation's peer shows the round in {@code status}. */
    private static void awaitRound(long round, String status) throws Exception {
        awaitRound(TASK, round, status);
    }

    private static void awaitRound(String task, long round, String status) throws Exception {
        NET.awaitOnEveryPeer(
                "round " + round + " of " + task + " " + status,
                "round:getRound",
                view -> status.equals(obj(view.get("round")).get("status")),
                task,
                round);
    }

    private static MedfedException expectFailure(LedgerCall call) throws Exception {
        byte[] accepted;
        try {
            accepted = call.call();
        } catch (MedfedException e) {
            return e;
        }
        return fail("expected a failure, but the ledger accepted: %s", new String(accepted, UTF_8));
    }

    /** aggregateRound as {@code org}'s User1, endorsed by exactly {@code mspIds}. */
    private static byte[] aggregate(String org, long round, String... mspIds) throws Exception {
        return aggregate(TASK, org, round, mspIds);
    }

    private static byte[] aggregate(String task, String org, long round, String... mspIds) throws Exception {
        Endorsed endorsed = endorsedBy(NET, task, org, round, mspIds);
        lastMillis = endorsed.millis();
        return endorsed.result();
    }

    /** The answer of a committed transaction and the milliseconds of its endorsement, ordering and commit. */
    record Endorsed(byte[] result, long millis) {}

    /** aggregateRound of {@code task} on {@code net} as {@code org}'s User1, endorsed by exactly {@code mspIds}. */
    static Endorsed endorsedBy(RealNetwork net, String task, String org, long round, String... mspIds)
            throws Exception {
        return DirectGateway.with(net, org, "user1", contract -> {
            var proposal = contract.newProposal("aggregator:aggregateRound")
                    .addArguments(task, Long.toString(round))
                    .setEndorsingOrganizations(mspIds)
                    .build();
            long start = System.nanoTime();
            byte[] result = proposal.endorse().submit();
            return new Endorsed(result, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        });
    }

    private static byte[] submit(String org, String user, String tx, Object... args) throws Exception {
        return NET.submit(org, user, tx, args);
    }

    private static byte[] evaluate(String org, String tx, Object... args) throws Exception {
        return NET.evaluate(org, "user1", tx, args);
    }

    /** A four-round task over the three organisations' User1, quorum 2, with {@code strategy}. */
    private static TaskSpec spec(String id, ContentRef initial, StrategySpec strategy) {
        return RealNetwork.smallTask(
                id,
                "Aggregation on the real network",
                initial,
                4,
                600,
                strategy,
                ORGS.stream().map(IDS::get).toList(),
                ORGS.stream().map(AggregationIT::dataset).toList());
    }

    private static String dataset(String org) {
        return org.toLowerCase() + "-data";
    }

    private static DatasetSchema schema() {
        return new DatasetSchema(
                List.of(new DatasetSchema.Column("heart_rate", "float"), new DatasetSchema.Column("sepsis", "int")));
    }

    private static float[] weights(Random random, double scale) {
        float[] w = new float[PARAMETERS];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (random.nextGaussian() * scale);
        }
        return w;
    }

    private static ContentRef addEverywhere(byte[] data) throws Exception {
        return NET.addEverywhere(data);
    }

    private static byte[] cat(String org, String cid) throws Exception {
        return NET.cat(org, cid);
    }

    private static Map<String, Object> json(byte[] bytes) {
        return LedgerJson.json(bytes);
    }

    private static Map<String, Object> obj(Object value) {
        return LedgerJson.obj(value);
    }
}
