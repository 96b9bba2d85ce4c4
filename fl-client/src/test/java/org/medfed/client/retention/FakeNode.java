package org.medfed.client.retention;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.PinStore;

/**
 * One organisation's IPFS node in memory: the blobs it holds (one block each), which of them it pins, and every
 * change made to it ({@link #writes}: "pin CID", "unpin CID", "gc"). {@link #swarm} holds what other nodes could
 * send it; garbage collection keeps only pinned blobs, as Kubo's does.
 */
public final class FakeNode implements BlobStore, PinStore {
    public final Map<String, byte[]> held = new TreeMap<>();
    public final Set<String> pinned = new TreeSet<>();
    public final Map<String, byte[]> swarm = new TreeMap<>();
    public final List<String> writes = new ArrayList<>();

    /** Holds and pins {@code cid}, as {@code add} does. */
    public FakeNode pinnedBlob(String cid, int bytes) {
        held.put(cid, new byte[bytes]);
        pinned.add(cid);
        return this;
    }

    /** Holds {@code cid} without a pin: a copy fetched from another node. */
    public FakeNode cachedBlob(String cid, int bytes) {
        held.put(cid, new byte[bytes]);
        return this;
    }

    @Override
    public Set<String> pins() {
        return new TreeSet<>(pinned);
    }

    @Override
    public void pin(String cid) throws BlobStoreException {
        if (!held.containsKey(cid)) {
            if (!swarm.containsKey(cid)) {
                throw new BlobStoreException("no node of the swarm has " + cid);
            }
            held.put(cid, swarm.get(cid));
        }
        writes.add("pin " + cid);
        pinned.add(cid);
    }

    @Override
    public void unpin(String cid) {
        writes.add("unpin " + cid);
        pinned.remove(cid);
    }

    @Override
    public long collectGarbage() {
        writes.add("gc");
        int before = held.size();
        held.keySet().retainAll(pinned);
        return before - held.size();
    }

    @Override
    public long repoSizeBytes() {
        return held.values().stream().mapToLong(b -> b.length).sum();
    }

    @Override
    public BlobRef add(byte[] data) {
        throw new UnsupportedOperationException("retention never adds");
    }

    @Override
    public byte[] cat(String cid, long maxBytes) throws BlobStoreException {
        byte[] data = held.get(cid);
        if (data == null) {
            throw new BlobStoreException("block was not found locally (offline): " + cid);
        }
        return Arrays.copyOf(data, (int) Math.min(data.length, maxBytes));
    }

    @Override
    public byte[] head(String cid, long maxBytes) throws BlobStoreException {
        return cat(cid, maxBytes);
    }
}
