package org.medfed.client.ipfs;

import java.util.Objects;

/** Where a blob lives in IPFS, and the SHA-256 we computed ourselves so a download can be checked. */
public record BlobRef(String cid, String sha256Hex, long size) {
    public BlobRef {
        Objects.requireNonNull(cid, "cid");
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0, got " + size);
        }
    }
}
