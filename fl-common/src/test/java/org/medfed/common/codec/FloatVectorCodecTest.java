package org.medfed.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FloatVectorCodecTest {

    private static int[] bits(float[] values) {
        int[] bits = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            bits[i] = Float.floatToRawIntBits(values[i]);
        }
        return bits;
    }

    private static float[] sample(int length, long seed) {
        Random random = new Random(seed);
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Hands out at most one byte per read, as a slow network stream may. */
    private static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }

    @Test
    void writesLittleEndianFloat32WithNothingElse() {
        // 1.0f = 0x3F800000, -2.5f = 0xC0200000
        assertThat(FloatVectorCodec.encode(new float[] {1.0f, -2.5f}))
                .containsExactly(0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x20, 0xc0);
        assertThat(FloatVectorCodec.encode(new float[0])).isEmpty();
        assertThat(FloatVectorCodec.byteLength(23)).isEqualTo(92);
    }

    @Test
    void roundTripsBitForBitIncludingSignedZeroSubnormalsAndExtremes() {
        float[] values = {
            0f,
            -0f,
            Float.MIN_VALUE,
            -Float.MIN_NORMAL,
            Float.MAX_VALUE,
            -Float.MAX_VALUE,
            1e-40f,
            0.1f,
            (float) Math.PI
        };

        byte[] blob = FloatVectorCodec.encode(values);

        assertThat(blob).hasSize(4 * values.length);
        assertThat(bits(FloatVectorCodec.decode(blob, values.length))).containsExactly(bits(values));
        assertThat(bits(FloatVectorCodec.decode(blob))).containsExactly(bits(values));
    }

    @Test
    void theHashAndCidAreOverExactlyTheValueBytes() {
        float[] values = sample(1000, 1);
        byte[] blob = FloatVectorCodec.encode(values);

        assertThat(Cids.rawLeafCidV1(blob)).isEqualTo(Cids.rawLeafCidV1FromSha256Hex(Hashing.sha256Hex(blob)));
        assertThat(blob).hasSize(4000);
    }

    @Test
    void streamsLargeVectorsInBothDirections() throws IOException {
        float[] values = sample(40_000, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        FloatVectorCodec.encode(values, out);
        float[] target = new float[values.length];
        FloatVectorCodec.decode(trickle(out.toByteArray()), target);

        assertThat(out.toByteArray()).isEqualTo(FloatVectorCodec.encode(values));
        assertThat(bits(target)).containsExactly(bits(values));
    }

    @Test
    void refusesABlobOfTheWrongLength() {
        byte[] blob = FloatVectorCodec.encode(new float[] {1, 2, 3});

        assertThatThrownBy(() -> FloatVectorCodec.decode(blob, 4))
                .isInstanceOfSatisfying(InvalidVectorException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidVectorException.Problem.LENGTH);
                    assertThat(e.index()).isEqualTo(-1);
                })
                .hasMessage("the blob has 12 bytes, expected 16 (4 float32 values)");
        assertThatThrownBy(() -> FloatVectorCodec.decode(new byte[] {1, 2, 3, 4, 5}))
                .isInstanceOf(InvalidVectorException.class)
                .hasMessageContaining("multiple of 4 bytes, got 5");
        assertThatThrownBy(() -> FloatVectorCodec.decode(blob, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAStreamThatEndsEarlyOrGoesOn() {
        byte[] blob = FloatVectorCodec.encode(sample(20_000, 3));

        assertThatThrownBy(() -> FloatVectorCodec.decode(new ByteArrayInputStream(blob), new float[20_001]))
                .isInstanceOfSatisfying(
                        InvalidVectorException.class,
                        e -> assertThat(e.problem()).isEqualTo(InvalidVectorException.Problem.LENGTH))
                .hasMessage("the blob ends after 80000 bytes, expected 80004");
        assertThatThrownBy(() -> FloatVectorCodec.decode(new ByteArrayInputStream(blob), new float[19_999]))
                .isInstanceOf(InvalidVectorException.class)
                .hasMessageContaining("goes on past 79996 bytes");
    }

    @ParameterizedTest
    @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
    void refusesNonFiniteValuesNamingTheIndex(float bad) {
        float[] values = sample(30_000, 4);
        byte[] good = FloatVectorCodec.encode(values);
        values[25_000] = bad;
        byte[] blob = good.clone();
        int raw = Float.floatToRawIntBits(bad);
        for (int b = 0; b < 4; b++) {
            blob[25_000 * 4 + b] = (byte) (raw >>> (8 * b));
        }

        assertThatThrownBy(() -> FloatVectorCodec.encode(values))
                .isInstanceOfSatisfying(
                        InvalidVectorException.class, e -> assertThat(e.index()).isEqualTo(25_000));
        assertThatThrownBy(() -> FloatVectorCodec.decode(blob, 30_000))
                .isInstanceOfSatisfying(InvalidVectorException.class, e -> {
                    assertThat(e.problem()).isEqualTo(InvalidVectorException.Problem.NON_FINITE);
                    assertThat(e.index()).isEqualTo(25_000);
                })
                .hasMessageContaining("value 25000 is " + bad);
        assertThatThrownBy(() -> FloatVectorCodec.decode(new ByteArrayInputStream(blob), new float[30_000]))
                .isInstanceOfSatisfying(
                        InvalidVectorException.class, e -> assertThat(e.index()).isEqualTo(25_000));
        assertThatThrownBy(() -> FloatVectorCodec.encode(values, new ByteArrayOutputStream()))
                .isInstanceOf(InvalidVectorException.class);
    }
}
