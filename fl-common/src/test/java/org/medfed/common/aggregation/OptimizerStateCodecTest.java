package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OptimizerStateCodecTest {

    private static ServerOptimizerState sample() {
        return new ServerOptimizerState(
                new float[] {-0.0f, 1.5f, Float.MIN_VALUE}, new float[] {0f, 2.25f, Float.MAX_VALUE}, 7);
    }

    @Test
    void roundTripsEveryValueBitForBitWithItsStepCount() {
        ServerOptimizerState state = sample();

        ServerOptimizerState back = OptimizerStateCodec.decode(OptimizerStateCodec.encode(state), 3);

        assertThat(back).isEqualTo(state);
        assertThat(Float.floatToRawIntBits(back.m()[0])).isEqualTo(Float.floatToRawIntBits(-0.0f));
    }

    @Test
    void writesTheStepCountThenTheFirstThenTheSecondMomentLittleEndian() {
        byte[] blob = OptimizerStateCodec.encode(sample());

        ByteBuffer buffer = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(blob).hasSize((int) OptimizerStateCodec.byteLength(3)).hasSize(8 + 8 * 3);
        assertThat(buffer.getLong(0)).isEqualTo(7);
        assertThat(buffer.getFloat(8 + 4)).isEqualTo(1.5f);
        assertThat(buffer.getFloat(8 + 12 + 4)).isEqualTo(2.25f);
        assertThat(blob[0]).isEqualTo((byte) 7);
    }

    @Test
    void refusesABlobOfAnotherLength() {
        byte[] blob = OptimizerStateCodec.encode(sample());

        assertInvalid(() -> OptimizerStateCodec.decode(Arrays.copyOf(blob, blob.length - 4), 3), "bytes");
        assertInvalid(() -> OptimizerStateCodec.decode(blob, 4), "bytes");
    }

    @Test
    void refusesANegativeStepCountANonFiniteValueOrANegativeSecondMoment() {
        byte[] blob = OptimizerStateCodec.encode(sample());

        byte[] negativeT = blob.clone();
        ByteBuffer.wrap(negativeT).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1);
        assertInvalid(() -> OptimizerStateCodec.decode(negativeT, 3), "t is -1");
        byte[] nan = blob.clone();
        ByteBuffer.wrap(nan).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + 4, Float.NaN);
        assertInvalid(() -> OptimizerStateCodec.decode(nan, 3), "at 1");
        byte[] negative = blob.clone();
        ByteBuffer.wrap(negative).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + 12 + 4, -1f);
        assertInvalid(() -> OptimizerStateCodec.decode(negative, 3), "v=-1.0");
        assertInvalid(
                () -> OptimizerStateCodec.encode(new ServerOptimizerState(new float[] {1f}, new float[] {-2f}, 1)),
                "v=-2.0");
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        AggregationException.class,
                        e -> assertThat(e.reason()).isEqualTo(AggregationException.Reason.INVALID_STATE))
                .hasMessageContaining(message);
    }
}
