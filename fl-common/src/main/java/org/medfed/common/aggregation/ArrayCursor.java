package org.medfed.common.aggregation;

/** A {@link VectorSource.Cursor} over values already in memory. */
final class ArrayCursor implements VectorSource.Cursor {
    private final float[] values;
    private int position;

    ArrayCursor(float[] values) {
        this.values = values;
    }

    @Override
    public void next(float[] target, int offset, int count) {
        if (count > values.length - position) {
            throw new IllegalStateException(
                    "read past the end: " + count + " values at " + position + " of " + values.length);
        }
        System.arraycopy(values, position, target, offset, count);
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
