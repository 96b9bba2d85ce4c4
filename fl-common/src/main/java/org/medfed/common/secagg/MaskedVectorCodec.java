package org.medfed.common.secagg;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.medfed.common.codec.InvalidVectorException;

/**
 * The wire form of a masked input y_i: magic {@code MFMV}, version byte 1, three zero bytes, P as a 4-byte
 * little-endian integer, then P little-endian 32-bit words. Unlike a float32 update blob it has a header, so a masked
 * vector can never be read as a model (its words look like noise and are all finite as floats).
 */
public final class MaskedVectorCodec {
    public static final int HEADER_BYTES = 12;
    public static final byte VERSION = 1;
    /** The longest vector whose blob fits in a Java array. */
    public static final int MAX_WORDS = (Integer.MAX_VALUE - 8 - HEADER_BYTES) / Integer.BYTES;

    private static final byte[] MAGIC = "MFMV".getBytes(StandardCharsets.US_ASCII);

    private MaskedVectorCodec() {}

    public static byte[] encode(int[] words) {
        if (words.length > MAX_WORDS) {
            throw new IllegalArgumentException("a masked vector has at most " + MAX_WORDS + " words");
        }
        ByteBuffer buffer =
                ByteBuffer.allocate(HEADER_BYTES + words.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put(VERSION).put(new byte[3]).putInt(words.length);
        buffer.asIntBuffer().put(words);
        return buffer.array();
    }

    /**
     * The words of a blob that must hold exactly {@code expectedLength} of them (the task's parameter count).
     *
     * @throws InvalidVectorException {@code HEADER} if the magic, version or reserved bytes are wrong; {@code LENGTH}
     *     if the header's P or the byte length does not match
     */
    public static int[] decode(byte[] blob, int expectedLength) {
        if (expectedLength < 0 || expectedLength > MAX_WORDS) {
            throw new IllegalArgumentException(
                    "expectedLength must be in [0, " + MAX_WORDS + "], got " + expectedLength);
        }
        if (blob.length < HEADER_BYTES) {
            throw new InvalidVectorException(
                    InvalidVectorException.Problem.LENGTH,
                    -1,
                    "a masked vector blob has a " + HEADER_BYTES + "-byte header, got " + blob.length + " bytes");
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        if (!Arrays.equals(blob, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
                || blob[4] != VERSION
                || blob[5] != 0
                || blob[6] != 0
                || blob[7] != 0) {
            throw new InvalidVectorException(
                    InvalidVectorException.Problem.HEADER, -1, "not a masked vector blob (MFMV, version 1)");
        }
        int length = buffer.getInt(8);
        if (length != expectedLength || blob.length - HEADER_BYTES != (long) expectedLength * Integer.BYTES) {
            throw new InvalidVectorException(
                    InvalidVectorException.Problem.LENGTH,
                    -1,
                    "the masked vector has " + Integer.toUnsignedString(length) + " words in its header and "
                            + (blob.length - HEADER_BYTES) + " bytes of words, expected " + expectedLength
                            + " words");
        }
        int[] words = new int[expectedLength];
        buffer.position(HEADER_BYTES);
        buffer.slice().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(words);
        return words;
    }
}
