package org.medfed.common.aggregation.round;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Samples;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;

/**
 * A closed round of the sample task (23 parameters, global model 0.25) on a {@link MemoryBlobs} node: participant
 * i's update is the delta {@code i + 1 + j/100} at index j, with {@code 1000·(i+1)} examples, unless a
 * {@link Problem} spoils it.
 */
final class TestRound {
    static final int P = 23;

    enum Problem {
        NONE,
        HASH_MISMATCH,
        TOO_SHORT,
        TOO_LONG,
        NON_FINITE,
        WRONG_COUNT,
        MISSING
    }

    final MemoryBlobs node = new MemoryBlobs();
    final List<String> participants = new ArrayList<>();
    final List<AcceptedUpdate> updates = new ArrayList<>();
    final ContentRef global;

    TestRound() {
        float[] values = new float[P];
        Arrays.fill(values, 0.25f);
        byte[] blob = FloatVectorCodec.encode(values);
        node.put(blob, blob);
        global = ref(blob);
    }

    static String participant(int i) {
        return Samples.participant("holder-" + i);
    }

    static byte[] honest(int i) {
        float[] values = new float[P];
        for (int j = 0; j < P; j++) {
            values[j] = i + 1 + j / 100f;
        }
        return FloatVectorCodec.encode(values);
    }

    static ContentRef ref(byte[] blob) {
        return new ContentRef(Cids.rawLeafCidV1(blob), Hashing.sha256Hex(blob));
    }

    /** Adds participant {@code updates.size()} with {@code problem}. */
    TestRound with(Problem problem) {
        int i = updates.size();
        byte[] declared = honest(i);
        byte[] served = switch (problem) {
            case HASH_MISMATCH -> honest(i + 7);
            case TOO_SHORT -> Arrays.copyOf(declared, declared.length - 4);
            case TOO_LONG -> Arrays.copyOf(declared, declared.length + 4);
            case NON_FINITE ->
                ByteBuffer.wrap(declared.clone())
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putFloat(4 * 5, Float.NaN)
                        .array();
            default -> declared;
        };
        if (problem == Problem.TOO_SHORT || problem == Problem.TOO_LONG || problem == Problem.NON_FINITE) {
            declared = served;
        }
        if (problem != Problem.MISSING) {
            node.put(declared, served);
        }
        participants.add(participant(i));
        updates.add(new AcceptedUpdate(
                participant(i),
                ref(declared),
                problem == Problem.WRONG_COUNT ? P + 1 : P,
                1000L * (i + 1),
                UpdateKind.DELTA,
                new BigDecimal("0.5")));
        return this;
    }

    /** Adds participant {@code updates.size()} with the delta {@code values} and {@code numExamples}. */
    TestRound withDelta(float[] values, long numExamples) {
        byte[] blob = FloatVectorCodec.encode(values);
        node.put(blob, blob);
        participants.add(participant(updates.size()));
        updates.add(new AcceptedUpdate(
                participant(updates.size()),
                ref(blob),
                values.length,
                numExamples,
                UpdateKind.DELTA,
                new BigDecimal("0.5")));
        return this;
    }

    TestRound with(Problem... problems) {
        for (Problem problem : problems) {
            with(problem);
        }
        return this;
    }

    /** The round's input under {@code strategy} ("name" or "name:key=value,…") with {@code quorum}. */
    RoundInput input(String strategy, long quorum) {
        return input(strategy, quorum, 1, global, null);
    }

    /** Round {@code round} under {@code strategy}, from the model {@code model} and the optimizer state {@code state}. */
    RoundInput input(String strategy, long quorum, long round, ContentRef model, ContentRef state) {
        TaskSpec base = Samples.spec(participants.stream().sorted().toList(), quorum);
        TreeMap<String, BigDecimal> params = new TreeMap<>();
        String[] parts = strategy.split(":");
        if (parts.length > 1) {
            for (String pair : parts[1].split(",")) {
                params.put(pair.split("=")[0], new BigDecimal(pair.split("=")[1]));
            }
        }
        TaskSpec spec = new TaskSpec(
                base.id(),
                base.title(),
                base.model(),
                base.training(),
                base.rounds(),
                quorum,
                base.roundDurationSeconds(),
                base.maxAbortsBeforePause(),
                new StrategySpec(parts[0], params),
                base.dp(),
                base.reputation(),
                base.eligibleParticipants(),
                base.admittedDatasets());
        return new RoundInput(spec, round, model, updates, state);
    }

    /** The same round on a fresh node with fresh counters. */
    static TestRound of(Problem... problems) {
        return new TestRound().with(problems);
    }
}
