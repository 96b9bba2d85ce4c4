package org.medfed.chaincode.testing;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;

/** Request JSON for ledger tests: task specs, dataset descriptions, updates and aggregation reports. */
public final class Fixtures {
    /** The test model: 4 inputs, one hidden layer of 3, 2 classes, so (4·3 + 3) + (3·2 + 2) = 23 parameters. */
    public static final long PARAMETERS = 23;

    private Fixtures() {}

    public static String sha(String label) {
        return Hashing.sha256Hex(label.getBytes(UTF_8));
    }

    public static String cid(String label) {
        return Cids.rawLeafCidV1FromSha256Hex(sha(label));
    }

    public static Map<String, Object> ref(String label) {
        return Map.of("cid", cid(label), "sha256", sha(label));
    }

    /** A three-round task with quorum 2, 600 s rounds, pause after 2 aborts, ε cap 10 at δ = 1e-5. */
    public static Map<String, Object> taskSpec(String taskId, List<String> eligible, List<String> datasets) {
        Map<String, Object> spec = new TreeMap<>();
        spec.put("id", taskId);
        spec.put("title", "Sepsis early warning");
        spec.put(
                "model",
                Map.of(
                        "architecture",
                        "mlp",
                        "inputs",
                        4L,
                        "hiddenLayers",
                        List.of(3L),
                        "activation",
                        "relu",
                        "classes",
                        2L,
                        "initialModel",
                        ref("initial-" + taskId)));
        spec.put(
                "training",
                Map.of(
                        "epochs",
                        1L,
                        "batchSize",
                        32L,
                        "learningRate",
                        new BigDecimal("0.01"),
                        "optimizer",
                        "sgd",
                        "fedProxMu",
                        BigDecimal.ZERO));
        spec.put("rounds", 3L);
        spec.put("quorum", 2L);
        spec.put("roundDurationSeconds", 600L);
        spec.put("maxAbortsBeforePause", 2L);
        spec.put("strategy", Map.of("name", "fedavg", "params", Map.of()));
        spec.put(
                "dp",
                Map.of(
                        "clipNorm",
                        BigDecimal.ONE,
                        "noiseMultiplier",
                        BigDecimal.ONE,
                        "delta",
                        new BigDecimal("0.00001"),
                        "maxEpsilon",
                        BigDecimal.TEN,
                        "conversion",
                        "improved"));
        spec.put(
                "reputation",
                Map.of(
                        "initialScore",
                        new BigDecimal("0.5"),
                        "qualityWeight",
                        new BigDecimal("0.5"),
                        "missedRoundPenalty",
                        new BigDecimal("0.2"),
                        "rejectedUpdatePenalty",
                        new BigDecimal("0.25"),
                        "exclusionThreshold",
                        new BigDecimal("0.3")));
        spec.put("eligibleParticipants", new ArrayList<>(eligible));
        spec.put("admittedDatasets", new ArrayList<>(datasets));
        return spec;
    }

    public static Map<String, Object> dataset(String datasetId) {
        Map<String, Object> dataset = new TreeMap<>();
        dataset.put("id", datasetId);
        dataset.put("schemaSha256", sha("schema"));
        dataset.put("rowCount", 1200L);
        dataset.put("contentSha256", sha("content-" + datasetId));
        dataset.put("purpose", "sepsis prediction research");
        dataset.put("consentBasis", "GDPR art. 9(2)(j)");
        dataset.put("licence", "consortium agreement 2026");
        return dataset;
    }

    /** An update of {@code label}'s weights trained on {@code datasetId} from the model {@code baseSha256}. */
    public static Map<String, Object> update(
            String taskId, long round, String datasetId, String baseSha256, String label) {
        Map<String, Object> update = new TreeMap<>();
        update.put("taskId", taskId);
        update.put("round", round);
        update.put("datasetId", datasetId);
        update.put("cid", cid(label));
        update.put("sha256", sha(label));
        update.put("parameterCount", PARAMETERS);
        update.put("numExamples", 1000L);
        update.put("baseModelSha256", baseSha256);
        update.put("kind", "delta");
        update.put("metrics", Map.of("auc", new BigDecimal("0.81"), "loss", new BigDecimal("0.42")));
        update.put("dp", dp(new BigDecimal("0.01"), BigDecimal.ONE, 100));
        return update;
    }

    public static Map<String, Object> dp(BigDecimal samplingRate, BigDecimal noiseMultiplier, long steps) {
        return Map.of(
                "samplingRate",
                samplingRate,
                "noiseMultiplier",
                noiseMultiplier,
                "steps",
                steps,
                "clipNorm",
                BigDecimal.ONE);
    }

    /** A report in which every participant in {@code qualities} contributed with that quality score. */
    public static Map<String, Object> report(
            String taskId,
            long round,
            String modelLabel,
            Map<String, BigDecimal> qualities,
            List<Map<String, Object>> excluded) {
        List<Map<String, Object>> contributions = new ArrayList<>();
        qualities.forEach((participant, quality) ->
                contributions.add(Map.of("participantId", participant, "qualityScore", quality)));
        return Map.of(
                "taskId",
                taskId,
                "round",
                round,
                "globalModel",
                ref(modelLabel),
                "contributions",
                contributions,
                "excluded",
                excluded);
    }

    public static String json(Map<String, Object> value) {
        return CanonicalJson.encode(value);
    }
}
