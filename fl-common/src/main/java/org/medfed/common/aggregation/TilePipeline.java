package org.medfed.common.aggregation;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@link TiledMean} on several threads. A cursor is a sequential stream (a hashed blob, an HTTP body), so one thread,
 * the caller, reads every tile in order into one of a few tile buffers; the helpers, and the reader itself whenever
 * every buffer is waiting, add filled tiles up, each tile whole on one thread. Tiles are disjoint runs of
 * coordinates, so each coordinate still gets its terms in canonical update order from 0 with the same expression:
 * the thread count never changes a bit. The reader only moves bytes; decoding and arithmetic are the adders' work.
 */
final class TilePipeline {
    /** Tells a helper that no more tiles come. */
    private static final TiledMean.Tile STOP = new TiledMean.Tile(0, 0);

    private TilePipeline() {}

    /** @return false if a tile's sums were not finite (then some tiles may not have reached the sink) */
    static boolean run(TiledMean.Plan plan, List<VectorSource.Cursor> cursors, int threads) throws IOException {
        int held = TiledMean.TILES_PER_THREAD * threads;
        BlockingQueue<TiledMean.Tile> free = new ArrayBlockingQueue<>(held);
        BlockingQueue<TiledMean.Tile> filled = new ArrayBlockingQueue<>(held + threads);
        for (int s = 0; s < held; s++) {
            free.add(plan.tile());
        }
        AtomicBoolean failed = new AtomicBoolean();
        Workers.run(threads, "medfed-mean", index -> {
            TiledMean.Adder adder = plan.adder();
            if (index == 0) {
                read(plan, cursors, free, filled, adder, failed, threads - 1);
            } else {
                addUntilStopped(adder, free, filled, failed);
            }
        });
        return !failed.get();
    }

    private static void read(
            TiledMean.Plan plan,
            List<VectorSource.Cursor> cursors,
            BlockingQueue<TiledMean.Tile> free,
            BlockingQueue<TiledMean.Tile> filled,
            TiledMean.Adder adder,
            AtomicBoolean failed,
            int helpers)
            throws IOException {
        try {
            for (int t = 0; t < plan.tiles() && !failed.get(); t++) {
                TiledMean.Tile tile = free.poll();
                if (tile == null) {
                    // Every buffer is filled or being added up: add one up here rather than wait.
                    tile = filled.poll();
                    if (tile != null) {
                        add(adder, tile, failed);
                    } else {
                        tile = take(free);
                    }
                }
                plan.read(tile, cursors, t);
                filled.add(tile);
            }
            TiledMean.Tile left;
            while ((left = filled.poll()) != null) {
                add(adder, left, failed);
                free.add(left);
            }
        } finally {
            for (int h = 0; h < helpers; h++) {
                filled.add(STOP);
            }
        }
    }

    private static void addUntilStopped(
            TiledMean.Adder adder,
            BlockingQueue<TiledMean.Tile> free,
            BlockingQueue<TiledMean.Tile> filled,
            AtomicBoolean failed)
            throws IOException {
        while (true) {
            TiledMean.Tile tile = take(filled);
            if (tile == STOP) {
                return;
            }
            try {
                add(adder, tile, failed);
            } finally {
                free.add(tile);
            }
        }
    }

    private static void add(TiledMean.Adder adder, TiledMean.Tile tile, AtomicBoolean failed) {
        if (!failed.get() && !adder.add(tile)) {
            failed.set(true);
        }
    }

    private static TiledMean.Tile take(BlockingQueue<TiledMean.Tile> queue) throws InterruptedIOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while aggregating");
        }
    }
}
