package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.UpdateKind;

/**
 * FedAvg reads streaming sources side by side in tiles ({@link TiledMean}); sources that cannot stream one at a time.
 * Both must give the same bits and, for bad input, the same error naming the same participant and index.
 */
class TiledMeanTest {
    /** Three full tiles and a short one, so tile edges and the remainder are both exercised. */
    private static final int P = 3 * TiledMean.TILE + 17;

    private static final AggregationStrategy PRODUCTION =
            Strategies.fromSpec(new StrategySpec("fedavg", new java.util.TreeMap<>()));

    private final Random random = new Random(7);
    private final float[] global = Fixtures.random(random, P, 1.0);

    private List<byte[]> blobs(int k) {
        List<byte[]> blobs = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            float[] values = Fixtures.random(random, P, 0.1);
            if (i % 2 == 0) {
                for (int j = 0; j < P; j++) {
                    values[j] += global[j];
                }
            }
            blobs.add(FloatVectorCodec.encode(values));
        }
        return blobs;
    }

    private static List<WeightedUpdate> updates(List<byte[]> blobs, boolean streaming, AtomicInteger opens) {
        List<WeightedUpdate> updates = new ArrayList<>();
        for (int i = 0; i < blobs.size(); i++) {
            byte[] blob = blobs.get(i);
            VectorSource source = VectorSource.fromVerifiedBlob(
                    () -> {
                        opens.incrementAndGet();
                        return new ByteArrayInputStream(blob);
                    },
                    Hashing.sha256Hex(blob));
            VectorSource used = streaming ? source : source::readInto;
            updates.add(WeightedUpdate.of(
                    "p" + i,
                    i % 2 == 0 ? UpdateKind.FULL : UpdateKind.DELTA,
                    10 + 7L * i,
                    new BigDecimal("0." + (3 + i)),
                    used));
        }
        return updates;
    }

    @Test
    void tilesGiveTheSameBitsAsOneUpdateAtATime() {
        List<byte[]> blobs = blobs(6);
        AtomicInteger opens = new AtomicInteger();

        float[] tiled = PRODUCTION
                .aggregate(global, Fixtures.shuffled(updates(blobs, true, opens), 3))
                .model();
        float[] sequential = PRODUCTION
                .aggregate(global, updates(blobs, false, new AtomicInteger()))
                .model();

        assertThat(FloatVectorCodec.encode(tiled)).isEqualTo(FloatVectorCodec.encode(sequential));
        assertThat(opens)
                .as("each blob opened once: no second pass on valid input")
                .hasValue(6);
    }

    @Test
    void holdsOneTilePerUpdateRatherThanAWholeUpdate() {
        AggregationResult result = new FedAvg(1).aggregate(global, updates(blobs(2), true, new AtomicInteger()));

        assertThat(result.stats().bufferedValues())
                .isEqualTo(2L * TiledMean.TILE)
                .isLessThan(P);
    }

    @Test
    void withSeveralThreadsHoldsTwoTilesPerThreadWhateverTheModelSize() {
        AggregationResult result = new FedAvg(3).aggregate(global, updates(blobs(2), true, new AtomicInteger()));

        // 2 updates × (2 tiles in memory × 3 threads) × 4096 values, for any P of at least three tiles
        assertThat(result.stats().bufferedValues()).isEqualTo(2L * 2 * 3 * TiledMean.TILE);
    }

    @Test
    void tilesShortenWithManyUpdatesSoOneTileOfAllStaysNearOneMebibyte() {
        assertThat(TiledMean.tileLength(10, 1_000_000)).isEqualTo(TiledMean.TILE);
        assertThat(TiledMean.tileLength(100, 1_000_000)).isEqualTo(2560);
        assertThat(TiledMean.tileLength(256, 1_000_000)).isEqualTo(TiledMean.MIN_TILE);
        assertThat(TiledMean.tileLength(3, 17)).isEqualTo(17);
        assertThat(TiledMean.threads(4, 10, 2 * TiledMean.TILE + 1)).isEqualTo(3);
        assertThat(TiledMean.threads(2, 10, 100)).isEqualTo(1);
    }

    @Test
    void aNanInALaterTileIsNamedWithItsParticipantAndIndex() {
        List<byte[]> blobs = blobs(4);
        float[] poisoned = FloatVectorCodec.decode(blobs.get(2));
        byte[] bad = FloatVectorCodec.encode(poisoned);
        int index = 2 * TiledMean.TILE + 5;
        java.nio.ByteBuffer.wrap(bad).order(java.nio.ByteOrder.LITTLE_ENDIAN).putFloat(4 * index, Float.NaN);
        blobs.set(2, bad);

        assertThatThrownBy(() -> PRODUCTION.aggregate(global, updates(blobs, true, new AtomicInteger())))
                .isInstanceOfSatisfying(AggregationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AggregationException.Reason.NON_FINITE_VALUE);
                    assertThat(e.participantId()).contains("p2");
                    assertThat(e.index()).isEqualTo(index);
                });
    }

    @Test
    void aBlobThatDoesNotMatchItsHashIsRefusedAfterTheLastTile() {
        List<byte[]> blobs = blobs(3);
        List<WeightedUpdate> updates = new ArrayList<>(updates(blobs, true, new AtomicInteger()));
        byte[] other = blobs.get(0).clone();
        other[other.length - 1] ^= 1;
        WeightedUpdate first = updates.get(0);
        updates.set(
                0,
                first.withSource(
                        first.kind(),
                        VectorSource.fromVerifiedBlob(
                                () -> new ByteArrayInputStream(other), Hashing.sha256Hex(blobs.get(0)))));

        assertThatThrownBy(() -> PRODUCTION.aggregate(global, updates))
                .isInstanceOfSatisfying(AggregationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AggregationException.Reason.HASH_MISMATCH);
                    assertThat(e.participantId()).contains("p0");
                });
    }

    @Test
    void aBlobOneValueTooLongOrTooShortIsALengthMismatch() {
        for (int extra : new int[] {-1, 1}) {
            List<byte[]> blobs = blobs(3);
            float[] values = FloatVectorCodec.decode(blobs.get(1));
            blobs.set(1, FloatVectorCodec.encode(java.util.Arrays.copyOf(values, P + extra)));
            List<WeightedUpdate> updates = new ArrayList<>();
            for (int i = 0; i < blobs.size(); i++) {
                byte[] blob = blobs.get(i);
                updates.add(WeightedUpdate.of(
                        "p" + i,
                        UpdateKind.DELTA,
                        5,
                        BigDecimal.ONE,
                        VectorSource.fromBlob(() -> new ByteArrayInputStream(blob))));
            }

            assertThatThrownBy(() -> PRODUCTION.aggregate(global, updates))
                    .isInstanceOfSatisfying(AggregationException.class, e -> {
                        assertThat(e.reason()).isEqualTo(AggregationException.Reason.LENGTH_MISMATCH);
                        assertThat(e.participantId()).contains("p1");
                    });
        }
    }

    @Test
    void withoutValidationANanStillReachesTheModelAsBefore() {
        List<WeightedUpdate> updates = List.of(
                WeightedUpdate.of("a", UpdateKind.DELTA, 1, new float[] {1, Float.NaN}),
                WeightedUpdate.of("b", UpdateKind.DELTA, 1, new float[] {3, 4}));

        float[] model = new FedAvg().aggregate(new float[2], updates).model();

        assertThat(model[0]).isEqualTo(2f);
        assertThat(model[1]).isNaN();
    }
}
