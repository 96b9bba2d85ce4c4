package org.medfed.common.aggregation;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The wire form of a {@link ServerOptimizerState}, stored in IPFS by CID and SHA-256 like a model
 * (docs/aggregation.md, "Optimizer state blobs"): {@code t} as a signed 64-bit little-endian integer, then the P
 * values of {@code m}, then the P values of {@code v}, each IEEE 754 float32 little-endian, back to back. So a state
 * blob is exactly {@code 8 + 8·P} bytes, one encoding per state: every endorser that computes the same state writes
 * the same bytes, and so gets the same SHA-256 and CID. Every value must be finite, {@code v} non-negative and
 * {@code t} at least 0; anything else is refused with {@link AggregationException.Reason#INVALID_STATE}.
 */
public final class OptimizerStateCodec {
    /** The bytes before the moments: {@code t}. */
    public static final int HEADER_BYTES = Long.BYTES;
    /** The most parameters whose state fits one Java array of bytes. */
    public static final int MAX_PARAMETERS = (Integer.MAX_VALUE - 16 - HEADER_BYTES) / (2 * Float.BYTES);

    private OptimizerStateCodec() {}

    /** {@code 8 + 8·parameters}: the exact byte length of the state of a model of that many parameters. */
    public static long byteLength(long parameters) {
        if (parameters < 0) {
            throw new IllegalArgumentException("parameters must be at least 0, got " + parameters);
        }
        return HEADER_BYTES + Math.multiplyExact(parameters, 2L * Float.BYTES);
    }

    /** @throws AggregationException ({@code INVALID_STATE}) if a value is non-finite or a second moment negative */
    public static byte[] encode(ServerOptimizerState state) {
        int p = state.m().length;
        requireEncodable(p);
        requireValid(state.m(), state.v());
        ByteBuffer buffer = ByteBuffer.allocate((int) byteLength(p)).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(state.t());
        buffer.asFloatBuffer().put(state.m()).put(state.v());
        return buffer.array();
    }

    /**
     * The state of a model of {@code parameters} values.
     *
     * @throws AggregationException ({@code INVALID_STATE}) for a blob of another length, a negative {@code t}, a
     *     non-finite value or a negative second moment
     */
    public static ServerOptimizerState decode(byte[] blob, int parameters) {
        requireEncodable(parameters);
        if (blob.length != byteLength(parameters)) {
            throw invalid("the optimizer state blob has " + blob.length + " bytes, a state of " + parameters
                    + " parameters has " + byteLength(parameters));
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        long t = buffer.getLong();
        if (t < 0) {
            throw invalid("the optimizer state's step count t is " + t);
        }
        float[] m = new float[parameters];
        float[] v = new float[parameters];
        buffer.asFloatBuffer().get(m).get(v);
        requireValid(m, v);
        return new ServerOptimizerState(m, v, t);
    }

    private static void requireEncodable(int parameters) {
        if (parameters < 0 || parameters > MAX_PARAMETERS) {
            throw invalid("an optimizer state of " + parameters + " parameters does not fit one blob (at most "
                    + MAX_PARAMETERS + ")");
        }
    }

    private static void requireValid(float[] m, float[] v) {
        for (int j = 0; j < m.length; j++) {
            if (!Float.isFinite(m[j]) || !Float.isFinite(v[j]) || !(v[j] >= 0)) {
                throw new AggregationException(
                        AggregationException.Reason.INVALID_STATE,
                        null,
                        j,
                        "optimizer moments at " + j + " are m=" + m[j] + ", v=" + v[j],
                        null);
            }
        }
    }

    private static AggregationException invalid(String message) {
        return new AggregationException(AggregationException.Reason.INVALID_STATE, message);
    }
}
