package org.medfed.common.aggregation.round;

import java.io.IOException;
import org.medfed.common.aggregation.AggregationException;
import org.medfed.common.aggregation.Scaffold;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.protocol.ErrorCode;

/**
 * SCAFFOLD's global control variate around one round, as {@link OptimizerStates} is FedAdam's state: the c a round
 * starts from (zero in round 1, otherwise the blob the previous round recorded, read and verified), the sites' control
 * deltas (each verified against the ledger's SHA-256, length and finiteness; a bad one leaves its update out as
 * {@code content-invalid}) and the blob of c⁺ = {@link Scaffold#nextGlobalControl} over the updates the round used,
 * in canonical order, with N the task's eligible participants.
 */
final class ControlVariates {

    private ControlVariates() {}

    /**
     * The control the round starts from, or {@code null} for a task that keeps none.
     *
     * @throws RoundAggregationException {@link ErrorCode#AGGREGATION_FAILED} if the input's control variate or control
     *     deltas do not fit the strategy and round, or the previous control does not verify;
     *     {@link ErrorCode#BLOB_UNAVAILABLE} if the node cannot serve it
     */
    static float[] previous(RoundInput input, BlobSource blobs, int p) {
        String strategy = input.spec().strategy().name();
        ContentRef ref = input.controlVariate();
        if (!Strategies.needsControlVariate(input.spec().strategy())) {
            if (ref != null) {
                throw failed("strategy " + strategy + " keeps no control variate, yet the round's input names one ("
                        + ref.cid() + ")");
            }
            for (AcceptedUpdate update : input.updates()) {
                if (update.controlDelta() != null) {
                    throw failed("strategy " + strategy + " keeps no control variate, yet the update of "
                            + update.participantId() + " carries a control delta");
                }
            }
            return null;
        }
        if (input.secure() != null) {
            throw failed("SCAFFOLD needs each site's control delta, which secure aggregation hides");
        }
        if ((input.round() == 1) != (ref == null)) {
            throw failed("round " + input.round() + " of a SCAFFOLD task "
                    + (ref == null
                            ? "has no control variate from round " + (input.round() - 1)
                            : "names a control variate, but round 1 starts from zero"));
        }
        float[] control = new float[p];
        if (ref != null) {
            try {
                RoundRecomputation.source(blobs, ref, p).readInto(control);
            } catch (AggregationException e) {
                throw new RoundAggregationException(
                        ErrorCode.AGGREGATION_FAILED,
                        "the previous control variate " + ref.cid() + " is unusable: " + e.getMessage(),
                        e);
            } catch (IOException e) {
                throw RoundRecomputation.unavailable(ref, "the previous control variate", e);
            }
        }
        return control;
    }

    /** Reads each usable update's control delta once, leaving out ({@code content-invalid}) those that are bad. */
    static void excludeBadDeltas(UsableUpdates updates, BlobSource blobs, int p) {
        float[] buffer = new float[p];
        for (AcceptedUpdate update : updates.accepted()) {
            try {
                readDelta(update, blobs, p, buffer);
            } catch (AggregationException e) {
                updates.exclude(
                        update.participantId(),
                        new AggregationException(
                                e.reason(),
                                update.participantId(),
                                e.index(),
                                "its control delta " + update.controlDelta().cid() + ": " + e.detail(),
                                e));
            }
        }
    }

    /** c⁺ over the control deltas of the updates the round used, and its blob. */
    static RoundOutcome.VectorBlob next(float[] control, UsableUpdates updates, BlobSource blobs, int p, long sites) {
        Scaffold.ControlSum sum = new Scaffold.ControlSum(p);
        float[] buffer = new float[p];
        for (AcceptedUpdate update : updates.accepted()) {
            try {
                readDelta(update, blobs, p, buffer);
            } catch (AggregationException e) {
                // It verified a moment ago: the node now serves other bytes under the same CID.
                throw failed(
                        "the control delta of " + update.participantId() + " no longer verifies: " + e.getMessage());
            }
            sum.add(buffer);
        }
        float[] next = sum.nextGlobalControl(control, sites);
        byte[] blob = FloatVectorCodec.encode(next);
        return new RoundOutcome.VectorBlob(next, blob, Hashing.sha256Hex(blob));
    }

    private static void readDelta(AcceptedUpdate update, BlobSource blobs, int p, float[] target) {
        ContentRef ref = update.controlDelta();
        if (ref == null) {
            throw failed("the round accepted an update of " + update.participantId()
                    + " without a control delta, which a SCAFFOLD task needs");
        }
        try {
            RoundRecomputation.source(blobs, ref, p).readInto(target);
        } catch (IOException e) {
            throw RoundRecomputation.unavailable(ref, "the control delta of " + update.participantId(), e);
        }
    }

    private static RoundAggregationException failed(String message) {
        return new RoundAggregationException(ErrorCode.AGGREGATION_FAILED, message, null);
    }
}
