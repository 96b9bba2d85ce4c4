package org.medfed.common.aggregation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The per-tile arithmetic of the streaming paths ({@link TiledMean}, {@link QualitySums}): the same expressions, in
 * the same order per coordinate, as the one-update-at-a-time loops of {@link Canonical} and {@link QualityScores}, so
 * the same bits.
 *
 * <p>Why the loops look as they do: each is a plain indexed loop over arrays, one update at a time, which newer C2s
 * turn into SIMD code, float-to-double conversion included (measured on JDK 25); JDK 17 runs it scalar, about
 * 0.45 ns a value on the 2-core benchmark machine. Decoding goes through a {@code FloatBuffer} view, a bulk copy on
 * both JDKs. Fusing the decode into the loop with a byte-array {@code VarHandle} or grouping four updates per pass
 * measured at most 10 % faster on JDK 17 and two to three times slower on JDK 25, which then does not vectorize.
 * The Vector API is not used: it is an incubator module in both JDKs, which needs {@code --add-modules} on every
 * command line and draws a warning that {@code -Xlint:all -Werror} refuses.
 */
final class TileMath {

    private TileMath() {}

    /** {@code values[0…count)} from the little-endian float32 bytes {@code bytes[0…4·count)}. */
    static void decode(byte[] bytes, float[] values, int count) {
        ByteBuffer.wrap(bytes, 0, count * Float.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer()
                .get(values, 0, count);
    }

    /** {@code acc[j] += alpha · (values[j] − base[j])}, or {@code alpha · values[j]} for a delta (base null). */
    static void addTerms(double[] acc, float[] values, double[] base, double alpha, int n) {
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

    static boolean allFinite(double[] values, int n) {
        for (int j = 0; j < n; j++) {
            if (!Double.isFinite(values[j])) {
                return false;
            }
        }
        return true;
    }
}
