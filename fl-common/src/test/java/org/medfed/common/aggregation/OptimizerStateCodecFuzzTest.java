package org.medfed.common.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Fuzzes {@link OptimizerStateCodec} (docs/testing.md, "Fuzzing"): any blob is refused with
 * {@link AggregationException.Reason#INVALID_STATE} exactly when it breaks the documented format, and otherwise
 * decodes to a state that encodes back to the very bytes.
 */
class OptimizerStateCodecFuzzTest {

    @FuzzTest
    void decodedStatesReencodeToTheSameBytes(byte[] blob) {
        // The parameter count comes from the task's model on the ledger; take the one the length suggests.
        int parameters = Math.max(0, (blob.length - OptimizerStateCodec.HEADER_BYTES) / (2 * Float.BYTES));

        if (valid(blob, parameters)) {
            ServerOptimizerState state = OptimizerStateCodec.decode(blob, parameters);
            assertThat(OptimizerStateCodec.encode(state)).isEqualTo(blob);
        } else {
            refused(blob, parameters);
        }
        refused(blob, parameters + 1);
    }

    private static void refused(byte[] blob, int parameters) {
        AggregationException refusal =
                catchThrowableOfType(AggregationException.class, () -> OptimizerStateCodec.decode(blob, parameters));
        assertThat(refusal).as("refused for %d parameters", parameters).isNotNull();
        assertThat(refusal.reason()).isEqualTo(AggregationException.Reason.INVALID_STATE);
    }

    /** The format, restated: 8 + 8P bytes, t ≥ 0, every value finite and every second moment ≥ 0. */
    private static boolean valid(byte[] blob, int parameters) {
        if (blob.length != OptimizerStateCodec.HEADER_BYTES + 8L * parameters) {
            return false;
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.getLong(0) < 0) {
            return false;
        }
        for (int j = 0; j < parameters; j++) {
            float m = buffer.getFloat(OptimizerStateCodec.HEADER_BYTES + 4 * j);
            float v = buffer.getFloat(OptimizerStateCodec.HEADER_BYTES + 4 * (parameters + j));
            if (!Float.isFinite(m) || !Float.isFinite(v) || v < 0) {
                return false;
            }
        }
        return true;
    }
}
