package org.medfed.client.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.FloatVectorCodec;

class ReadKernelsTest {

    @Test
    void sumsFloatsInEveryLaneAndTheTail() {
        // 1..19: two full rounds of eight lanes and a tail of three; every partial sum is exact in float
        float[] values = new float[19];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        byte[] blob = FloatVectorCodec.encode(values);

        assertThat(ReadKernels.sumFloats(ReadKernels.floats(blob))).isEqualTo(190.0);
    }

    @Test
    void readsTheBlobAsLittleEndianFloats() {
        byte[] blob = FloatVectorCodec.encode(new float[] {1.5f, -0.25f, 1024f});

        assertThat(ReadKernels.sumFloats(ReadKernels.floats(blob))).isEqualTo(1025.25);
    }

    @Test
    void sumsLongsInEveryLaneAndTheTail() {
        ByteBuffer bytes = ByteBuffer.allocate(7 * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long[] words = {1, 2, 3, 4, 5, -6, 1L << 40};
        for (long word : words) {
            bytes.putLong(word);
        }

        assertThat(ReadKernels.sumLongs(ReadKernels.longs(bytes.array()))).isEqualTo(9 + (1L << 40));
    }

    @Test
    void slicesOnSeveralThreadsReadEveryByteOnce() {
        // 1..1001 in each of two blobs: 1001 values, so slice edges fall inside the blob and the last slice is short
        float[] values = new float[1001];
        for (int i = 0; i < values.length; i++) {
            values[i] = i + 1;
        }
        byte[][] blobs = {FloatVectorCodec.encode(values), FloatVectorCodec.encode(values)};

        for (int threads = 1; threads <= 5; threads++) {
            assertThat(ReadKernels.sumSlices(blobs, threads, ReadKernels.FLOATS))
                    .as("%d threads", threads)
                    .isEqualTo(2 * 1001 * 1002 / 2.0);
        }
        assertThat(ReadKernels.edge(4004, 1, 3)).isEqualTo(1328);
        assertThat(ReadKernels.edge(4004, 3, 3)).isEqualTo(4004);
    }

    @Test
    void emptyInputSumsToZero() {
        assertThat(ReadKernels.sumFloats(ReadKernels.floats(new byte[0]))).isZero();
        assertThat(ReadKernels.sumLongs(ReadKernels.longs(new byte[0]))).isZero();
    }
}
