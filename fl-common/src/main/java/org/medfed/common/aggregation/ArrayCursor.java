package org.medfed.common.aggregation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A {@link VectorSource.Cursor} over values already in memory, delivered in the blob format. */
final class ArrayCursor implements VectorSource.Cursor {
    private final float[] values;
    private int position;

    ArrayCursor(float[] values) {
        this.values = values;
    }

    @Override
    public void next(byte[] target, int offset, int count) {
        if (count > values.length - position) {
            throw new IllegalStateException(
                    "read past the end: " + count + " values at " + position + " of " + values.length);
        }
        ByteBuffer.wrap(target, offset, count * Float.BYTES)
                .slice()
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .put(values, position, count);
        position += count;
    }

    @Override
    public void finish() {
        if (position != values.length) {
            throw new IllegalStateException("finished after " + position + " of " + values.length + " values");
        }
    }

    @Override
    public void close() {}
}
