package org.medfed.chaincode.secagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.MemoryIpfs;
import org.medfed.common.aggregation.OptimizerStateCodec;
import org.medfed.common.aggregation.ServerOptimizerState;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.aggregation.round.AcceptedUpdate;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.aggregation.round.RoundRecomputation;
import org.medfed.common.aggregation.round.SecureRoundInput;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.reputation.ReputationPolicy;
import org.medfed.common.secagg.Reveal;
import org.medfed.common.secagg.RevealedShare;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecureStep;
import org.medfed.common.secagg.ShareKind;

/**
 * The whole round of docs/secagg-vectors.json (eight participants, k 6, t 4, one dropout after shares, one silent
 * survivor), replayed through {@link RoundRecomputation}, the aggregation {@code aggregator:aggregateRound} runs on
 * every endorser: from the vectors' keys, masked blobs and reveals alone it must unmask the vectors' sum and take
 * the DP step from it. The client side reproduces the same file in fl-common's SecAggVectorsTest.
 */
class SecAggVectorsAggregationTest {
    private static final int P = 6;
    private static final ServerOptimizerState PREVIOUS = new ServerOptimizerState(new float[P], new float[P], 2);
    private static final Instant POSTED = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void theChaincodesAggregationUnmasksTheVectorsSumAndStepsFromIt() throws IOException {
        Replay replay = replay("fedavg");

        RoundOutcome outcome = new RoundRecomputation(replay.ipfs()).aggregate(replay.input());

        float[] expected = new SecureStep(1, 12, 0.01, 0.5, replay.rows()).update(replay.sum());
        assertThat(outcome.model()).containsExactly(expected);
        assertThat(outcome.contributions()).hasSize(replay.input().updates().size());
        assertThat(outcome.optimizerState()).isNull();
    }

    @Test
    void fedAdamTakesTheUnmaskedStepAsItsPseudoGradient() throws IOException {
        Replay replay = replay("fedadam");

        RoundOutcome outcome = new RoundRecomputation(replay.ipfs()).aggregate(replay.input());

        float[] delta = new SecureStep(1, 12, 0.01, 0.5, replay.rows()).update(replay.sum());
        StrategySpec adam = replay.input().spec().strategy();
        float[] expected = Strategies.fromSpec(adam, PREVIOUS)
                .aggregate(new float[P], List.of(WeightedUpdate.of("step", UpdateKind.DELTA, replay.rows(), delta)))
                .model();
        assertThat(outcome.model()).containsExactly(expected);
        assertThat(outcome.optimizerState()).isNotNull();
        assertThat(outcome.optimizerState().state().t()).isEqualTo(3);
    }

    private record Replay(MemoryIpfs ipfs, RoundInput input, int[] sum, long rows) {}

    private static Replay replay(String strategy) throws IOException {
        Map<String, Object> vectors =
                JsonFields.object(CanonicalJson.parse(Files.readString(Path.of("..", "docs", "secagg-vectors.json"))));
        Map<String, Object> round = JsonFields.object(vectors, "round");
        MemoryIpfs ipfs = new MemoryIpfs();
        byte[] global = FloatVectorCodec.encode(new float[P]);
        assertThat(Hashing.sha256Hex(global)).isEqualTo(JsonFields.string(round, "baseModelSha256"));
        String globalCid = ipfs.put(global);

        String taskId = JsonFields.string(round, "taskId");
        long number = JsonFields.integer(round, "round");
        long attempt = JsonFields.integer(round, "attempt");
        List<String> ids = new ArrayList<>();
        List<RoundKeys> keys = new ArrayList<>();
        for (Map<String, Object> p : JsonFields.objects(round, "participants")) {
            String id = JsonFields.string(p, "id");
            ids.add(id);
            keys.add(new RoundKeys(
                    taskId,
                    number,
                    attempt,
                    id,
                    base64(p, "maskPublic"),
                    base64(p, "sharePublic"),
                    POSTED,
                    "tx-" + id));
        }
        List<AcceptedUpdate> updates = new ArrayList<>();
        for (Map<String, Object> m : JsonFields.objects(round, "masked")) {
            byte[] blob = HexFormat.of().parseHex(JsonFields.string(m, "blob"));
            updates.add(new AcceptedUpdate(
                    JsonFields.string(m, "id"),
                    new ContentRef(ipfs.put(blob), Hashing.sha256Hex(blob)),
                    P,
                    100,
                    UpdateKind.MASKED,
                    new BigDecimal("0.5")));
        }
        Map<String, List<RevealedShare>> byRevealer = new TreeMap<>();
        for (Map<String, Object> r : JsonFields.objects(round, "reveals")) {
            byRevealer
                    .computeIfAbsent(JsonFields.string(r, "revealer"), x -> new ArrayList<>())
                    .add(new RevealedShare(
                            JsonFields.string(r, "owner"),
                            ShareKind.fromWire(JsonFields.string(r, "kind")),
                            JsonFields.string(r, "share")));
        }
        List<Reveal> reveals = new ArrayList<>();
        byRevealer.forEach((revealer, shares) ->
                reveals.add(new Reveal(taskId, number, attempt, revealer, shares, POSTED, "tx-r-" + revealer)));
        SecureAggregationSpec secure = new SecureAggregationSpec(
                JsonFields.integer(round, "neighbours"),
                JsonFields.integer(round, "threshold"),
                2,
                new BigDecimal("0.5"),
                12,
                64,
                32,
                60,
                60,
                120);
        TaskSpec spec = new TaskSpec(
                taskId,
                "vectors",
                new ModelSpec("mlp", 2, List.of(), "relu", 2, new ContentRef(globalCid, Hashing.sha256Hex(global))),
                new TrainingSpec(1, 32, new BigDecimal("0.01"), "sgd", BigDecimal.ZERO),
                5,
                2,
                600,
                2,
                new StrategySpec(strategy, new TreeMap<>()),
                new DpPolicy(
                        BigDecimal.ONE,
                        BigDecimal.ONE,
                        new BigDecimal("0.00001"),
                        BigDecimal.TEN,
                        EpsilonConversion.IMPROVED),
                ReputationPolicy.defaults(),
                ids,
                List.of("ds"),
                secure);
        // a server optimizer in round 3 starts from round 2's state: its moments at zero, two steps taken
        ContentRef state = null;
        if (Strategies.needsOptimizerState(spec.strategy())) {
            byte[] blob = OptimizerStateCodec.encode(PREVIOUS);
            state = new ContentRef(ipfs.put(blob), Hashing.sha256Hex(blob));
        }
        RoundInput input = new RoundInput(
                spec,
                number,
                spec.model().initialModel(),
                updates,
                state,
                new SecureRoundInput(attempt, keys, JsonFields.strings(round, "withShares"), reveals));

        int[] sum = JsonFields.integers(round, "sum").stream()
                .mapToInt(Long::intValue)
                .toArray();
        return new Replay(ipfs, input, sum, 100L * updates.size());
    }

    private static String base64(Map<String, Object> participant, String field) {
        return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(JsonFields.string(participant, field)));
    }
}
