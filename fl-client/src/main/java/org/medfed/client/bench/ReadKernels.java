package org.medfed.client.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;

/**
 * Single-thread streaming-read kernels: the bandwidth the aggregation is compared with. Each keeps several
 * independent accumulators, so the loop is limited by how fast memory delivers the bytes rather than by the latency
 * of one chain of additions (a single serial sum would be slower and flatter the aggregation). The callers consume
 * the results, so the JIT cannot drop the loops.
 */
final class ReadKernels {

    private ReadKernels() {}

    /** The little-endian float32 view of a blob, as aggregation reads it. */
    static FloatBuffer floats(byte[] blob) {
        return ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    /** The same bytes as 64-bit words (the blob length must be a multiple of 8 for every byte to be read). */
    static LongBuffer longs(byte[] blob) {
        return ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
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
