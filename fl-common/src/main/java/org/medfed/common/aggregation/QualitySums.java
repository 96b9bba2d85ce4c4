package org.medfed.common.aggregation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.medfed.common.codec.InvalidVectorException;
import org.medfed.common.model.UpdateKind;

/**
 * The three sums {@link QualityScores} needs of each update: {@code ⟨Δ_i, A⟩}, {@code ‖Δ_i‖} and its distance from
 * the aggregate {@code ‖Δ_i − A‖}, each summed over the parameters in index order. The distance is summed term by
 * term rather than derived from the other two ({@code ‖Δ‖² − 2⟨Δ, A⟩ + ‖A‖²} cancels catastrophically when an
 * update lies on the aggregate, and the score depends on exactly those small distances).
 *
 * <p>Why groups: each sum is one chain of dependent additions, so one update at a time the loop waits on the
 * adder's latency (about 1.3 ns a value). Reading {@value #GROUP} updates side by side, a tile at a time, runs
 * twelve independent chains in the same loop, and every chain still adds its terms in index order with the same
 * expressions, so the same bits. Groups are whole updates, so several threads can take different groups, each group
 * with its own streams ({@value #GROUP} per thread open at once). A failed read or a non-finite sum (which any NaN
 * or infinity reaches; finite float32 values cannot overflow it) gives {@code null}, and the caller reads one update
 * at a time, which names the update, the index and the reason as before.
 */
final class QualitySums {
    static final int GROUP = 4;

    /** Per update, in canonical order. */
    record Sums(double[] dots, double[] norms, double[] distances) {}

    private QualitySums() {}

    /** Read side by side; null if some source cannot stream, a read failed or a sum is not finite. */
    static Sums tiled(float[] global, float[] model, List<WeightedUpdate> sorted, int threads) {
        for (WeightedUpdate update : sorted) {
            if (!(update.source() instanceof VectorSource.Streaming)) {
                return null;
            }
        }
        int k = sorted.size();
        double[] dots = new double[k];
        double[] squares = new double[k];
        double[] distanceSquares = new double[k];
        int groups = (k + GROUP - 1) / GROUP;
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        try {
            Workers.run(Math.min(threads, groups), "medfed-quality", index -> {
                GroupReader reader = new GroupReader(global, model);
                for (int g = next.getAndIncrement(); g < groups && !failed.get(); g = next.getAndIncrement()) {
                    List<WeightedUpdate> members = sorted.subList(g * GROUP, Math.min(k, (g + 1) * GROUP));
                    if (!reader.sum(members, g * GROUP, dots, squares, distanceSquares)) {
                        failed.set(true);
                    }
                }
            });
        } catch (IOException e) {
            return null;
        }
        if (failed.get()) {
            return null;
        }
        double[] norms = new double[k];
        double[] distances = new double[k];
        for (int i = 0; i < k; i++) {
            norms[i] = StrictMath.sqrt(squares[i]);
            distances[i] = StrictMath.sqrt(distanceSquares[i]);
            if (!Double.isFinite(dots[i]) || !Double.isFinite(norms[i]) || !Double.isFinite(distances[i])) {
                return null;
            }
        }
        return new Sums(dots, norms, distances);
    }

    /** One update at a time into one buffer; throws, naming the update, on the first that cannot be used. */
    static Sums oneAtATime(float[] global, float[] model, List<WeightedUpdate> sorted) {
        int p = global.length;
        int k = sorted.size();
        double[] dots = new double[k];
        double[] norms = new double[k];
        double[] distances = new double[k];
        float[] buffer = new float[p];
        for (int i = 0; i < k; i++) {
            WeightedUpdate update = sorted.get(i);
            Canonical.read(update, buffer);
            double dot = 0;
            double squares = 0;
            double distanceSquares = 0;
            for (int j = 0; j < p; j++) {
                double d = Canonical.delta(update.kind(), buffer[j], global[j]);
                double a = (double) model[j] - global[j];
                double e = d - a;
                dot += d * a;
                squares += d * d;
                distanceSquares += e * e;
            }
            dots[i] = dot;
            norms[i] = StrictMath.sqrt(squares);
            distances[i] = StrictMath.sqrt(distanceSquares);
            if (!Double.isFinite(dot) || !Double.isFinite(norms[i]) || !Double.isFinite(distances[i])) {
                throw new AggregationException(
                        AggregationException.Reason.NON_FINITE_VALUE,
                        update.participantId(),
                        -1,
                        "the update's delta has no finite norm",
                        null);
            }
        }
        return new Sums(dots, norms, distances);
    }

