package org.medfed.aggregator;

import java.io.IOException;
import java.io.InputStream;

/**
 * The organisation's own IPFS node, as the aggregator uses it. Any {@link IOException} means "this node could not
 * do it now" (down, timeout, blob not found), never "the blob is bad": the caller then refuses to endorse rather than
 * record something other organisations would not.
 */
public interface BlobFetcher {

    /**
     * Opens the blob {@code cid}, delivering at most {@code maxBytes} bytes: a longer blob is cut there, so the
     * decoder that expects fewer sees the surplus and reports a length mismatch.
     */
    InputStream open(String cid, long maxBytes) throws IOException;

    /**
     * Adds and pins {@code data} with fixed import parameters (CIDv1, raw leaves, 256 KiB chunks, SHA-256, balanced
     * DAG), so every organisation's node derives the same CID.
     *
     * @return the CID the node reports
     */
    String addAndPin(byte[] data) throws IOException;
}
