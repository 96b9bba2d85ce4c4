package org.medfed.common.aggregation;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.InvalidVectorException;

/**
 * Where an update's values come from, read on demand. A strategy passes its own buffer, so streaming strategies
 * ({@link FedAvg}, {@link FedAdam}, {@link FedYogi}) reuse one buffer of P floats for all K updates and never hold
 * more than one update at a time. A source may be read more than once (quality scores read every update a second
 * time); each read must give the same values.
 *
 * <p>A {@link Streaming} source can also be read a slice at a time through a {@link Cursor}, so {@link FedAvg} can
 * read all K updates side by side, one tile of coordinates at a time, and each update's bytes pass through memory
 * once (see {@code TiledMean}).
 */
@FunctionalInterface
public interface VectorSource {

    /**
     * Fills {@code target} with exactly {@code target.length} values. A source whose vector has another length must
     * throw {@link AggregationException.Reason#LENGTH_MISMATCH} rather than fill part of it. On any failure
     * {@code target} may hold partial data and is not used.
     *
     * @throws IOException if the values cannot be read; the strategy reports it as
     *     {@link AggregationException.Reason#UNREADABLE} for this update's participant
     */
    void readInto(float[] target) throws IOException;

    /**
     * A sequential reader over one read of a source's values. It delivers the raw values: it does <em>not</em> check
     * that they are finite, so whoever uses it must (FedAvg and the quality scores check their sums, which any NaN
     * or infinity reaches, and then re-read through {@link #readInto} to name the culprit).
     */
    interface Cursor extends Closeable {

        /**
         * Reads the next {@code count} values, as the blob format's little-endian float32 bytes, into
         * {@code target[offset…offset+4·count)}. Bytes, not floats: the thread that reads only moves them, and the
         * threads that add them up decode them ({@link TileMath#decode}).
         */
        void next(byte[] target, int offset, int count) throws IOException;

        /**
         * After the last value: requires that the data ends there and, for a verified blob, that it hashes to the
         * recorded digest ({@link AggregationException.Reason#LENGTH_MISMATCH}, {@code HASH_MISMATCH}).
         */
        void finish() throws IOException;
    }

    /** A source that can also be read a slice at a time. */
    interface Streaming extends VectorSource {

        /** Starts a fresh read of the source's values, expected to be {@code length} of them. */
        Cursor open(int length) throws IOException;
    }

    /** Opens a fresh stream over a blob on every call; the source closes it. */
    @FunctionalInterface
    interface BlobOpener {
        InputStream open() throws IOException;
    }

    /** Values already in memory; each read copies them. The array must not change while the source is in use. */
    static VectorSource of(float[] values) {
        float[] held = values.clone();
        return new Streaming() {
            @Override
            public void readInto(float[] target) {
                requireLength(target.length);
                System.arraycopy(held, 0, target, 0, held.length);
            }

            @Override
            public Cursor open(int length) {
                requireLength(length);
                return new ArrayCursor(held);
            }

            private void requireLength(int length) {
                if (held.length != length) {
                    throw new AggregationException(
                            AggregationException.Reason.LENGTH_MISMATCH, held.length + " values, expected " + length);
                }
            }
        };
    }

    /**
     * A blob in the {@link FloatVectorCodec} format, decoded straight from the stream into the strategy's buffer (the
     * bytes are never held whole). Wrong length and non-finite values are reported with their reason code.
     */
    static VectorSource fromBlob(BlobOpener opener) {
        return new Streaming() {
            @Override
            public void readInto(float[] target) throws IOException {
                try (InputStream in = opener.open()) {
                    decode(in, target);
                }
            }

            @Override
            public Cursor open(int length) throws IOException {
                return new BlobCursor(opener.open(), length, null, null);
            }
        };
    }

    /**
     * Like {@link #fromBlob} but also hashes the bytes as they stream past and refuses them
     * ({@link AggregationException.Reason#HASH_MISMATCH}) unless they hash to {@code sha256Hex}, the digest the
     * ledger recorded. The check completes before the values reach the strategy.
     */
    static VectorSource fromVerifiedBlob(BlobOpener opener, String sha256Hex) {
        if (!Hashing.isSha256Hex(sha256Hex)) {
            throw new IllegalArgumentException("not a lower-case SHA-256 hex digest: " + sha256Hex);
        }
        return new Streaming() {
            @Override
            public void readInto(float[] target) throws IOException {
                MessageDigest digest = sha256();
                try (InputStream in = new DigestInputStream(opener.open(), digest)) {
                    decode(in, target);
                }
                BlobCursor.requireDigest(digest, sha256Hex);
            }

            @Override
            public Cursor open(int length) throws IOException {
                MessageDigest digest = sha256();
                return new BlobCursor(new DigestInputStream(opener.open(), digest), length, digest, sha256Hex);
            }
        };
    }

    private static void decode(InputStream in, float[] target) throws IOException {
        try {
            FloatVectorCodec.decode(in, target);
        } catch (InvalidVectorException e) {
            AggregationException.Reason reason = e.problem() == InvalidVectorException.Problem.NON_FINITE
                    ? AggregationException.Reason.NON_FINITE_VALUE
                    : AggregationException.Reason.LENGTH_MISMATCH;
            throw new AggregationException(reason, null, e.index(), e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
