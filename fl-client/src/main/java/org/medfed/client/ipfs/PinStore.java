package org.medfed.client.ipfs;

import java.util.Set;

/**
 * What an organisation's IPFS node keeps: its pins, its garbage collection and its size on disk. The seam of the
 * retention pruner ({@code org.medfed.client.retention}); tests pass a fake.
 */
public interface PinStore {

    /** Every CID the node pins recursively: what {@link BlobStore#add} and {@link #pin} pin. */
    Set<String> pins() throws BlobStoreException;

    /** Pins a blob, fetching from the swarm what the node does not hold. */
    void pin(String cid) throws BlobStoreException;

    /** Removes the blob's recursive pin. A CID that is not pinned (any more) is no error: unpinning is idempotent. */
    void unpin(String cid) throws BlobStoreException;

    /** Deletes every block that no pin holds (Kubo's {@code repo gc}); returns how many blocks went. */
    long collectGarbage() throws BlobStoreException;

    /** The node's repository size on disk, in bytes. */
    long repoSizeBytes() throws BlobStoreException;
}
