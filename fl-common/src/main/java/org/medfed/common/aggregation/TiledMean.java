package org.medfed.common.aggregation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.medfed.common.codec.InvalidVectorException;
import org.medfed.common.model.UpdateKind;

/**
 * The weighted mean delta {@code Σ (w_i / W) · Δ_i}, read a tile of coordinates at a time across all K updates.
 *
 * <p>Why: aggregation is memory-bound. Adding one whole update at a time to a P-long {@code double} accumulator
 * moves the accumulator (8P bytes, read and written), the global model and a P-long buffer through memory for every
 * update: several bytes of traffic per byte of update data. With tiles, the accumulator tile, the global tile and
 * one slice of each update stay in the core's cache, and each update's bytes cross the memory bus once.
 *
 * <p>Same bits as the one-update-at-a-time path: every coordinate still receives its terms in canonical update order,
 * starting from 0, with the same expression. Values are not checked one by one: any NaN or infinity reaches the
 * accumulator (the terms of finite float32 inputs cannot overflow a double), so each tile's sums are checked once;
 * on a non-finite sum or any read failure this returns {@code false} and the caller reads again one update at a
 * time, which names the update, the index and the reason exactly as before.
 */
final class TiledMean {
    /** Coordinates per tile: accumulator, global and value tiles together stay well inside a 512 KiB L2 cache. */
    static final int TILE = 4096;
    /** More updates than this are read one at a time rather than holding as many streams open. */
    static final int MAX_STREAMS = 256;

    private TiledMean() {}

    static boolean applicable(List<WeightedUpdate> sorted) {
        if (sorted.size() > MAX_STREAMS) {
            return false;
        }
        for (WeightedUpdate update : sorted) {
            if (!(update.source() instanceof VectorSource.Streaming)) {
                return false;
            }
        }
        return true;
    }

    /** Update values held at once by {@link #run}. */
    static long bufferedValues(int updates, int parameters) {
        return (long) updates * Math.min(TILE, parameters);
    }

    /**
     * Delivers the mean delta to {@code sink} tile by tile, in index order.
     *
     * @return false if an update could not be read or held a non-finite value; the sink may then have received some
     *     tiles, which the caller's second pass overwrites
     */
    static boolean run(float[] global, List<WeightedUpdate> sorted, double totalWeight, Canonical.DeltaSink sink) {
        int p = global.length;
        int k = sorted.size();
        double[] alpha = new double[k];
        boolean[] full = new boolean[k];
        for (int i = 0; i < k; i++) {
            alpha[i] = sorted.get(i).weight() / totalWeight;
            full[i] = sorted.get(i).kind() == UpdateKind.FULL;
        }
        List<VectorSource.Cursor> cursors = new ArrayList<>(k);
        try {
            for (WeightedUpdate update : sorted) {
                cursors.add(((VectorSource.Streaming) update.source()).open(p));
            }
            int tile = Math.min(TILE, p);
            float[] values = new float[tile];
            double[] base = new double[tile];
            double[] acc = new double[tile];
            for (int from = 0; from < p; from += tile) {
                int n = Math.min(tile, p - from);
                for (int j = 0; j < n; j++) {
                    base[j] = global[from + j];
                    acc[j] = 0;
                }
                for (int i = 0; i < k; i++) {
                    cursors.get(i).next(values, 0, n);
                    addTerms(acc, values, full[i] ? base : null, alpha[i], n);
                }
                for (int j = 0; j < n; j++) {
                    if (!Double.isFinite(acc[j])) {
                        return false;
                    }
                }
                sink.accept(from, acc, n);
            }
            for (VectorSource.Cursor cursor : cursors) {
                cursor.finish();
            }
            return true;
        } catch (IOException | UncheckedIOException | AggregationException | InvalidVectorException e) {
            return false;
        } finally {
            closeAll(cursors);
        }
    }

    /** {@code acc[j] += alpha · (values[j] − base[j])}, or {@code alpha · values[j]} for a delta (base null). */
    private static void addTerms(double[] acc, float[] values, double[] base, double alpha, int n) {
        if (base != null) {
            for (int j = 0; j < n; j++) {
                acc[j] += alpha * (values[j] - base[j]);
            }
        } else {
            for (int j = 0; j < n; j++) {
                acc[j] += alpha * values[j];
            }
        }
    }

    private static void closeAll(List<VectorSource.Cursor> cursors) {
        for (VectorSource.Cursor cursor : cursors) {
            try {
                cursor.close();
            } catch (IOException | RuntimeException e) {
                // Closing after a complete or abandoned read: nothing depends on it, and the second pass reopens.
            }
        }
    }
}
