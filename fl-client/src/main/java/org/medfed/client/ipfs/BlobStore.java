package org.medfed.client.ipfs;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content-addressed storage for model blobs. */
public interface BlobStore {

    /** Stores and pins the bytes; the same bytes give the same CID on every organisation's node. */
    BlobRef add(byte[] data) throws BlobStoreException;

    /** Reads a blob, refusing anything larger than {@code maxBytes}. */
    byte[] cat(String cid, long maxBytes) throws BlobStoreException;

    /**
     * Reads at most the first {@code maxBytes} bytes of a blob (all of it when it is shorter) without transferring
     * the rest: a longer blob then shows up as a length mismatch, exactly as the aggregator sees it.
     */
    byte[] head(String cid, long maxBytes) throws BlobStoreException;

    void pin(String cid) throws BlobStoreException;

    /**
     * This store reading only what its node holds itself, never asking the swarm, so a blob the node lacks fails at
     * once instead of after a search (what {@code verify} uses for a round its task's retention policy released).
     * A store without a swarm is that already.
     */
    default BlobStore localOnly() {
        return this;
    }

    /** Reads a blob and checks its size and SHA-256 against the reference (for example one read from the ledger). */
    default byte[] fetchVerified(BlobRef ref) throws BlobStoreException {
        byte[] data = cat(ref.cid(), ref.size());
        String actual = sha256Hex(data);
        if (data.length != ref.size() || !actual.equalsIgnoreCase(ref.sha256Hex())) {
            throw new BlobStoreException("blob " + ref.cid() + " does not match its reference: expected "
                    + ref.size() + " bytes with SHA-256 " + ref.sha256Hex() + ", got " + data.length
                    + " bytes with SHA-256 " + actual);
        }
        return data;
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
