package org.medfed.client.network;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.medfed.client.network.LedgerRetry.withRetry;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.KuboBlobStore;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DatasetRegistration;
import org.medfed.common.model.DatasetSchema;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;

/**
 * The task of the Fabric fault cases: each organisation's User1 a data holder with a dataset of its own, a FedAvg
 * task over the three on the 23-parameter MLP ({@link RealNetwork#smallTask}: quorum 2, DP), and updates as a client
 * node makes them: a perturbed copy of the current global model added to the submitter's own Kubo node only.
 */
final class FabricFaultTask {
    static final int PARAMETERS = 23;
    private static final Map<String, Integer> ROWS = Map.of("Hospital", 120, "Clinic", 80, "Wearable", 200);

    final String id;
    /** Each organisation's participant id, in {@link RealNetwork#ORGS} order. */
    final Map<String, String> participants;

    private final RealNetwork net;
    private float[] global;
    private String globalSha256;

    private FabricFaultTask(RealNetwork net, String id, Map<String, String> participants, float[] global) {
        this.net = net;
        this.id = id;
        this.participants = participants;
        this.global = global;
        this.globalSha256 = Hashing.sha256Hex(FloatVectorCodec.encode(global));
    }

    /** Participants, datasets, the initial model on every Kubo node and the task ({@code rounds} rounds). */
    static FabricFaultTask create(RealNetwork net, String id, long rounds, long roundSeconds) throws Exception {
        Map<String, String> participants = new LinkedHashMap<>();
        for (String org : RealNetwork.ORGS) {
            participants.put(
                    org,
                    net.registerDataHolder(
                            org,
                            new DatasetRegistration(
                                    dataset(id, org),
                                    new DatasetSchema(List.of(new DatasetSchema.Column("heart_rate", "float")))
                                            .fingerprint(),
                                    ROWS.get(org),
                                    Hashing.sha256Hex(org.getBytes(UTF_8)),
                                    "fault test",
                                    "broad consent",
                                    "consortium-internal")));
        }
        Random random = new Random(id.hashCode());
        float[] initial = new float[PARAMETERS];
        for (int i = 0; i < initial.length; i++) {
            initial[i] = (float) (random.nextGaussian() * 0.5);
        }
        ContentRef model = net.addEverywhere(FloatVectorCodec.encode(initial));
        TaskSpec spec = RealNetwork.smallTask(
                id,
                "Fault case " + id,
                model,
                rounds,
                roundSeconds,
                new StrategySpec("fedavg", new TreeMap<>()),
                List.copyOf(participants.values()),
                RealNetwork.ORGS.stream().map(org -> dataset(id, org)).toList());
        LedgerJson.json(withRetry(() -> net.submit("Hospital", "admin", "task:createTask", spec.toJson())));
        return new FabricFaultTask(net, id, participants, initial);
    }

    /** {@code org}'s update of {@code round}: its blob added to {@code org}'s own Kubo node, not yet submitted. */
    UpdateSubmission update(String org, long round) throws Exception {
        float[] values = global.clone();
        Random random = new Random(round * 31 + org.hashCode());
        for (int i = 0; i < values.length; i++) {
            values[i] += (float) (random.nextGaussian() * 0.05);
        }
        BlobRef added;
        try (KuboBlobStore kubo = net.kubo(org)) {
            added = kubo.add(FloatVectorCodec.encode(values));
        }
        return new UpdateSubmission(
                id,
                round,
                dataset(id, org),
                added.cid(),
                added.sha256Hex(),
                PARAMETERS,
                ROWS.get(org),
                globalSha256,
                UpdateKind.FULL,
                new TreeMap<>(Map.of("auc", new BigDecimal("0.8"))),
                RealNetwork.DP_USED);
    }

    /** The model {@code round}'s aggregation recorded: the next round's updates start from it. */
    ContentRef advance(long round) throws Exception {
        Map<String, Object> aggregation =
                LedgerJson.json(withRetry(() -> net.evaluate("Clinic", "user1", "round:getAggregation", id, round)));
        ContentRef model = ContentRef.fromJson(LedgerJson.obj(aggregation.get("globalModel")));
        global = FloatVectorCodec.decode(net.cat("Clinic", model.cid()), PARAMETERS);
        globalSha256 = model.sha256();
        return model;
    }

    private static String dataset(String task, String org) {
        return org.toLowerCase() + "-" + task;
    }
}
