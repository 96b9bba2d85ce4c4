package org.medfed.chaincode.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.medfed.aggregator.BlobFetcher;
import org.medfed.common.codec.Cids;

/** An in-memory Kubo: cat by CID (cut at maxBytes), add returns the raw-leaf CID; counts opens and adds. */
public final class MemoryIpfs implements BlobFetcher {
    public final Map<String, byte[]> blobs = new HashMap<>();
    public final Map<String, Integer> opens = new HashMap<>();
    public int adds;

    public String put(byte[] data) {
        String cid = Cids.rawLeafCidV1(data);
        blobs.put(cid, data.clone());
        return cid;
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

    @Override
    public String addAndPin(byte[] data) {
        adds++;
        return put(data);
    }
}
