package org.medfed.common.aggregation.round;

import java.io.IOException;
import java.io.InputStream;

/**
 * An IPFS node as round recomputation reads it: the chaincode's own node on an endorsing peer, or the verifier's
 * organisation's node in the CLI. Any {@link IOException} means "this node could not serve it now" (down, timeout,
 * not found), never "the blob is bad".
 */
@FunctionalInterface
public interface BlobSource {

    /**
     * Opens the blob {@code cid}, delivering at most {@code maxBytes} bytes: a longer blob is cut there, so the
     * decoder that expects fewer sees the surplus and reports a length mismatch.
     */
    InputStream open(String cid, long maxBytes) throws IOException;
}
