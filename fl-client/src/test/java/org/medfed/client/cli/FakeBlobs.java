package org.medfed.client.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ipfs.BlobStoreFactory;

/** Kubo nodes that hold {@link #content} by CID; {@link #calls} records "cat API CID"; a missing CID fails. */
final class FakeBlobs implements BlobStoreFactory {
    final Map<String, byte[]> content = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public BlobStore open(URI api) {
        return new BlobStore() {
            @Override
            public BlobRef add(byte[] data) {
                throw new UnsupportedOperationException("the CLI's read commands never add");
            }

            @Override
            public byte[] cat(String cid, long maxBytes) throws BlobStoreException {
                calls.add("cat " + api + " " + cid);
                byte[] data = content.get(cid);
                if (data == null) {
                    throw new BlobStoreException("Kubo at " + api + " could not cat " + cid + ": not found");
                }
                return data.clone();
            }

            @Override
            public byte[] head(String cid, long maxBytes) throws BlobStoreException {
                byte[] data = cat(cid, Long.MAX_VALUE);
                return java.util.Arrays.copyOf(data, (int) Math.min(data.length, maxBytes));
            }

            @Override
            public void pin(String cid) {
                throw new UnsupportedOperationException("the CLI's read commands never pin");
            }
        };
    }
}
