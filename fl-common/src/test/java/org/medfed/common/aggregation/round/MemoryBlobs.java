package org.medfed.common.aggregation.round;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.Cids;

/** An in-memory IPFS node that counts every open by CID; a CID it does not hold fails like an unreachable node. */
final class MemoryBlobs implements BlobSource {
    final Map<String, byte[]> blobs = new TreeMap<>();
    final Map<String, Integer> opens = new TreeMap<>();

    /** Serves {@code served} under the CID of {@code declared} (a content-addressed node never would). */
    String put(byte[] declared, byte[] served) {
        String cid = Cids.rawLeafCidV1(declared);
        blobs.put(cid, served.clone());
        return cid;
    }

    int opens(String cid) {
        return opens.getOrDefault(cid, 0);
    }

    int totalOpens() {
        return opens.values().stream().mapToInt(Integer::intValue).sum();
    }

    @Override
    public InputStream open(String cid, long maxBytes) throws IOException {
        opens.merge(cid, 1, Integer::sum);
        byte[] data = blobs.get(cid);
        if (data == null) {
            throw new IOException("block not found: " + cid);
        }
        return new ByteArrayInputStream(data, 0, (int) Math.min(data.length, maxBytes));
    }
}
