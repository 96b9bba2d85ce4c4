package org.medfed.client.demo;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import java.util.function.LongSupplier;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.ConnectionProfile;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.BlobStoreFactory;

/** The demo's IPFS step: add a model-like blob on one organisation's Kubo node and read it from another's. */
final class DemoBlobRoundTrip {

    static final int FLOATS = 262_144;
    static final int SIZE = FLOATS * Float.BYTES;
    private static final long SEED = 20_240_501L;

    record Node(String mspId, URI ipfsApi) {
        static Node of(ConnectionProfile profile) {
            return new Node(profile.mspId(), profile.ipfsApi());
        }
    }

    record Result(BlobRef ref, Node addedOn, Node readFrom, long addNanos, long catNanos) {}

    private final BlobStoreFactory blobStores;
    private final LongSupplier clock;

    DemoBlobRoundTrip(BlobStoreFactory blobStores, LongSupplier clock) {
        this.blobStores = blobStores;
        this.clock = clock;
    }

    /**
     * 1 MiB of float32 values (little-endian), the same on every run, shaped like model weights.
     * Only model parameters like these ever go to IPFS; patient data never leaves its organisation.
     */
    static byte[] modelLikeBlob() {
        Random random = new Random(SEED);
        ByteBuffer buffer = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < FLOATS; i++) {
            buffer.putFloat((float) (random.nextGaussian() * 0.05));
        }
        return buffer.array();
    }

    Result run(Node from, Node to) throws DemoFailure {
        byte[] blob = modelLikeBlob();
        BlobStore source = blobStores.open(from.ipfsApi());
        BlobStore target = blobStores.open(to.ipfsApi());
        try {
            long start = clock.getAsLong();
            BlobRef ref = source.add(blob);
            long addNanos = clock.getAsLong() - start;
            start = clock.getAsLong();
            byte[] copy = target.cat(ref.cid(), ref.size());
            long catNanos = clock.getAsLong() - start;
            String expected = BlobStore.sha256Hex(blob);
            String actual = BlobStore.sha256Hex(copy);
            if (copy.length != blob.length || !actual.equals(expected)) {
                throw new DemoFailure(
                        "blob " + ref.cid() + " added on " + from.mspId() + "'s node (" + from.ipfsApi()
                                + ") came back from " + to.mspId() + "'s node (" + to.ipfsApi() + ") as " + copy.length
                                + " bytes with SHA-256 " + actual + ", expected " + blob.length + " bytes with SHA-256 "
                                + expected,
                        ExitCodes.VERIFICATION_FAILED);
            }
            return new Result(ref, from, to, addNanos, catNanos);
        } catch (BlobStoreException e) {
            throw new DemoFailure("IPFS round trip failed: " + e.getMessage(), ExitCodes.NETWORK_UNAVAILABLE, e);
        } finally {
            close(source);
            close(target);
        }
    }

    private static void close(BlobStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing was written through it that closing could lose
            }
        }
    }
}
