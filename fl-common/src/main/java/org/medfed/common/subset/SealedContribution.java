package org.medfed.common.subset;

import java.util.Arrays;
import org.medfed.common.codec.Hashing;

/**
 * Opening one published contribution to a shared subset: the checks every reader of shared rows makes, in this order,
 * against what the ledger recorded: the sealed blob's SHA-256, the seal (this member's wrapped key), the rows'
 * SHA-256, their shape, their class counts. The warm-up excludes a contribution that fails one; a site's stage 2
 * refuses to train on it.
 */
public final class SealedContribution {
    private SealedContribution() {}

    /** The contribution's content fails a check; the message says which, for the ledger or the node's log. */
    public static final class UnusableException extends Exception {
        private static final long serialVersionUID = 1L;

        UnusableException(String message) {
            super(message);
        }
    }

    /** The most bytes the contribution's sealed blob can have: its rows' encoding, the nonce and the tag. */
    public static long maxBytes(SubsetContribution c, int features) {
        return SubsetRows.byteLength(c.rows(), features) + SubsetCipher.NONCE_BYTES + SubsetCipher.TAG_BYTES;
    }

    /**
     * @param sealed the blob as this member's IPFS node served it
     * @throws UnusableException when a check fails
     */
    public static SubsetRows open(
            SubsetContribution c, byte[] sealed, String mspId, byte[] memberKey, int features, int classes)
            throws UnusableException {
        String sha256 = Hashing.sha256Hex(sealed);
        if (!sha256.equals(c.sha256())) {
            throw new UnusableException("the sealed blob hashes to " + sha256 + ", the ledger recorded " + c.sha256());
        }
        String wrapped = c.wrappedKeys().get(mspId);
        if (wrapped == null) {
            throw new UnusableException("the rows are not sealed for " + mspId);
        }
        byte[] plain;
        try {
            plain = SubsetCipher.open(sealed, c.taskId(), c.datasetId(), mspId, memberKey, c.ephemeralKey(), wrapped);
        } catch (IllegalArgumentException e) { // SubsetException, or a malformed key the cipher refused
            throw new UnusableException("the sealed rows do not open with " + mspId + "'s key: " + e.getMessage());
        }
        String rowsSha256 = Hashing.sha256Hex(plain);
        if (!rowsSha256.equals(c.rowsSha256())) {
            throw new UnusableException("the rows hash to " + rowsSha256 + ", the ledger recorded " + c.rowsSha256());
        }
        SubsetRows rows;
        try {
            rows = SubsetRows.decode(plain, features, classes);
        } catch (SubsetException e) {
            throw new UnusableException("the rows do not decode for this model: " + e.getMessage());
        }
        long[] counts = rows.classCounts();
        long[] recorded = c.classCounts().stream().mapToLong(Long::longValue).toArray();
        if (!Arrays.equals(counts, recorded)) {
            throw new UnusableException("the rows hold " + Arrays.toString(counts) + " rows per class, the ledger "
                    + "recorded " + c.classCounts());
        }
        return rows;
    }
}
