package org.medfed.common.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The wire form of a model or update blob: its P parameters as IEEE 754 float32, little-endian, back to back, with
 * nothing else: no header, no length, no shape. A blob is therefore exactly {@code 4·P} bytes, and its SHA-256 and
 * raw-leaf CID ({@link Cids}) are over exactly these bytes. The shape is not in the blob: the task's
 * {@code ModelSpec} on the ledger fixes it (and the parameter count every update must have), see docs/aggregation.md.
 *
 * <p>Every value must be finite: {@link #encode} refuses to write and the decoders refuse to read NaN or ±Infinity,
 * naming the index. {@code -0.0} and subnormals are ordinary finite values and round-trip bit for bit.
 */
public final class FloatVectorCodec {
    public static final int BYTES_PER_VALUE = Float.BYTES;
    /** The longest vector a Java array can hold as the bytes of one blob. */
    public static final int MAX_VALUES = (Integer.MAX_VALUE - 8) / BYTES_PER_VALUE;

    private static final int CHUNK_VALUES = 16 * 1024;

    private FloatVectorCodec() {}

    /** {@code 4·parameterCount}: the exact byte length of a blob of that many values. */
    public static long byteLength(long parameterCount) {
        if (parameterCount < 0) {
            throw new IllegalArgumentException("parameterCount must be at least 0, got " + parameterCount);
        }
        return Math.multiplyExact(parameterCount, BYTES_PER_VALUE);
    }

    /** @throws InvalidVectorException if a value is NaN or infinite */
    public static byte[] encode(float[] values) {
        requireFinite(values);
        ByteBuffer buffer = ByteBuffer.allocate(values.length * BYTES_PER_VALUE).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        return buffer.array();
    }

    /** Writes the blob of {@code values} to {@code out} in chunks; the caller closes the stream. */
    public static void encode(float[] values, OutputStream out) throws IOException {
        requireFinite(values);
        ByteBuffer chunk = ByteBuffer.allocate(Math.min(values.length, CHUNK_VALUES) * BYTES_PER_VALUE)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < values.length; from += CHUNK_VALUES) {
            int count = Math.min(CHUNK_VALUES, values.length - from);
            chunk.clear();
            chunk.asFloatBuffer().put(values, from, count);
            out.write(chunk.array(), 0, count * BYTES_PER_VALUE);
        }
    }

    /**
     * The values of a blob that must hold exactly {@code expectedCount} of them (the parameter count on the ledger).
     *
     * @throws InvalidVectorException if the length is not {@code 4·expectedCount} or a value is not finite
     */
    public static float[] decode(byte[] blob, long expectedCount) {
        if (expectedCount < 0 || expectedCount > MAX_VALUES) {
            throw new IllegalArgumentException(
                    "expectedCount must be in [0, " + MAX_VALUES + "], got " + expectedCount);
        }
        if (blob.length != expectedCount * BYTES_PER_VALUE) {
            throw lengthMismatch(blob.length, expectedCount);
        }
        return decode(blob);
    }

    /**
     * The values of a blob of any length that is a multiple of 4.
     *
     * @throws InvalidVectorException if the length is not a multiple of 4 or a value is not finite
     */
    public static float[] decode(byte[] blob) {
        if (blob.length % BYTES_PER_VALUE != 0) {
            throw new InvalidVectorException(
                    InvalidVectorException.Problem.LENGTH,
                    -1,
                    "a float32 blob has a multiple of 4 bytes, got " + blob.length);
        }
        float[] values = new float[blob.length / BYTES_PER_VALUE];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        requireFinite(values);
        return values;
    }

    /**
     * Reads a blob of exactly {@code target.length} values from {@code in} into {@code target}, in chunks, so a blob
     * never needs to be held as bytes; then requires the end of the stream. The caller closes the stream. On failure
     * {@code target} holds an unspecified prefix of the values and must not be used.
     *
     * @throws InvalidVectorException if the stream ends early, goes on past the last value, or a value is not finite
     */
    public static void decode(InputStream in, float[] target) throws IOException {
        byte[] chunk = new byte[Math.min(Math.max(target.length, 1), CHUNK_VALUES) * BYTES_PER_VALUE];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < target.length; from += CHUNK_VALUES) {
            int count = Math.min(CHUNK_VALUES, target.length - from);
            int bytes = count * BYTES_PER_VALUE;
            int read = in.readNBytes(chunk, 0, bytes);
            if (read != bytes) {
                throw new InvalidVectorException(
                        InvalidVectorException.Problem.LENGTH,
                        -1,
                        "the blob ends after " + ((long) from * BYTES_PER_VALUE + read) + " bytes, expected "
                                + byteLength(target.length));
            }
            view.clear();
            view.asFloatBuffer().get(target, from, count);
            for (int i = from; i < from + count; i++) {
                if (!Float.isFinite(target[i])) {
                    throw nonFinite(i, target[i]);
                }
            }
        }
        if (in.read() != -1) {
            throw new InvalidVectorException(
                    InvalidVectorException.Problem.LENGTH,
                    -1,
                    "the blob goes on past " + byteLength(target.length) + " bytes (" + target.length + " values)");
        }
    }

    /** @throws InvalidVectorException naming the first index whose value is NaN or infinite */
    public static void requireFinite(float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw nonFinite(i, values[i]);
            }
        }
    }

    private static InvalidVectorException nonFinite(int index, float value) {
        return new InvalidVectorException(
                InvalidVectorException.Problem.NON_FINITE,
                index,
                "value " + index + " is " + value + "; only finite values are allowed");
    }

    private static InvalidVectorException lengthMismatch(long bytes, long expectedCount) {
        return new InvalidVectorException(
                InvalidVectorException.Problem.LENGTH,
                -1,
                "the blob has " + bytes + " bytes, expected " + byteLength(expectedCount) + " (" + expectedCount
                        + " float32 values)");
    }
}
