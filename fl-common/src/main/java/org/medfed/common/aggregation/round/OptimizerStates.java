package org.medfed.common.aggregation.round;

import java.io.IOException;
import java.io.InputStream;
import org.medfed.common.aggregation.AggregationException;
import org.medfed.common.aggregation.AggregationResult;
import org.medfed.common.aggregation.OptimizerStateCodec;
import org.medfed.common.aggregation.ServerOptimizerState;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.protocol.ErrorCode;

/**
 * The server optimizer's state around one round: the previous state a round starts from (the initial state in
 * round 1, otherwise the blob the previous round recorded, read from the node and verified) and the blob of the
 * next one.
 */
final class OptimizerStates {

    private OptimizerStates() {}

    /**
     * The state the round's strategy starts from, or {@code null} for a stateless strategy.
     *
     * @throws RoundAggregationException {@link ErrorCode#BLOB_UNAVAILABLE} if the node cannot serve the state blob,
     *     {@link ErrorCode#AGGREGATION_FAILED} if the input's state does not fit the strategy and round, or the blob
     *     does not hash to the recorded SHA-256, is not a valid state of P parameters, or has not taken round − 1 steps
     */
    static ServerOptimizerState previous(RoundInput input, BlobSource blobs, int p) {
        StrategySpec strategy = input.spec().strategy();
        ContentRef ref = input.optimizerState();
        if (!Strategies.needsOptimizerState(strategy)) {
            if (ref != null) {
                throw failed("strategy " + strategy.name() + " keeps no optimizer state, yet the round's input names"
                        + " one (" + ref.cid() + ")");
            }
            return null;
        }
        if (input.round() == 1 || ref == null) {
            if (input.round() != 1 || ref != null) {
                throw failed("round " + input.round() + " of a " + strategy.name() + " task "
                        + (ref == null
                                ? "has no optimizer state from round " + (input.round() - 1)
                                : "names an optimizer state, but round 1 starts from the initial state"));
            }
            try {
                return Strategies.initialState(strategy, p);
            } catch (IllegalArgumentException e) {
                throw failed("the task's strategy: " + e.getMessage());
            }
        }
        return read(input, ref, blobs, p);
    }

    private static ServerOptimizerState read(RoundInput input, ContentRef ref, BlobSource blobs, int p) {
        if (p > OptimizerStateCodec.MAX_PARAMETERS) {
            throw failed("an optimizer state of " + p + " parameters does not fit one blob");
        }
        long length = OptimizerStateCodec.byteLength(p);
        byte[] bytes;
        try (InputStream in = blobs.open(ref.cid(), length + 1)) {
            bytes = in.readNBytes((int) length + 1);
        } catch (IOException e) {
            throw RoundRecomputation.unavailable(ref, "the previous optimizer state", e);
        }
        String sha256 = Hashing.sha256Hex(bytes);
        if (!sha256.equals(ref.sha256())) {
            throw failed("the previous optimizer state " + ref.cid() + " hashes to " + sha256 + ", the ledger recorded "
                    + ref.sha256());
        }
        ServerOptimizerState state;
        try {
            state = OptimizerStateCodec.decode(bytes, p);
        } catch (AggregationException e) {
            throw new RoundAggregationException(
                    ErrorCode.AGGREGATION_FAILED,
                    "the previous optimizer state " + ref.cid() + " is unusable: " + e.getMessage(),
                    e);
        }
        if (state.t() != input.round() - 1) {
            throw failed("the previous optimizer state " + ref.cid() + " has taken " + state.t() + " steps; round "
                    + input.round() + " starts after " + (input.round() - 1));
        }
        return state;
    }

    /** The blob of the state after the round, or {@code null} for a stateless strategy. */
    static RoundOutcome.StateBlob next(AggregationResult result, ServerOptimizerState previous) {
        if (previous == null) {
            return null;
        }
        ServerOptimizerState next = result.nextOptimizerState()
                .orElseThrow(() -> new IllegalStateException("the server optimizer returned no state"));
        byte[] blob = OptimizerStateCodec.encode(next);
        return new RoundOutcome.StateBlob(next, blob, Hashing.sha256Hex(blob));
    }

    private static RoundAggregationException failed(String message) {
        return new RoundAggregationException(ErrorCode.AGGREGATION_FAILED, message, null);
    }
}
