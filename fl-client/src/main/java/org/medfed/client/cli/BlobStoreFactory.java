package org.medfed.client.cli;

import java.net.URI;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.KuboBlobStore;

/** Opens the blob store behind an IPFS RPC address; tests pass a fake instead of {@link KuboBlobStore}. */
@FunctionalInterface
interface BlobStoreFactory {
    BlobStore open(URI ipfsApi);
}
