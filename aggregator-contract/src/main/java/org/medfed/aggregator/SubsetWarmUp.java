package org.medfed.aggregator;

import java.util.Objects;
import org.medfed.common.aggregation.round.RoundAggregationException;
import org.medfed.common.model.ContentRef;
import org.medfed.common.subset.WarmUpInput;
import org.medfed.common.subset.WarmUpRecomputation;
import org.medfed.common.subset.WarmUpRequest;
import org.medfed.contract.support.FlChaincodeException;

/**
 * One execution of {@code aggregator:warmUp} on one endorsing peer: fl-common's {@link WarmUpRecomputation} with
 * this organisation's member key and IPFS node, then the warm model added and pinned like an aggregate
 * ({@link RoundAggregation#store}), so every endorser records the same CID.
 */
final class SubsetWarmUp {
    private final BlobFetcher blobs;
    private final String mspId;
    private final byte[] memberKey;

    SubsetWarmUp(BlobFetcher blobs, String mspId, byte[] memberKey) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.memberKey = memberKey;
    }

    WarmUpRequest warmUp(String taskId, WarmUpInput input) {
        WarmUpRecomputation.Outcome outcome;
        try {
            outcome = new WarmUpRecomputation(blobs, mspId, memberKey).warmUp(input);
        } catch (RoundAggregationException e) {
            throw new FlChaincodeException(e.code(), e.getMessage(), e);
        }
        ContentRef warm = new RoundAggregation(blobs).store(outcome.blob(), outcome.sha256(), "the warm model");
        return outcome.request(taskId, warm);
    }
}
