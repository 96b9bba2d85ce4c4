package org.medfed.client.participation;

import java.util.Objects;

/**
 * A secure round's site input: one DP-SGD step's clipped gradient sum on the quantisation grid plus this site's share
 * of the discrete Gaussian noise, each coordinate within ±inputBound·2^b (docs/secure-aggregation.md, "The DP step"),
 * and the dataset it was computed from. It is masked before it leaves the node.
 */
public record SiteInput(int[] values, String datasetId) {
    public SiteInput {
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(datasetId, "datasetId");
    }
}
