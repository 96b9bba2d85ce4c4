package org.medfed.common.subset;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * A contributor's rows of a shared subset and their canonical binary form, the plaintext of the encrypted blob on
 * IPFS: ASCII {@code MFSR}, byte version 1, then int32 big-endian features F, classes C and rows N, then N times F
 * float32 little-endian features followed by an int32 little-endian label. One encoding per rows, so the SHA-256 on
 * the ledger names the rows. The arrays are copies: changing them changes nothing else.
 */
public record SubsetRows(float[][] x, int[] y, int classes) {
    public static final int VERSION = 1;
    public static final int MAX_ROWS = 1_000_000;

    private static final byte[] MAGIC = "MFSR".getBytes(US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + 1 + 3 * Integer.BYTES;

    public SubsetRows {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (classes < 2) {
            throw new SubsetException("subset rows need at least 2 classes, got " + classes);
        }
        if (x.length < 1 || x.length > MAX_ROWS) {
            throw new SubsetException("subset rows hold 1 to " + MAX_ROWS + " rows, got " + x.length);
        }
        if (y.length != x.length) {
            throw new SubsetException(x.length + " feature rows but " + y.length + " labels");
        }
        int features = Objects.requireNonNull(x[0], "row 0").length;
        if (features < 1) {
            throw new SubsetException("subset rows need at least 1 feature");
        }
        float[][] copy = new float[x.length][];
        for (int row = 0; row < x.length; row++) {
            copy[row] = Objects.requireNonNull(x[row], "row " + row).clone();
            if (copy[row].length != features) {
                throw new SubsetException(
                        "row " + row + " has " + copy[row].length + " features, row 0 has " + features);
            }
            for (int i = 0; i < features; i++) {
                if (!Float.isFinite(copy[row][i])) {
                    throw new SubsetException("row " + row + " feature " + i + " is " + copy[row][i]);
                }
            }
            if (y[row] < 0 || y[row] >= classes) {
                throw new SubsetException("row " + row + " has label " + y[row] + ", not one of 0 to " + (classes - 1));
            }
        }
        x = copy;
        y = y.clone();
    }

    /** The length of the canonical binary of {@code rows} rows of {@code features} features. */
    public static long byteLength(long rows, int features) {
        return HEADER_BYTES + rows * rowBytes(features);
    }

    /** The canonical binary of these rows. */
    public static byte[] encode(float[][] x, int[] y, int classes) {
        return new SubsetRows(x, y, classes).encode();
    }

    /**
     * Rows from their canonical binary, for a task whose model has {@code expectedFeatures} inputs and {@code
     * expectedClasses} classes.
     *
     * @throws SubsetException on a wrong magic or version, other features or classes than expected, too many rows, a
     *     length that is not exactly the header's, a label out of range or a non-finite feature
     */
    public static SubsetRows decode(byte[] bytes, int expectedFeatures, int expectedClasses) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < HEADER_BYTES || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new SubsetException("not shared subset rows: they start with the 4 bytes \"MFSR\"");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).position(MAGIC.length);
        int version = in.get();
        if (version != VERSION) {
            throw new SubsetException("subset rows of version " + version + "; this reader knows version " + VERSION);
        }
        int features = in.getInt();
        int classes = in.getInt();
        int rows = in.getInt();
        if (features != expectedFeatures) {
            throw new SubsetException(
                    "subset rows have " + features + " features, the task's model " + expectedFeatures);
        }
        if (classes != expectedClasses) {
            throw new SubsetException("subset rows have " + classes + " classes, the task's model " + expectedClasses);
        }
        if (rows < 1 || rows > MAX_ROWS) {
            throw new SubsetException("subset rows hold 1 to " + MAX_ROWS + " rows, the header says " + rows);
        }
        long expectedLength = HEADER_BYTES + (long) rows * rowBytes(features);
        if (bytes.length != expectedLength) {
            throw new SubsetException("subset rows of " + rows + " × " + features + " features take " + expectedLength
                    + " bytes, got " + bytes.length + (bytes.length > expectedLength ? " (trailing bytes)" : ""));
        }
        in.order(ByteOrder.LITTLE_ENDIAN);
        float[][] x = new float[rows][features];
        int[] y = new int[rows];
        for (int row = 0; row < rows; row++) {
            for (int i = 0; i < features; i++) {
                x[row][i] = in.getFloat();
            }
            y[row] = in.getInt();
        }
        return new SubsetRows(x, y, classes);
    }

    /** The canonical binary of these rows. */
    public byte[] encode() {
        int features = features();
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(HEADER_BYTES + (long) x.length * rowBytes(features)))
                .order(ByteOrder.BIG_ENDIAN);
        out.put(MAGIC).put((byte) VERSION).putInt(features).putInt(classes).putInt(x.length);
        out.order(ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < x.length; row++) {
            for (float value : x[row]) {
                out.putFloat(value);
            }
            out.putInt(y[row]);
        }
        return out.array();
    }

    public int features() {
        return x[0].length;
    }

    public int rows() {
        return x.length;
    }

    /** Rows of each class 0 … classes − 1, as the ledger records them. */
    public long[] classCounts() {
        long[] counts = new long[classes];
        for (int label : y) {
            counts[label]++;
        }
        return counts;
    }

    @Override
    public float[][] x() {
        float[][] copy = new float[x.length][];
        for (int row = 0; row < x.length; row++) {
            copy[row] = x[row].clone();
        }
        return copy;
    }

    @Override
    public int[] y() {
        return y.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubsetRows that
                && classes == that.classes
                && Arrays.deepEquals(x, that.x)
                && Arrays.equals(y, that.y);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classes, Arrays.deepHashCode(x), Arrays.hashCode(y));
    }

    @Override
    public String toString() {
        return "SubsetRows[rows=" + x.length + ", features=" + features() + ", classes=" + classes + "]";
    }

    private static long rowBytes(int features) {
        return (long) features * Float.BYTES + Integer.BYTES;
    }
}
