package org.medfed.client.subset;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.common.subset.SealedContribution;
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
     * @throws IllegalStateException when a contribution is unusable ({@link SealedContribution#open}): the node then
     *     refuses to train for the task and says why
     */
    public static SharedRows open(
            List<SubsetContribution> used, BlobStore blobs, String mspId, byte[] memberKey, int features, int classes)
            throws BlobStoreException {
        Objects.requireNonNull(memberKey, "memberKey");
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (SubsetContribution c : used) {
            byte[] sealed = blobs.cat(c.cid(), SealedContribution.maxBytes(c, features));
            SubsetRows rows;
            try {
                rows = SealedContribution.open(c, sealed, mspId, memberKey, features, classes);
            } catch (SealedContribution.UnusableException e) {
                throw new IllegalStateException(
                        "the shared rows of dataset " + c.datasetId() + " (" + c.cid() + ") are unusable: "
                                + e.getMessage(),
                        e);
            }
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
