package org.medfed.client.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Streaming-read kernels: the bandwidth the aggregation is compared with. Each keeps several independent
 * accumulators, so the loop is limited by how fast memory delivers the bytes rather than by the latency of one chain
 * of additions (a single serial sum would be slower and flatter the aggregation). The callers consume the results,
 * so the JIT cannot drop the loops. {@link #sumSlices} runs a kernel on several threads over disjoint slices of the
 * same bytes, to compare with an aggregation on as many threads.
 */
final class ReadKernels {

    /** A kernel over bytes {@code [from, to)} of one blob. */
    @FunctionalInterface
    interface SliceKernel {
        double sum(byte[] blob, int from, int to);
    }

    /** {@link #sumFloats} over a slice. */
    static final SliceKernel FLOATS = (blob, from, to) -> sumFloats(floats(blob, from, to));
    /** {@link #sumLongs} over a slice. */
    static final SliceKernel LONGS = (blob, from, to) -> sumLongs(longs(blob, from, to));

    private ReadKernels() {}

    /** The little-endian float32 view of a blob, as aggregation reads it. */
    static FloatBuffer floats(byte[] blob) {
        return floats(blob, 0, blob.length);
    }

    /** The same bytes as 64-bit words (the blob length must be a multiple of 8 for every byte to be read). */
    static LongBuffer longs(byte[] blob) {
        return longs(blob, 0, blob.length);
    }

    static FloatBuffer floats(byte[] blob, int from, int to) {
        return ByteBuffer.wrap(blob, from, to - from)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
    }

    static LongBuffer longs(byte[] blob, int from, int to) {
        return ByteBuffer.wrap(blob, from, to - from)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN)
                .asLongBuffer();
    }

    /**
     * Every blob read once by {@code threads} threads, each over its own slice of every blob (slice t on thread t,
     * the calling thread taking slice 0; slice edges on multiples of 8 bytes); the threads live for this call only,
     * as the aggregation's do. Returns the sum of the kernel's results.
     */
    static double sumSlices(byte[][] blobs, int threads, SliceKernel kernel) {
        double[] sums = new double[threads];
        Thread[] helpers = new Thread[threads - 1];
        for (int t = 1; t < threads; t++) {
            int slice = t;
            helpers[t - 1] = new Thread(() -> sums[slice] = sumSlice(blobs, slice, threads, kernel), "bench-read-" + t);
            helpers[t - 1].start();
        }
        sums[0] = sumSlice(blobs, 0, threads, kernel);
        double total = sums[0];
        for (int t = 1; t < threads; t++) {
            try {
                helpers[t - 1].join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
            total += sums[t];
        }
        return total;
    }

    private static double sumSlice(byte[][] blobs, int slice, int slices, SliceKernel kernel) {
        double sum = 0;
        for (byte[] blob : blobs) {
            sum += kernel.sum(blob, edge(blob.length, slice, slices), edge(blob.length, slice + 1, slices));
        }
        return sum;
    }

    /** Where slice {@code t} of {@code slices} starts: a multiple of 8 bytes, the last slice ending at the end. */
    static int edge(int length, int t, int slices) {
        return t == slices ? length : (int) ((long) length * t / slices) & ~7;
    }

    /** The sum of every value, in eight independent float partial sums (lane i takes indices ≡ i mod 8). */
    static double sumFloats(FloatBuffer values) {
        int n = values.limit();
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            s0 += values.get(i);
            s1 += values.get(i + 1);
            s2 += values.get(i + 2);
            s3 += values.get(i + 3);
            s4 += values.get(i + 4);
            s5 += values.get(i + 5);
            s6 += values.get(i + 6);
            s7 += values.get(i + 7);
        }
        for (; i < n; i++) {
            s0 += values.get(i);
        }
        return ((double) s0 + s1) + ((double) s2 + s3) + ((double) s4 + s5) + ((double) s6 + s7);
    }

    /** The wrapping sum of every 64-bit word, in four independent partial sums (exact, so easy to check). */
    static long sumLongs(LongBuffer words) {
        int n = words.limit();
        long s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            s0 += words.get(i);
            s1 += words.get(i + 1);
            s2 += words.get(i + 2);
            s3 += words.get(i + 3);
        }
        for (; i < n; i++) {
            s0 += words.get(i);
        }
        return s0 + s1 + s2 + s3;
    }
}
