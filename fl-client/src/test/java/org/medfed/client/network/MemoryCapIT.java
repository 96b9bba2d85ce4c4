package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.client.network.LedgerRetry.withRetry;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.client.verify.RoundVerifier;
import org.medfed.common.aggregation.MemoryBudget;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.aggregation.round.RoundRecomputation;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.reputation.ReputationPolicy;

/**
 * A median round at the buffered-strategy memory cap on the real network, with every organisation endorsing: K = 3
 * updates of the widest one-hidden-layer MLP whose K·P stays within {@link MemoryBudget#MAX_BUFFERED_VALUES}. The
 * record must equal fl-common's recomputation; prints the aggregation's latency and each chaincode server's peak and
 * current resident memory (VmHWM, VmRSS). Heavy (four blobs of 4·P bytes on each of three Kubo nodes), so it runs
 * only with {@code -Dmedfed.it.memoryCap=true}.
 */
@EnabledIfSystemProperty(named = "medfed.it.memoryCap", matches = "true")
class MemoryCapIT {
    /** Status (each process's state) is printed before down; blobs of 42 MiB take Kubo longer than 30 s. */
    @RegisterExtension
    static final RealNetwork NET = RealNetwork.deployed("memory-cap")
            .kuboTimeout(Duration.ofSeconds(120))
            .statusBeforeDown();

    private static final List<String> ORGS = RealNetwork.ORGS;
    private static final int K = ORGS.size();
    private static final String TASK = "median-cap";

    @Test
    void aMedianRoundAtTheBufferedCapIsAggregatedByEveryOrganisation() throws Exception {
        long n = widestWithinCap();
        int p = (int) parameters(n);
        System.out.printf(
                "[memory-cap] P = %d parameters (inputs = hidden = %d), K = %d: K·P = %d of %d values,"
                        + " %d MiB per blob%n",
                p, n, K, (long) K * p, MemoryBudget.MAX_BUFFERED_VALUES, FloatVectorCodec.byteLength(p) >> 20);
        List<String> ids = new ArrayList<>();
        for (String org : ORGS) {
            ids.add(NET.registerDataHolder(
                    org,
                    new DatasetRegistration(
                            org.toLowerCase() + "-data",
                            Hashing.sha256Hex("schema".getBytes(UTF_8)),
                            1000,
                            Hashing.sha256Hex(org.getBytes(UTF_8)),
                            "load",
                            "broad consent",
                            "consortium-internal")));
        }
        float[] global = new float[p];
        ContentRef initial = addEverywhere(FloatVectorCodec.encode(global));
        ModelSpec model = new ModelSpec(ModelSpec.MLP, n, List.of(n), "relu", 2, initial);
        TaskSpec spec = new TaskSpec(
                TASK,
                "Median at the memory cap",
                model,
                new TrainingSpec(1, 32, new BigDecimal("0.01"), "sgd", BigDecimal.ZERO),
                1,
                K,
                600,
                2,
                new StrategySpec("median", new TreeMap<>()),
                RealNetwork.DP_POLICY,
                ReputationPolicy.defaults(),
                ids,
                ORGS.stream().map(o -> o.toLowerCase() + "-data").toList());
        withRetry(() -> call("Hospital", "admin", true, "task:createTask", CanonicalJson.encode(spec.toJson())));
        for (String org : ORGS) {
            float[] values = new float[p];
            Random random = new Random(org.hashCode());
            for (int i = 0; i < p; i++) {
                values[i] = (float) (random.nextGaussian() * 0.01);
            }
            ContentRef ref = addEverywhere(FloatVectorCodec.encode(values));
            UpdateSubmission update = new UpdateSubmission(
                    TASK,
                    1,
                    org.toLowerCase() + "-data",
                    ref.cid(),
                    ref.sha256(),
                    p,
                    1000,
                    initial.sha256(),
                    UpdateKind.DELTA,
                    new TreeMap<>(Map.of("auc", new BigDecimal("0.8"))),
                    RealNetwork.DP_USED);
            withRetry(() -> call(org, "user1", true, "round:submitUpdate", CanonicalJson.encode(update.toJson())));
        }
        withRetry(() -> call("Clinic", "user1", true, "round:closeRound", TASK, "1"));
        awaitClosedEverywhere();
        for (String org : ORGS) {
            System.out.printf(
                    "[memory-cap] chaincode-%s before the round: %s%n",
                    org.toLowerCase(), memory("chaincode-" + org.toLowerCase()));
        }

        AggregationIT.Endorsed endorsed =
                AggregationIT.endorsedBy(NET, TASK, "Clinic", 1, "HospitalMSP", "ClinicMSP", "WearableMSP");
        Map<String, Object> result = json(endorsed.result());
        System.out.printf(
                "[memory-cap] aggregator:aggregateRound median, K = %d, P = %d, 3 endorsing"
                        + " organisations: %d ms endorse + order + commit%n",
                K, p, endorsed.millis());
        for (String org : ORGS) {
            System.out.printf(
                    "[memory-cap] chaincode-%s after the round: %s%n",
                    org.toLowerCase(), memory("chaincode-" + org.toLowerCase()));
        }

        ContentRef recorded =
                ContentRef.fromJson(obj(obj(result.get("aggregation")).get("globalModel")));
        RoundInput input =
                RoundInput.fromJson(json(call("Hospital", "user1", false, "aggregator:getRoundInput", TASK, "1")));
        try (KuboBlobStore kubo = kubo("Hospital")) {
            RoundOutcome expected = new RoundRecomputation(RoundVerifier.source(kubo)).aggregate(input);
            assertThat(recorded.sha256()).isEqualTo(expected.sha256());
        }
    }

    /** The largest n for which K updates of an MLP with n inputs, one hidden layer of n and 2 classes fit the cap. */
    private static long widestWithinCap() {
        long n = 1;
        while (K * parameters(n + 1) <= MemoryBudget.MAX_BUFFERED_VALUES) {
            n++;
        }
        return n;
    }

    /** n·n + n weights and biases into the hidden layer, 2n + 2 into the output. */
    private static long parameters(long n) {
        return n * n + n + n * 2 + 2;
    }

    /** VmHWM (peak) and VmRSS of the process the network started under {@code name}. */
    private static String memory(String name) throws Exception {
        String pid =
                Files.readString(NET.dataDir().resolve("pids/" + name + ".pid")).strip();
        return Files.readAllLines(java.nio.file.Path.of("/proc", pid, "status")).stream()
                .filter(line -> line.startsWith("VmHWM") || line.startsWith("VmRSS"))
                .map(line -> line.replaceAll("\\s+", " "))
                .toList()
                .toString();
    }

    private static ContentRef addEverywhere(byte[] data) throws Exception {
        return NET.addEverywhere(data);
    }

    private static KuboBlobStore kubo(String org) throws Exception {
        return NET.kubo(org);
    }

    /** One transaction as {@code org}'s {@code user}, on the network's gateway of that identity. */
    private static byte[] call(String org, String user, boolean submit, String tx, String... args) throws Exception {
        return submit ? NET.submit(org, user, tx, (Object[]) args) : NET.evaluate(org, user, tx, (Object[]) args);
    }

    private static void awaitClosedEverywhere() throws Exception {
        NET.awaitOnEveryPeer(
                "round 1 closed",
                "round:getRound",
                view -> "closed".equals(obj(view.get("round")).get("status")),
                TASK,
                1L);
    }

    private static Map<String, Object> json(byte[] bytes) {
        return LedgerJson.json(bytes);
    }

    private static Map<String, Object> obj(Object value) {
        return LedgerJson.obj(value);
    }
}
