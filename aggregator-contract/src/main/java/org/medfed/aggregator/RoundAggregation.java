package org.medfed.aggregator;

import java.io.IOException;
import java.util.Objects;
import org.medfed.common.aggregation.round.RoundAggregationException;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.aggregation.round.RoundRecomputation;
import org.medfed.common.codec.Cids;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;

/**
 * One execution of {@code aggregator:aggregateRound} on one endorsing peer. The aggregate itself comes from
 * fl-common's {@link RoundRecomputation} (the same code {@code medfed verify} runs), reading from this organisation's
 * IPFS node; this class keeps the chaincode's edge: add and pin the new model, a server optimizer's new state and
 * SCAFFOLD's new control variate here (same fixed add parameters, so every endorser gets the same CIDs), check that
 * the node gave each its raw-leaf CID, and the transaction's error codes. A blob this node cannot serve fails the transaction with
 * {@link ErrorCode#BLOB_UNAVAILABLE}, so this organisation does not endorse.
 */
final class RoundAggregation {
    /** Blobs up to this size are one raw leaf, whose CID follows from the SHA-256 alone. */
    private static final int CHUNK = 262_144;

    private final BlobFetcher blobs;

    RoundAggregation(BlobFetcher blobs) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    AggregationRequest aggregate(String taskId, RoundInput input) {
        RoundOutcome outcome;
        try {
            outcome = new RoundRecomputation(blobs).aggregate(input);
        } catch (RoundAggregationException e) {
            throw new FlChaincodeException(e.code(), e.getMessage(), e);
        }
        ContentRef globalModel = store(outcome.blob(), outcome.sha256(), "the new global model");
        RoundOutcome.StateBlob state = outcome.optimizerState();
        ContentRef optimizerState =
                state == null ? null : store(state.blob(), state.sha256(), "the new optimizer state");
        RoundOutcome.VectorBlob control = outcome.controlVariate();
        ContentRef controlVariate =
                control == null ? null : store(control.blob(), control.sha256(), "the new control variate");
        return new AggregationRequest(
                taskId,
                input.round(),
                globalModel,
                outcome.contributions(),
                outcome.excluded(),
                optimizerState,
                controlVariate);
    }

    ContentRef store(byte[] bytes, String sha256, String what) {
        String cid;
        try {
            cid = blobs.addAndPin(bytes);
        } catch (IOException e) {
            throw new FlChaincodeException(
                    ErrorCode.BLOB_UNAVAILABLE,
                    "this organisation's IPFS node could not" + " store " + what + ": " + e.getMessage(),
                    e);
        }
        if (bytes.length <= CHUNK && !cid.equals(Cids.rawLeafCidV1FromSha256Hex(sha256))) {
            throw new FlChaincodeException(
                    ErrorCode.AGGREGATION_FAILED,
                    "the IPFS node stored " + what + " as "
                            + cid + ", expected the raw-leaf CID " + Cids.rawLeafCidV1FromSha256Hex(sha256)
                            + ": it does not honour the fixed add parameters");
        }
        try {
            return new ContentRef(cid, sha256);
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(
                    ErrorCode.AGGREGATION_FAILED, "the IPFS node answered an invalid CID: " + e.getMessage(), e);
        }
    }
}
