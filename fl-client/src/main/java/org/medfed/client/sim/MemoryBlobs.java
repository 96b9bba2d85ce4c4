package org.medfed.client.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.medfed.aggregator.BlobFetcher;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.common.codec.Cids;

/**
 * The simulation's IPFS swarm: one in-memory store that the simulated participants add to ({@link BlobStore}) and
 * the contracts' aggregator reads and adds to ({@link BlobFetcher}), under the raw-leaf CIDv1 of the bytes. That is
 * Kubo's CID for a blob of at most one chunk (256 KiB); a larger blob would get another CID from Kubo, which
 * chunks it, so a simulation's CIDs of large models differ from a network's (its SHA-256 do not).
 */
final class MemoryBlobs implements BlobStore, BlobFetcher {
    private final ConcurrentMap<String, byte[]> blobs = new ConcurrentHashMap<>();

    @Override
    public BlobRef add(byte[] data) {
        String cid = addAndPin(data);
        return new BlobRef(cid, BlobStore.sha256Hex(data), data.length);
    }

    @Override
    public String addAndPin(byte[] data) {
        String cid = Cids.rawLeafCidV1(data);
        blobs.putIfAbsent(cid, data.clone());
        return cid;
    }

    @Override
    public byte[] cat(String cid, long maxBytes) throws BlobStoreException {
        byte[] blob = find(cid);
        if (blob.length > maxBytes) {
            throw new BlobStoreException("blob " + cid + " has " + blob.length + " bytes, more than " + maxBytes);
        }
        return blob.clone();
    }

    @Override
    public byte[] head(String cid, long maxBytes) throws BlobStoreException {
        byte[] blob = find(cid);
        return Arrays.copyOf(blob, (int) Math.min(blob.length, maxBytes));
    }

    @Override
    public void pin(String cid) throws BlobStoreException {
        find(cid);
    }

    @Override
    public InputStream open(String cid, long maxBytes) throws IOException {
        byte[] blob = blobs.get(cid);
        if (blob == null) {
            throw new IOException("no blob " + cid + " in the simulation's store");
        }
        return new ByteArrayInputStream(blob, 0, (int) Math.min(blob.length, maxBytes));
    }

    private byte[] find(String cid) throws BlobStoreException {
        byte[] blob = blobs.get(cid);
        if (blob == null) {
            throw new BlobStoreException("no blob " + cid + " in the simulation's store");
        }
        return blob;
    }
}
