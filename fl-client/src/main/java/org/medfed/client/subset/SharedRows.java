package org.medfed.client.subset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.common.codec.Hashing;
import org.medfed.common.subset.SubsetCipher;
import org.medfed.common.subset.SubsetContribution;
import org.medfed.common.subset.SubsetRows;
import org.medfed.common.subset.SubsetSelection;

/**
 * Stage 2's shared rows at a site: every contribution the warm-up used, read from this organisation's IPFS node,
 * checked against the ledger's hashes and opened with the organisation's member key; then the site's share α of
 * them ({@link #draw}) to add to its own training rows.
 */
public final class SharedRows {
    private final float[][] x;
    private final int[] y;

    private SharedRows(float[][] x, int[] y) {
        this.x = x;
        this.y = y;
    }

    /**
     * @throws IllegalStateException when a blob does not match the ledger or does not open with the key: the node
     *     then trains on its own rows only and says why
     */
    public static SharedRows open(
            List<SubsetContribution> used, BlobStore blobs, String mspId, byte[] memberKey, int features, int classes)
            throws BlobStoreException {
        Objects.requireNonNull(memberKey, "memberKey");
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (SubsetContribution c : used) {
            long cap = SubsetRows.byteLength(c.rows(), features) + SubsetCipher.NONCE_BYTES + SubsetCipher.TAG_BYTES;
            byte[] sealed = blobs.cat(c.cid(), cap);
            if (!Hashing.sha256Hex(sealed).equals(c.sha256())) {
                throw new IllegalStateException("the shared rows of dataset " + c.datasetId() + " (" + c.cid()
                        + ") do not match the ledger's SHA-256");
            }
            String wrapped = c.wrappedKeys().get(mspId);
            if (wrapped == null) {
                throw new IllegalStateException(
                        "the shared rows of dataset " + c.datasetId() + " are not sealed for " + mspId);
            }
            byte[] plain;
            try {
                plain = SubsetCipher.open(
                        sealed, c.taskId(), c.datasetId(), mspId, memberKey, c.ephemeralKey(), wrapped);
            } catch (Exception e) {
                throw new IllegalStateException(
                        "the shared rows of dataset " + c.datasetId() + " do not open with this organisation's key: "
                                + e.getMessage(),
                        e);
            }
            if (!Hashing.sha256Hex(plain).equals(c.rowsSha256())) {
                throw new IllegalStateException(
                        "the opened rows of dataset " + c.datasetId() + " do not match the ledger's rowsSha256");
            }
            SubsetRows rows = SubsetRows.decode(plain, features, classes);
            for (int i = 0; i < rows.y().length; i++) {
                x.add(rows.x()[i]);
                y.add(rows.y()[i]);
            }
        }
        return new SharedRows(
                x.toArray(float[][]::new),
                y.stream().mapToInt(Integer::intValue).toArray());
    }

    public int size() {
        return y.length;
    }

    /**
     * The site's share α of the rows, class by class ({@code SubsetQuota.alphaShare}), drawn with {@code seed}.
     *
     * @return {x, y} of the drawn rows
     */
    public Draw draw(double alpha, int classes, long seed) {
        long[] counts = new long[classes];
        for (int label : y) {
            counts[label]++;
        }
        int[] chosen = SubsetSelection.byQuota(y, org.medfed.common.subset.SubsetQuota.alphaShare(counts, alpha), seed);
        float[][] dx = new float[chosen.length][];
        int[] dy = new int[chosen.length];
        for (int i = 0; i < chosen.length; i++) {
            dx[i] = x[chosen[i]];
            dy[i] = y[chosen[i]];
        }
        return new Draw(dx, dy);
    }

    /** Rows drawn for one site. */
    public record Draw(float[][] x, int[] y) {}
}
