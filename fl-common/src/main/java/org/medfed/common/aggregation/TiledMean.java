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
 * starting from 0, with the same expression ({@link TileMath#addTerms}). Tiles are disjoint runs of coordinates, so
 * they can be added up on several threads ({@link TilePipeline}) without changing a bit. Values are not checked one
 * by one: any NaN or infinity reaches the accumulator (the terms of finite float32 inputs cannot overflow a double),
 * so each tile's sums are checked once; on a non-finite sum or any read failure this returns {@code false} and the
 * caller reads again one update at a time, which names the update, the index and the reason exactly as before.
 */
final class TiledMean {
    /** Coordinates per tile: accumulator, global and value tiles together stay well inside a 512 KiB L2 cache. */
    static final int TILE = 4096;
    /** Update values one tile of all the updates may hold (1 MiB of bytes): with more updates, tiles get shorter. */
    static final int TILE_VALUES = 1 << 18;
    /** The shortest tile, reached at 256 updates. */
    static final int MIN_TILE = 1024;
    /** More updates than this are read one at a time rather than holding as many streams open. */
    static final int MAX_STREAMS = 256;
    /** Tiles in memory per thread when several add up: the reader fills one while the others are added up. */
    static final int TILES_PER_THREAD = 2;

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

    /** Coordinates per tile for this many updates (a multiple of 64 unless it is the whole model). */
    static int tileLength(int updates, int parameters) {
        int fitting = TILE_VALUES / updates / 64 * 64;
        return Math.min(parameters, Math.max(MIN_TILE, Math.min(TILE, fitting)));
    }

    /** The threads {@link #run} uses when asked for {@code requested}: no more than there are tiles. */
    static int threads(int requested, int updates, int parameters) {
        int tile = tileLength(updates, parameters);
        return Math.min(requested, (parameters + tile - 1) / tile);
    }

    /** Update values held at once by {@link #run}: one tile per update, for every tile in memory. */
    static long bufferedValues(int updates, int parameters, int requestedThreads) {
        int threads = threads(requestedThreads, updates, parameters);
        int tilesHeld = threads == 1 ? 1 : TILES_PER_THREAD * threads;
        return (long) tilesHeld * updates * tileLength(updates, parameters);
    }

    /**
     * Delivers the mean delta to {@code sink} tile by tile: in index order on one thread; with several, each tile
     * from whichever thread added it up, in any order and possibly at the same time.
     *
     * @return false if an update could not be read or held a non-finite value; the sink may then have received some
     *     tiles, which the caller's second pass overwrites
     */
    static boolean run(
            float[] global,
            List<WeightedUpdate> sorted,
            double totalWeight,
            int requestedThreads,
            Canonical.DeltaSink sink) {
        int k = sorted.size();
        Plan plan = Plan.of(global, sorted, totalWeight, sink);
        int threads = threads(requestedThreads, k, global.length);
        List<VectorSource.Cursor> cursors = new ArrayList<>(k);
        try {
            for (WeightedUpdate update : sorted) {
                cursors.add(((VectorSource.Streaming) update.source()).open(global.length));
            }
            boolean complete = threads == 1 ? sequential(plan, cursors) : TilePipeline.run(plan, cursors, threads);
            if (!complete) {
                return false;
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

    private static boolean sequential(Plan plan, List<VectorSource.Cursor> cursors) throws IOException {
        Tile tile = plan.tile();
        Adder adder = plan.adder();
        for (int t = 0; t < plan.tiles(); t++) {
            plan.read(tile, cursors, t);
            if (!adder.add(tile)) {
                return false;
            }
        }
        return true;
    }

    /** What every tile needs: each update's share {@code alpha_i = w_i / W} and kind, and the tiling. */
    record Plan(float[] global, double[] alpha, boolean[] full, Canonical.DeltaSink sink, int tileLength, int tiles) {

        static Plan of(float[] global, List<WeightedUpdate> sorted, double totalWeight, Canonical.DeltaSink sink) {
            int k = sorted.size();
            double[] alpha = new double[k];
            boolean[] full = new boolean[k];
            for (int i = 0; i < k; i++) {
                alpha[i] = sorted.get(i).weight() / totalWeight;
                full[i] = sorted.get(i).kind() == UpdateKind.FULL;
            }
            int tileLength = TiledMean.tileLength(k, global.length);
            return new Plan(global, alpha, full, sink, tileLength, (global.length + tileLength - 1) / tileLength);
        }

        Tile tile() {
            return new Tile(alpha.length, tileLength);
        }

        Adder adder() {
            return new Adder(this);
        }

        /** Reads tile number {@code t} of every update into {@code tile}. */
        void read(Tile tile, List<VectorSource.Cursor> cursors, int t) throws IOException {
            tile.from = t * tileLength;
            tile.count = Math.min(tileLength, global.length - tile.from);
            for (int i = 0; i < tile.rows.length; i++) {
                cursors.get(i).next(tile.rows[i], 0, tile.count);
            }
        }
    }

    /** One tile of every update, as read: the blob format's bytes. */
    static final class Tile {
        final byte[][] rows;
        int from;
        int count;

        Tile(int updates, int tileLength) {
            rows = new byte[updates][tileLength * Float.BYTES];
        }
    }

    /** Adds tiles up into the sink; one per thread, with buffers of its own. */
    static final class Adder {
        private final Plan plan;
        private final float[] values;
        private final double[] base;
        private final double[] acc;

        private Adder(Plan plan) {
            this.plan = plan;
            values = new float[plan.tileLength()];
            base = new double[plan.tileLength()];
            acc = new double[plan.tileLength()];
        }

        /** @return false, without delivering the tile, if a sum is not finite */
        boolean add(Tile tile) {
            int n = tile.count;
            float[] global = plan.global();
            for (int j = 0; j < n; j++) {
                base[j] = global[tile.from + j];
                acc[j] = 0;
            }
            for (int i = 0; i < tile.rows.length; i++) {
                TileMath.decode(tile.rows[i], values, n);
                TileMath.addTerms(acc, values, plan.full()[i] ? base : null, plan.alpha()[i], n);
            }
            if (!TileMath.allFinite(acc, n)) {
                return false;
            }
            plan.sink().accept(tile.from, acc, n);
            return true;
        }
    }

    /** Closes every cursor, ignoring failures: after a complete or abandoned read nothing depends on it. */
    static void closeAll(List<VectorSource.Cursor> cursors) {
        for (VectorSource.Cursor cursor : cursors) {
            try {
                cursor.close();
            } catch (IOException | RuntimeException e) {
                // A second pass, if any, reopens.
            }
        }
    }
}
