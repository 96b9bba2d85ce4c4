package org.medfed.client.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.reputation.ReputationPolicy;

/**
 * The benchmark's task and updates, pure: a FedAvg task in clear whose model has exactly P parameters, with K
 * eligible participants and quorum K, under a light DP policy (so every submission runs the RDP accountant over the
 * participant's history, as P3 asks) or none; and seeded DELTA updates that look like a round's: a direction shared
 * by the round plus each site's own noise, so quality scores, and with them reputations, stay well above the
 * exclusion threshold round after round.
 */
public final class BenchTask {

    static final int MIN_PARAMS = 10;
    /** The widest single-layer input the model spec allows keeps both shapes below exact for any P up to this. */
    public static final int MAX_PARAMS = 1 << 20;

    /** DP-SGD as the real-network ITs declare it: q 0.1, σ 1.1, two steps, clip 1 (ε ≈ 2 after 1 round, 35 after 1000). */
    public static final DpUsage DP_USED =
            new DpUsage(new BigDecimal("0.1"), new BigDecimal("1.1"), 2, new BigDecimal("1.0"));
    /** Noise 0: what an update declares in a task without DP. */
    static final DpUsage NO_DP_USED = new DpUsage(new BigDecimal("0.1"), BigDecimal.ZERO, 2, new BigDecimal("1.0"));
    /** Clip 1, σ at least 1.1, δ 1e-5, ε at most 50: room for 1000 rounds of {@link #DP_USED}. */
    public static final DpPolicy DP_POLICY = new DpPolicy(
            new BigDecimal("1.0"),
            new BigDecimal("1.1"),
            new BigDecimal("0.00001"),
            new BigDecimal("50"),
            EpsilonConversion.IMPROVED);

    static final long EXAMPLES = 1000;

    private BenchTask() {}

    /**
     * An MLP with exactly {@code params} parameters: {@code n → 2} (2n + 2) for even P, {@code n → 1 → 2} (n + 5)
     * for odd P.
     */
    public static ModelSpec model(int params, ContentRef initial) {
        if (params < MIN_PARAMS || params > MAX_PARAMS) {
            throw new IllegalArgumentException("params must be in [" + MIN_PARAMS + ", " + MAX_PARAMS + "]");
        }
        return params % 2 == 0
                ? new ModelSpec(ModelSpec.MLP, params / 2 - 1, List.of(), "relu", 2, initial)
                : new ModelSpec(ModelSpec.MLP, params - 5, List.of(1L), "relu", 2, initial);
    }

    static TaskSpec spec(
            String id,
            int params,
            ContentRef initial,
            long rounds,
            long roundSeconds,
            boolean dp,
            List<String> participants,
            List<String> datasets) {
        return new TaskSpec(
                id,
                String.format(
                        Locale.ROOT,
                        "medfed bench round: %d participants, %d parameters%s",
                        participants.size(),
                        params,
                        dp ? ", light DP" : ", no DP"),
                model(params, initial),
                new TrainingSpec(1, 32, new BigDecimal("0.01"), "sgd", BigDecimal.ZERO),
                rounds,
                participants.size(),
                roundSeconds,
                2,
                new StrategySpec("fedavg", new TreeMap<>()),
                dp ? DP_POLICY : null,
                ReputationPolicy.defaults(),
                participants,
                datasets);
    }

    /** A seeded initial model of P values in ±0.1. */
    static byte[] initialModel(long seed, String taskId, int params) {
        SplittableRandom random = new SplittableRandom(seedOf(seed, taskId, 0, -1));
        float[] values = new float[params];
        for (int j = 0; j < params; j++) {
            values[j] = (float) ((random.nextDouble() * 2 - 1) * 0.1);
        }
        return FloatVectorCodec.encode(values);
    }

    /** The direction every site's update of the round shares, in ±0.01. */
    static float[] roundDirection(long seed, String taskId, long round, int params) {
        SplittableRandom random = new SplittableRandom(seedOf(seed, taskId, round, -1));
        float[] values = new float[params];
        for (int j = 0; j < params; j++) {
            values[j] = (float) ((random.nextDouble() * 2 - 1) * 0.01);
        }
        return values;
    }

    /** Participant {@code index}'s update blob: the round's direction plus its own noise in ±0.005. */
    static byte[] update(long seed, String taskId, long round, int index, float[] direction) {
        SplittableRandom random = new SplittableRandom(seedOf(seed, taskId, round, index));
        float[] values = new float[direction.length];
        for (int j = 0; j < values.length; j++) {
            values[j] = direction[j] + (float) ((random.nextDouble() * 2 - 1) * 0.005);
        }
        return FloatVectorCodec.encode(values);
    }

    static UpdateSubmission submission(
            TaskSpec task, long round, String datasetId, ContentRef blob, String baseModelSha256) {
        return new UpdateSubmission(
                task.id(),
                round,
                datasetId,
                blob.cid(),
                blob.sha256(),
                task.model().parameterCount(),
                EXAMPLES,
                baseModelSha256,
                UpdateKind.DELTA,
                new TreeMap<>(),
                task.differentiallyPrivate() ? DP_USED : NO_DP_USED);
    }

    /** Fresh bytes for every task (so Kubo's disk grows as it would), the same for the same seed and task. */
    private static long seedOf(long seed, String taskId, long round, int index) {
        byte[] digest = Hashing.sha256((seed + "|" + taskId + "|" + round + "|" + index).getBytes(UTF_8));
        return ByteBuffer.wrap(digest).getLong();
    }
}
