package org.medfed.common.aggregation.round;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.medfed.common.aggregation.AggregationException;
import org.medfed.common.aggregation.AggregationResult;
import org.medfed.common.aggregation.AggregationStrategy;
import org.medfed.common.aggregation.QualityScores;
import org.medfed.common.aggregation.QualityThresholds;
import org.medfed.common.aggregation.ServerOptimizerState;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.aggregation.UpdateQuality;
import org.medfed.common.aggregation.VectorSource;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.protocol.ErrorCode;

/**
 * The aggregate of a closed round, recomputed from its {@link RoundInput} and the blobs' bytes: what
 * {@code aggregator:aggregateRound} runs on every endorsing peer, and what {@code medfed verify} runs to check a
 * recorded round. A deterministic function of the input and the blobs' content:
 * <ol>
 *   <li>read the global model, verified against its SHA-256; a bad one fails ({@link ErrorCode#AGGREGATION_FAILED});
 *   </li>
 *   <li>for a server optimizer (fedadam, fedyogi), take the initial state in round 1, and otherwise read the previous
 *       round's state blob, verified against its SHA-256 and its step count ({@link ErrorCode#AGGREGATION_FAILED}
 *       if it does not verify); the outcome carries the next state and its blob;</li>
 *   <li>for SCAFFOLD, take c = 0 in round 1, and otherwise read the previous round's control variate, verified
 *       likewise; read each update's control delta once, excluding ({@code content-invalid}) an update whose delta
 *       does not verify; after the strategy, the outcome carries c⁺ over the updates used and its blob;</li>
 *   <li>exclude, without reading it, an update whose recorded parameter count is not the model's;</li>
 *   <li>run the task's strategy ({@link Strategies#fromSpec}) and the quality scores over the others, each blob
 *       verified against the ledger's SHA-256 and length as it streams by. A failure that names one update's content
 *       (bad hash, wrong length, non-finite value) excludes it ({@code content-invalid}, with reason code and
 *       detail); every update not yet read whole is then read once, excluding the bad ones, and the strategy starts
 *       again;</li>
 *   <li>before any failure of the whole (below quorum, {@link ErrorCode#QUORUM_NOT_MET}; a strategy refusal,
 *       {@link ErrorCode#AGGREGATION_FAILED}) every update not yet read whole is read once first.</li>
 * </ol>
 * So the exclusions and the outcome are exactly those of reading and verifying every blob before aggregating, but a
 * round without a bad blob reads each update twice (strategy and quality scores), and never more than three times.
 * A blob the node cannot serve is not an exclusion (it depends on the node, not the blob): the recomputation fails
 * with {@link ErrorCode#BLOB_UNAVAILABLE}.
 */
public final class RoundRecomputation {
    private final BlobSource blobs;
    private final QualityThresholds thresholds;

    public RoundRecomputation(BlobSource blobs) {
        this(blobs, QualityThresholds.DEFAULT);
    }

    public RoundRecomputation(BlobSource blobs, QualityThresholds thresholds) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
    }

    /** @throws RoundAggregationException if the round cannot be aggregated, with the transaction's error code */
    public RoundOutcome aggregate(RoundInput input) {
        int p = parameters(input.spec());
        float[] global = readGlobal(input.globalModel(), p);
        ServerOptimizerState previous = OptimizerStates.previous(input, blobs, p);
        float[] control = ControlVariates.previous(input, blobs, p);
        AggregationStrategy strategy = strategy(input.spec(), previous);
        if (input.secure() != null) {
            return new SecureRoundRecomputation(blobs).aggregate(input, global, previous, strategy);
        }
        UsableUpdates updates = new UsableUpdates(input.updates(), blobs, p);
        if (control != null) {
            ControlVariates.excludeBadDeltas(updates, blobs, p);
        }
        while (true) {
            if (updates.size() < input.spec().quorum()) {
                if (updates.verifyUnread()) {
                    continue;
                }
                throw new RoundAggregationException(
                        ErrorCode.QUORUM_NOT_MET,
                        updates.size() + " usable updates in"
                                + " round " + input.round() + " of task "
                                + input.spec().id() + ", quorum "
                                + input.spec().quorum() + "; excluded: " + updates.describeExcluded(),
                        null);
            }
            try {
                AggregationResult result = strategy.aggregate(global, updates.weighted());
                List<UpdateQuality> qualities =
                        QualityScores.compute(global, result.model(), updates.streaming(), thresholds);
                RoundOutcome.VectorBlob nextControl = control == null
                        ? null
                        : ControlVariates.next(
                                control,
                                updates,
                                blobs,
                                p,
                                input.spec().eligibleParticipants().size());
                return outcome(result.model(), qualities, updates, OptimizerStates.next(result, previous), nextControl);
            } catch (AggregationException e) {
                String participant = e.participantId().orElse(null);
                if (participant != null && e.reason().exclusion().isPresent()) {
                    updates.exclude(participant, e);
                    updates.verifyUnread();
                } else if (!updates.verifyUnread()) {
                    throw new RoundAggregationException(ErrorCode.AGGREGATION_FAILED, e.getMessage(), e);
                }
            }
        }
    }

    private static AggregationStrategy strategy(TaskSpec spec, ServerOptimizerState previous) {
        try {
            return Strategies.fromSpec(spec.strategy(), previous);
        } catch (IllegalArgumentException e) {
            throw new RoundAggregationException(
                    ErrorCode.AGGREGATION_FAILED, "the task's strategy: " + e.getMessage(), e);
        }
    }

    private static int parameters(TaskSpec spec) {
        long parameters = spec.model().parameterCount();
        if (parameters < 1 || parameters > FloatVectorCodec.MAX_VALUES) {
            throw new RoundAggregationException(
                    ErrorCode.AGGREGATION_FAILED,
                    "the model has " + parameters + " parameters, more than one float32 blob can hold",
                    null);
        }
        return (int) parameters;
    }

    private float[] readGlobal(ContentRef model, int p) {
        float[] global = new float[p];
        try {
            source(blobs, model, p).readInto(global);
        } catch (AggregationException e) {
            throw new RoundAggregationException(
                    ErrorCode.AGGREGATION_FAILED,
                    "the round's global model " + model.cid() + " is unusable: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw unavailable(model, "the round's global model", e);
        }
        return global;
    }

    private static RoundOutcome outcome(
            float[] model,
            List<UpdateQuality> qualities,
            UsableUpdates updates,
            RoundOutcome.StateBlob state,
            RoundOutcome.VectorBlob control) {
        byte[] blob = FloatVectorCodec.encode(model);
        List<Contribution> contributions = new ArrayList<>();
        for (UpdateQuality quality : qualities) {
            contributions.add(new Contribution(quality.participantId(), quality.qualityScore()));
        }
        return new RoundOutcome(
                model, blob, Hashing.sha256Hex(blob), contributions, updates.excluded(), state, control);
    }

    /** The blob as P values, verified against its SHA-256; one byte more is asked for, so a longer blob shows. */
    static VectorSource source(BlobSource blobs, ContentRef ref, int p) {
        long cap = FloatVectorCodec.byteLength(p) + 1;
        return VectorSource.fromVerifiedBlob(() -> blobs.open(ref.cid(), cap), ref.sha256());
    }

    static RoundAggregationException unavailable(ContentRef ref, String what, IOException e) {
        return new RoundAggregationException(
                ErrorCode.BLOB_UNAVAILABLE,
                "this organisation's IPFS node could not" + " serve " + what + " (" + ref.cid()
                        + "), so it cannot aggregate this round: " + e.getMessage(),
                e);
    }
}
