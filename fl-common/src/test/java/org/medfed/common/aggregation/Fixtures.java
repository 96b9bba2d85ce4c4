package org.medfed.common.aggregation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.medfed.common.model.UpdateKind;

/** Small builders shared by the aggregation tests. */
final class Fixtures {

    private Fixtures() {}

    static WeightedUpdate full(String id, long numExamples, float... values) {
        return WeightedUpdate.of(id, UpdateKind.FULL, numExamples, values);
    }

    static WeightedUpdate delta(String id, long numExamples, float... values) {
        return WeightedUpdate.of(id, UpdateKind.DELTA, numExamples, values);
    }

    static WeightedUpdate withReputation(WeightedUpdate update, String reputation) {
        return new WeightedUpdate(
                update.participantId(),
                update.kind(),
                update.numExamples(),
                new BigDecimal(reputation),
                update.weight(),
                update.source());
    }

    static float[] random(Random random, int length, double scale) {
        float[] values = new float[length];
        for (int j = 0; j < length; j++) {
            values[j] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return values;
    }

    /** K updates of mixed kinds, example counts and reputations around {@code global}. */
    static List<WeightedUpdate> mixed(Random random, float[] global, int k) {
        List<WeightedUpdate> updates = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            float[] delta = random(random, global.length, 0.1);
            boolean isFull = i % 2 == 0;
            float[] values = new float[global.length];
            for (int j = 0; j < values.length; j++) {
                values[j] = isFull ? global[j] + delta[j] : delta[j];
            }
            WeightedUpdate update = WeightedUpdate.of(
                    String.format("p%02d", i),
                    isFull ? UpdateKind.FULL : UpdateKind.DELTA,
                    1 + random.nextInt(500),
                    values);
            updates.add(withReputation(update, "0." + (1 + random.nextInt(9))));
        }
        return updates;
    }

    static List<WeightedUpdate> shuffled(List<WeightedUpdate> updates, long seed) {
        List<WeightedUpdate> copy = new ArrayList<>(updates);
        Collections.shuffle(copy, new Random(seed));
        return copy;
    }

    static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int j = 0; j < values.length; j++) {
            bits[j] = Float.floatToRawIntBits(values[j]);
        }
        return bits;
    }

    /** L2 distance in double. */
    static double distance(float[] a, double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            double d = a[j] - b[j];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /**
     * Generates its values on every read (so the test itself holds no K × P) and records, across all sources of one
     * {@link Ledger}, how often each was read, which buffers were read into and how many reads overlapped.
     */
    static final class CountingSource implements VectorSource {
        private final Ledger ledger;
        private final int seed;
        private int reads;

        CountingSource(Ledger ledger, int seed) {
            this.ledger = ledger;
            this.seed = seed;
        }

        @Override
        public void readInto(float[] target) {
            ledger.open++;
            ledger.maxOpen = Math.max(ledger.maxOpen, ledger.open);
            ledger.buffers.put(target, Boolean.TRUE);
            for (int j = 0; j < target.length; j++) {
                target[j] = value(seed, j);
            }
            reads++;
            ledger.open--;
        }

        int reads() {
            return reads;
        }

        static float value(int seed, int j) {
            return ((seed * 7919 + j * 104729) % 2001 - 1000) / 1000f;
        }
    }

    static final class Ledger {
        final Map<float[], Boolean> buffers = new IdentityHashMap<>();
        int open;
        int maxOpen;
    }
}
