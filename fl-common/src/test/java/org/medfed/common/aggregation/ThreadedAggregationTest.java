package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.UpdateKind;

/**
 * FedAvg's tiles and the quality scores' groups on 1, 2 and 3 threads give exactly the bits of the definition: per
 * coordinate, {@code acc = 0; acc += (w_i / W) · delta_i} in participant order, then {@code (float) (global + acc)};
 * per update, its sums over the parameters in index order. Sizes are chosen not to be multiples of a tile, a group or
 * a SIMD lane.
 */
class ThreadedAggregationTest {
    private static final int TILE = TiledMean.TILE;

    private static AggregationStrategy production(int threads) {
        return Strategies.fromSpec(new StrategySpec("fedavg", new TreeMap<>()), null, threads);
    }

    static Stream<Arguments> sizes() {
        List<Arguments> cases = new ArrayList<>();
        for (int p : new int[] {1, 7, TILE - 1, TILE + 1, 2 * TILE + 13}) {
            for (int k : new int[] {1, 3, 5, 17}) {
                cases.add(Arguments.of(p, k));
            }
        }
        // more updates: shorter tiles (2560 coordinates at K = 100)
        cases.add(Arguments.of(3 * 2560 + 5, 100));
        return cases.stream();
    }

    @ParameterizedTest(name = "P={0}, K={1}")
    @MethodSource("sizes")
    void everyThreadCountGivesTheBitsOfTheDefinition(int p, int k) {
        Random random = new Random(31L * p + k);
        float[] global = values(random, p, 1);
        List<WeightedUpdate> updates = updates(random, global, k);
        int[] expected = Fixtures.bits(byDefinition(global, updates));

        for (int threads = 1; threads <= 3; threads++) {
            List<WeightedUpdate> shuffled = Fixtures.shuffled(updates, threads);
            assertThat(Fixtures.bits(
                            production(threads).aggregate(global, shuffled).model()))
                    .as("%d threads", threads)
                    .isEqualTo(expected);
        }
        // and the one-update-at-a-time path (sources that cannot stream) agrees
        assertThat(Fixtures.bits(
                        production(2).aggregate(global, oneAtATime(updates)).model()))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "P={0}, K={1}")
    @MethodSource("sizes")
    void qualityScoresAreTheSameBitsOnEveryThreadCount(int p, int k) {
        Random random = new Random(17L * p + k);
        float[] global = values(random, p, 1);
        List<WeightedUpdate> updates = updates(random, global, k);
        float[] model = production(1).aggregate(global, updates).model();
        List<UpdateQuality> expected =
                QualityScores.compute(global, model, oneAtATime(updates), QualityThresholds.DEFAULT, 1);

        for (int threads = 1; threads <= 3; threads++) {
            List<UpdateQuality> actual = QualityScores.compute(
                    global, model, Fixtures.shuffled(updates, threads), QualityThresholds.DEFAULT, threads);
            // records compare doubles with Double.equals: bit for bit
            assertThat(actual).as("%d threads", threads).isEqualTo(expected);
        }
    }

    @Test
    void serverOptimizersGiveTheSameBitsOnEveryThreadCount() {
        Random random = new Random(5);
        int p = 2 * TILE + 3;
        float[] global = Fixtures.random(random, p, 1);
        List<WeightedUpdate> updates = Fixtures.mixed(random, global, 6);
        ServerOptimizerState state = ServerOptimizerState.initial(p, 1e-3);
        AggregationResult one = new FedYogi(AdaptiveParams.defaults(), state, 1).aggregate(global, updates);

        for (int threads = 2; threads <= 3; threads++) {
            AggregationResult many = new FedYogi(AdaptiveParams.defaults(), state, threads).aggregate(global, updates);
            assertThat(Fixtures.bits(many.model())).isEqualTo(Fixtures.bits(one.model()));
            assertThat(Fixtures.bits(many.optimizerState().m()))
                    .isEqualTo(Fixtures.bits(one.optimizerState().m()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void aNanOrInfinityAnywhereIsNamedWithItsParticipantAndIndex(int threads) {
        Random random = new Random(9);
        int p = 3 * TILE + 17;
        float[] global = values(random, p, 1);
        List<WeightedUpdate> updates = new ArrayList<>(updates(random, global, 5));
        // p03 has +∞ in the last tile (added up by any thread), p01 −∞ in the second: p01 comes first
        updates.set(3, poisoned(updates.get(3), 3 * TILE + 2, Float.POSITIVE_INFINITY));
        updates.set(1, poisoned(updates.get(1), TILE + 7, Float.NEGATIVE_INFINITY));

        assertThatThrownBy(() -> production(threads).aggregate(global, updates))
                .isInstanceOfSatisfying(AggregationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AggregationException.Reason.NON_FINITE_VALUE);
                    assertThat(e.participantId()).contains("p01");
                    assertThat(e.index()).isEqualTo(TILE + 7);
                });
        float[] model = production(1).aggregate(global, List.of(updates.get(0))).model();
        assertThatThrownBy(() -> QualityScores.compute(
                        global, model, List.of(updates.get(0), updates.get(3)), QualityThresholds.DEFAULT, threads))
                .isInstanceOfSatisfying(AggregationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AggregationException.Reason.NON_FINITE_VALUE);
                    assertThat(e.participantId()).contains("p03");
                    assertThat(e.index()).isEqualTo(3 * TILE + 2);
                });
        assertNoHelperThreadLeft();
    }

