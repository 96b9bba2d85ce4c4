package org.medfed.aggregator;

import java.io.IOException;
import org.medfed.common.aggregation.round.BlobSource;

/**
 * The organisation's own IPFS node, as the aggregator uses it: read blobs ({@link BlobSource#open}, cut at
 * {@code maxBytes}) and store the new model. Any {@link IOException} means "this node could not do it now" (down,
 * timeout, blob not found), never "the blob is bad": the caller then refuses to endorse rather than record something
 * other organisations would not.
 */
public interface BlobFetcher extends BlobSource {

    /**
     * Adds and pins {@code data} with fixed import parameters (CIDv1, raw leaves, 256 KiB chunks, SHA-256, balanced
     * DAG), so every organisation's node derives the same CID.
     *
     * @return the CID the node reports
     */
    String addAndPin(byte[] data) throws IOException;
}
