package org.medfed.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.medfed.common.codec.InvalidVectorException.Problem;

/**
 * Fuzzes {@link FloatVectorCodec} (docs/testing.md, "Fuzzing"): every decoder must refuse a blob with an
 * {@link InvalidVectorException} naming the right problem, or return values that encode back to the very bytes.
 */
class FloatVectorCodecFuzzTest {

    @FuzzTest
    void decodedBlobsReencodeToTheSameBytes(byte[] blob) throws IOException {
        int count = blob.length / FloatVectorCodec.BYTES_PER_VALUE;
        int firstNonFinite = firstNonFinite(blob, count);
        boolean whole = blob.length % FloatVectorCodec.BYTES_PER_VALUE == 0;

        if (!whole) {
            refused(() -> FloatVectorCodec.decode(blob), Problem.LENGTH, -1);
            refused(() -> FloatVectorCodec.decode(blob, count), Problem.LENGTH, -1);
        } else if (firstNonFinite >= 0) {
            refused(() -> FloatVectorCodec.decode(blob), Problem.NON_FINITE, firstNonFinite);
            refused(() -> FloatVectorCodec.decode(blob, count), Problem.NON_FINITE, firstNonFinite);
        } else {
            assertThat(FloatVectorCodec.encode(FloatVectorCodec.decode(blob))).isEqualTo(blob);
            assertThat(FloatVectorCodec.encode(FloatVectorCodec.decode(blob, count)))
                    .isEqualTo(blob);
        }
        // The ledger's parameter count is fixed elsewhere: a blob one value longer or shorter is refused by length.
        refused(() -> FloatVectorCodec.decode(blob, count + 1L), Problem.LENGTH, -1);
        if (count > 0) {
            refused(() -> FloatVectorCodec.decode(blob, count - 1L), Problem.LENGTH, -1);
        }
        streamed(blob, count, whole, firstNonFinite);
    }

    /** The streaming decoder reads into an array of the expected count and agrees with the array decoder. */
    private static void streamed(byte[] blob, int count, boolean whole, int firstNonFinite) throws IOException {
        float[] target = new float[count];
        InvalidVectorException refusal;
        try {
            FloatVectorCodec.decode(new ByteArrayInputStream(blob), target);
            refusal = null;
        } catch (InvalidVectorException e) {
            refusal = e;
        }
        if (firstNonFinite >= 0) {
            assertThat(refusal).isNotNull();
            assertThat(refusal.problem()).isEqualTo(Problem.NON_FINITE);
            assertThat(refusal.index()).isEqualTo(firstNonFinite);
        } else if (!whole) {
            assertThat(refusal).isNotNull();
            assertThat(refusal.problem()).isEqualTo(Problem.LENGTH);
        } else {
            assertThat(refusal).isNull();
            assertThat(FloatVectorCodec.encode(target)).isEqualTo(blob);
        }
    }

    private static void refused(ThrowingCallable decode, Problem problem, long index) {
        InvalidVectorException refusal = catchThrowableOfType(InvalidVectorException.class, decode);
        assertThat(refusal).as("refused as %s", problem).isNotNull();
        assertThat(refusal.problem()).isEqualTo(problem);
        assertThat(refusal.index()).isEqualTo(index);
    }

    /** The index of the first NaN or infinite value among the blob's whole values, or -1. */
    private static int firstNonFinite(byte[] blob, int count) {
        ByteBuffer values = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            if (!Float.isFinite(values.getFloat(i * FloatVectorCodec.BYTES_PER_VALUE))) {
                return i;
            }
        }
        return -1;
    }
}