    @Test
    void aStreamThatBreaksMidwayIsNamedAndNoHelperOutlivesTheCall() {
        Random random = new Random(11);
        int p = 4 * TILE;
        float[] global = values(random, p, 1);
        List<WeightedUpdate> updates = new ArrayList<>(updates(random, global, 4));
        byte[] blob = FloatVectorCodec.encode(values(random, p, 0.1f));
        updates.set(
                2,
                WeightedUpdate.of(
                        "p02",
                        UpdateKind.DELTA,
                        3,
                        BigDecimal.ONE,
                        VectorSource.fromBlob(() -> breakingAfter(blob, 2 * TILE * Float.BYTES + 100))));

        assertThatThrownBy(() -> production(3).aggregate(global, updates))
                .isInstanceOfSatisfying(AggregationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(AggregationException.Reason.UNREADABLE);
                    assertThat(e.participantId()).contains("p02");
                });
        assertNoHelperThreadLeft();
    }

    @Test
    void threadCountsOutsideOneToSixtyFourAreRefused() {
        assertThatThrownBy(() -> new FedAvg(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> production(Strategies.MAX_THREADS + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() ->
                        QualityScores.compute(new float[1], new float[1], List.of(), QualityThresholds.DEFAULT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Finite values including the awkward ones: ±0, subnormals, a huge one, far apart in magnitude. */
    private static float[] values(Random random, int length, float scale) {
        float[] values = new float[length];
        for (int j = 0; j < length; j++) {
            values[j] = switch (j % 97) {
                case 3 -> -0.0f;
                case 5 -> Float.MIN_VALUE;
                case 8 -> -3 * Float.MIN_VALUE;
                case 13 -> j % 2 == 0 ? 1e30f : -1e30f;
                default -> (float) ((random.nextDouble() * 2 - 1) * scale);
            };
        }
        return values;
    }

    /** K updates of both kinds and uneven weights; odd ones stream from a blob, even ones from an array. */
    private static List<WeightedUpdate> updates(Random random, float[] global, int k) {
        List<WeightedUpdate> updates = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            float[] values = values(random, global.length, 0.1f);
            UpdateKind kind = i % 3 == 1 ? UpdateKind.DELTA : UpdateKind.FULL;
            if (kind == UpdateKind.FULL) {
                for (int j = 0; j < values.length; j++) {
                    values[j] = Float.isFinite(global[j] + values[j]) ? global[j] + values[j] : global[j];
                }
            }
            byte[] blob = FloatVectorCodec.encode(values);
            VectorSource source =
                    i % 2 == 1 ? VectorSource.fromBlob(() -> new ByteArrayInputStream(blob)) : VectorSource.of(values);
            updates.add(WeightedUpdate.of(
                    String.format("p%02d", i), kind, 1 + random.nextInt(1000), BigDecimal.ONE, source));
        }
        return updates;
    }

    private static List<WeightedUpdate> oneAtATime(List<WeightedUpdate> updates) {
        List<WeightedUpdate> plain = new ArrayList<>();
        for (WeightedUpdate update : updates) {
            VectorSource source = update.source();
            plain.add(update.withSource(update.kind(), source::readInto));
        }
        return plain;
    }

    /** The definition, written out: participant order, terms from 0, one rounding. */
    private static float[] byDefinition(float[] global, List<WeightedUpdate> updates) {
        List<WeightedUpdate> sorted = new ArrayList<>(updates);
        sorted.sort(Comparator.comparing(WeightedUpdate::participantId));
        double total = 0;
        for (WeightedUpdate update : sorted) {
            total += update.weight();
        }
        float[][] rows = new float[sorted.size()][global.length];
        for (int i = 0; i < rows.length; i++) {
            try {
                sorted.get(i).source().readInto(rows[i]);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        float[] model = new float[global.length];
        for (int j = 0; j < global.length; j++) {
            double acc = 0;
            for (int i = 0; i < rows.length; i++) {
                WeightedUpdate update = sorted.get(i);
                double delta = update.kind() == UpdateKind.FULL ? (double) rows[i][j] - global[j] : rows[i][j];
                acc += update.weight() / total * delta;
            }
            model[j] = (float) (global[j] + acc);
        }
        return model;
    }

    private static WeightedUpdate poisoned(WeightedUpdate update, int index, float value) {
        float[] values = new float[TILE * 3 + 17];
        try {
            update.source().readInto(values);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        byte[] blob = FloatVectorCodec.encode(values);
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).putFloat(Float.BYTES * index, value);
        return update.withSource(update.kind(), VectorSource.fromBlob(() -> new ByteArrayInputStream(blob)));
    }

    private static InputStream breakingAfter(byte[] blob, int bytes) {
        return new FilterInputStream(new ByteArrayInputStream(blob)) {
            private int position;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position + len > bytes) {
                    throw new IOException("connection reset");
                }
                int n = super.read(b, off, len);
                position += Math.max(n, 0);
                return n;
            }
        };
    }

    private static void assertNoHelperThreadLeft() {
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(Thread::isAlive)
                .extracting(Thread::getName)
                .noneMatch(name -> name.startsWith("medfed-mean") || name.startsWith("medfed-quality"));
    }
}
