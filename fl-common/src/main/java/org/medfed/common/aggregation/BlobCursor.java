package org.medfed.common.aggregation;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.medfed.common.codec.FloatVectorCodec;

/**
 * A {@link VectorSource.Cursor} over a blob in the {@link FloatVectorCodec} format: its bytes, a slice at a time,
 * straight into the caller's buffer, so a strategy can hold many of these open at once.
 */
final class BlobCursor implements VectorSource.Cursor {
    private final InputStream in;
    private final int length;
    private final MessageDigest digest;
    private final String sha256Hex;
    private int position;

    /** {@code digest} (which {@code in} updates) and {@code sha256Hex} are both null for an unverified blob. */
    BlobCursor(InputStream in, int length, MessageDigest digest, String sha256Hex) {
        this.in = in;
        this.length = length;
        this.digest = digest;
        this.sha256Hex = sha256Hex;
    }

    @Override
    public void next(byte[] target, int offset, int count) throws IOException {
        if (count > length - position) {
            throw new IllegalStateException("read past the end: " + count + " values at " + position + " of " + length);
        }
        int bytes = count * Float.BYTES;
        int read = in.readNBytes(target, offset, bytes);
        if (read != bytes) {
            throw new AggregationException(
                    AggregationException.Reason.LENGTH_MISMATCH,
                    "the blob ends after " + ((long) position * Float.BYTES + read) + " bytes, expected "
                            + FloatVectorCodec.byteLength(length));
        }
        position += count;
    }

    @Override
    public void finish() throws IOException {
        if (position != length) {
            throw new IllegalStateException("finished after " + position + " of " + length + " values");
        }
        if (in.read() != -1) {
            throw new AggregationException(
                    AggregationException.Reason.LENGTH_MISMATCH,
                    "the blob goes on past " + FloatVectorCodec.byteLength(length) + " bytes (" + length + " values)");
        }
        if (digest != null) {
            requireDigest(digest, sha256Hex);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** @throws AggregationException {@code HASH_MISMATCH} unless the bytes digested so far hash to {@code sha256Hex} */
    static void requireDigest(MessageDigest digest, String sha256Hex) {
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(sha256Hex)) {
            throw new AggregationException(
                    AggregationException.Reason.HASH_MISMATCH,
                    "the blob hashes to " + actual + ", the ledger recorded " + sha256Hex);
        }
    }
}