    /** One thread's buffers: a tile of up to {@value #GROUP} updates, the global tile and the aggregate's. */
    private static final class GroupReader {
        private static final double[] ZERO = new double[TiledMean.TILE];
        private final float[] global;
        private final float[] model;
        private final byte[][] bytes = new byte[GROUP][TiledMean.TILE * Float.BYTES];
        private final float[][] values = new float[GROUP][TiledMean.TILE];
        private final double[] base = new double[TiledMean.TILE];
        private final double[] aggregate = new double[TiledMean.TILE];
        private final double[][] bases = new double[GROUP][];
        private final double[] dot = new double[GROUP];
        private final double[] squares = new double[GROUP];
        private final double[] distanceSquares = new double[GROUP];

        GroupReader(float[] global, float[] model) {
            this.global = global;
            this.model = model;
        }

        /** Sums {@code members} (updates {@code first…}) into the three arrays; false on a failure. */
        boolean sum(
                List<WeightedUpdate> members,
                int first,
                double[] dots,
                double[] allSquares,
                double[] allDistanceSquares) {
            int p = global.length;
            int m = members.size();
            List<VectorSource.Cursor> cursors = new ArrayList<>(m);
            try {
                for (int i = 0; i < GROUP; i++) {
                    // A delta's d is its value: minus a zero base, which leaves every value's bits as they are.
                    bases[i] = i < m && members.get(i).kind() == UpdateKind.FULL ? base : ZERO;
                    dot[i] = 0;
                    squares[i] = 0;
                    distanceSquares[i] = 0;
                    Arrays.fill(values[i], 0);
                }
                for (WeightedUpdate member : members) {
                    cursors.add(((VectorSource.Streaming) member.source()).open(p));
                }
                for (int from = 0; from < p; from += TiledMean.TILE) {
                    int n = Math.min(TiledMean.TILE, p - from);
                    for (int i = 0; i < m; i++) {
                        cursors.get(i).next(bytes[i], 0, n);
                        TileMath.decode(bytes[i], values[i], n);
                    }
                    for (int j = 0; j < n; j++) {
                        base[j] = global[from + j];
                        aggregate[j] = (double) model[from + j] - global[from + j];
                    }
                    addGroup(n);
                }
                for (VectorSource.Cursor cursor : cursors) {
                    cursor.finish();
                }
            } catch (IOException | UncheckedIOException | AggregationException | InvalidVectorException e) {
                return false;
            } finally {
                TiledMean.closeAll(cursors);
            }
            for (int i = 0; i < m; i++) {
                dots[first + i] = dot[i];
                allSquares[first + i] = squares[i];
                allDistanceSquares[first + i] = distanceSquares[i];
            }
            return true;
        }

        /** Twelve chains in one loop; padding members read zeros against a zero base and are dropped. */
        private void addGroup(int n) {
            float[] v0 = values[0], v1 = values[1], v2 = values[2], v3 = values[3];
            double[] b0 = bases[0], b1 = bases[1], b2 = bases[2], b3 = bases[3];
            double x0 = dot[0], x1 = dot[1], x2 = dot[2], x3 = dot[3];
            double s0 = squares[0], s1 = squares[1], s2 = squares[2], s3 = squares[3];
            double r0 = distanceSquares[0], r1 = distanceSquares[1], r2 = distanceSquares[2], r3 = distanceSquares[3];
            for (int j = 0; j < n; j++) {
                double a = aggregate[j];
                double d0 = v0[j] - b0[j];
                double d1 = v1[j] - b1[j];
                double d2 = v2[j] - b2[j];
                double d3 = v3[j] - b3[j];
                double e0 = d0 - a;
                double e1 = d1 - a;
                double e2 = d2 - a;
                double e3 = d3 - a;
                x0 += d0 * a;
                s0 += d0 * d0;
                x1 += d1 * a;
                s1 += d1 * d1;
                x2 += d2 * a;
                s2 += d2 * d2;
                x3 += d3 * a;
                s3 += d3 * d3;
                r0 += e0 * e0;
                r1 += e1 * e1;
                r2 += e2 * e2;
                r3 += e3 * e3;
            }
            dot[0] = x0;
            dot[1] = x1;
            dot[2] = x2;
            dot[3] = x3;
            squares[0] = s0;
            squares[1] = s1;
            squares[2] = s2;
            squares[3] = s3;
            distanceSquares[0] = r0;
            distanceSquares[1] = r1;
            distanceSquares[2] = r2;
            distanceSquares[3] = r3;
        }
    }
}
