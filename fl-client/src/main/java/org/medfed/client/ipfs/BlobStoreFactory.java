package org.medfed.client.ipfs;

import java.net.URI;

/** Opens the blob store behind an IPFS RPC address; tests pass a fake instead of {@link KuboBlobStore}. */
@FunctionalInterface
public interface BlobStoreFactory {
    BlobStore open(URI ipfsApi);
}
