package org.medfed.client.ipfs;

/** A blob could not be stored, fetched or pinned; the message names the node, the CID and what happened. */
public class BlobStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public BlobStoreException(String message) {
        super(message);
    }

    public BlobStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
