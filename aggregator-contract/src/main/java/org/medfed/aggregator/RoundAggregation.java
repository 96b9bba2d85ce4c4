package org.medfed.aggregator;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.medfed.aggregator.AggregationLedger.AcceptedUpdate;
import org.medfed.aggregator.AggregationLedger.RoundInput;
import org.medfed.common.aggregation.AggregationException;
import org.medfed.common.aggregation.AggregationResult;
import org.medfed.common.aggregation.AggregationStrategy;
import org.medfed.common.aggregation.QualityScores;
import org.medfed.common.aggregation.QualityThresholds;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.aggregation.UpdateQuality;
import org.medfed.common.aggregation.VectorSource;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.contract.support.FlChaincodeException;

/**
 * One execution of {@code aggregator:aggregateRound} on one endorsing peer: a deterministic function of the ledger
 * state and the blobs' content, so every organisation's write set is byte-identical. Steps:
 * <ol>
 *   <li>read the round's global model (its base model) from this organisation's IPFS node, verified against its
 *       SHA-256; a bad global model fails the transaction ({@link ErrorCode#AGGREGATION_FAILED});</li>
 *   <li>read every accepted update once, in canonical order, verified against the ledger's SHA-256 and parameter
 *       count: a bad hash, a wrong length or a non-finite value excludes it ({@code content-invalid}, with the
 *       reason code and detail);</li>
 *   <li>refuse with {@link ErrorCode#QUORUM_NOT_MET} if fewer than the task's quorum remain;</li>
 *   <li>run the task's strategy ({@link Strategies#fromSpec}) and the quality scores over the rest; a failure that
 *       names one update's content excludes it and starts again;</li>
 *   <li>encode the new model, hash it here, add and pin it on this node, and return the report.</li>
 * </ol>
 * A blob this node cannot serve (down, timeout, not found) is <em>not</em> an exclusion: it depends on the node,
 * not on the blob, so recording it would make the organisations disagree. The transaction fails instead with
 * {@link ErrorCode#BLOB_UNAVAILABLE}, and this organisation does not endorse.
 */
final class RoundAggregation {
    /** Fabric's detail limit for an exclusion (Exclusion allows 512 code points). */
    private static final int MAX_DETAIL = 500;
    /** Blobs up to this size are one raw leaf, whose CID follows from the SHA-256 alone. */
    private static final int CHUNK = 262_144;

    private final BlobFetcher blobs;
    private final boolean diverge;

    RoundAggregation(BlobFetcher blobs, boolean diverge) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.diverge = diverge;
    }

    AggregationRequest aggregate(String taskId, RoundInput input) {
        if (Strategies.needsOptimizerState(input.spec().strategy())) {
            throw new FlChaincodeException(ErrorCode.AGGREGATION_FAILED, "strategy " + input.spec().strategy().name()
                    + " needs a server optimizer state stored by CID, which aggregateRound does not support yet;"
                    + " supported: fedavg, median, trimmed-mean, multi-krum");
        }
        AggregationStrategy strategy;
        try {
            strategy = Strategies.fromSpec(input.spec().strategy());
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(ErrorCode.AGGREGATION_FAILED, "the task's strategy: " + e.getMessage(), e);
        }
        long parameters = input.spec().model().parameterCount();
        if (parameters < 1 || parameters > FloatVectorCodec.MAX_VALUES) {
            throw new FlChaincodeException(ErrorCode.AGGREGATION_FAILED, "the model has " + parameters
                    + " parameters, more than one float32 blob can hold");
        }
        int p = (int) parameters;
        float[] global = readGlobal(input.globalModel(), p);

        Map<String, Exclusion> excluded = new TreeMap<>();
        List<WeightedUpdate> usable = new ArrayList<>();
        float[] buffer = new float[p];
        for (AcceptedUpdate update : input.updates()) {
            if (update.parameterCount() != parameters) {
                excluded.put(update.participantId(), exclusion(update.participantId(), ExclusionReason.CONTENT_INVALID,
                        "LENGTH_MISMATCH: the ledger records " + update.parameterCount() + " parameters, the model has "
                                + parameters));
                continue;
            }
            WeightedUpdate weighted = WeightedUpdate.of(update.participantId(), update.kind(), update.numExamples(),
                    update.reputation(), source(update.blob(), p));
            try {
                weighted.source().readInto(buffer);
                usable.add(weighted);
            } catch (AggregationException e) {
                excludeOrFail(update.participantId(), e, excluded);
            } catch (IOException e) {
                throw unavailable(update.blob(), "update of participant " + update.participantId(), e);
            }
        }

        while (true) {
            requireQuorum(input, usable, excluded);
            try {
                AggregationResult result = strategy.aggregate(global, usable);
                List<UpdateQuality> qualities = QualityScores.compute(global, result.model(), usable,
                        QualityThresholds.DEFAULT);
                return report(taskId, input.round(), result.model(), qualities, excluded);
            } catch (AggregationException e) {
                String participant = e.participantId().orElse(null);
                if (participant == null || e.reason().exclusion().isEmpty()) {
                    throw new FlChaincodeException(ErrorCode.AGGREGATION_FAILED, e.getMessage(), e);
                }
                excludeOrFail(participant, e, excluded);
                usable.removeIf(u -> u.participantId().equals(participant));
            }
        }
    }

    private float[] readGlobal(ContentRef model, int p) {
        float[] global = new float[p];
        try {
            source(model, p).readInto(global);
        } catch (AggregationException e) {
            throw new FlChaincodeException(ErrorCode.AGGREGATION_FAILED, "the round's global model " + model.cid()
                    + " is unusable: " + e.getMessage(), e);
        } catch (IOException e) {
            throw unavailable(model, "the round's global model", e);
        }
        return global;
    }

    /** One byte more than the blob may have, so a longer blob shows up as a length mismatch. */
    private VectorSource source(ContentRef ref, int p) {
        long cap = FloatVectorCodec.byteLength(p) + 1;
        return VectorSource.fromVerifiedBlob(() -> blobs.open(ref.cid(), cap), ref.sha256());
    }

    private static void excludeOrFail(String participant, AggregationException e, Map<String, Exclusion> excluded) {
        ExclusionReason reason = e.reason().exclusion().orElseThrow(() ->
                new FlChaincodeException(ErrorCode.AGGREGATION_FAILED, e.getMessage(), e));
        if (reason == ExclusionReason.UNAVAILABLE) {
            throw new FlChaincodeException(ErrorCode.BLOB_UNAVAILABLE, "this organisation's IPFS node could not"
                    + " serve the update of participant " + participant + ": " + e.getMessage(), e);
        }
        excluded.put(participant, exclusion(participant, reason, e.reason().name() + ": " + e.detail()));
    }

    private static Exclusion exclusion(String participant, ExclusionReason reason, String detail) {
        String text = detail == null ? null
                : detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
        return new Exclusion(participant, reason, text);
    }

    private static void requireQuorum(RoundInput input, List<WeightedUpdate> usable, Map<String, Exclusion> excluded) {
        if (usable.size() < input.spec().quorum()) {
            throw new FlChaincodeException(ErrorCode.QUORUM_NOT_MET, usable.size() + " usable updates in round "
                    + input.round() + " of task " + input.spec().id() + ", quorum " + input.spec().quorum()
                    + "; excluded: " + excluded.values().stream()
                            .map(x -> x.participantId() + " (" + x.detail() + ")").toList());
        }
    }

    private AggregationRequest report(String taskId, long round, float[] model, List<UpdateQuality> qualities,
            Map<String, Exclusion> excluded) {
        if (diverge) {
            model = model.clone();
            model[0] = Math.nextUp(model[0]);
        }
        byte[] bytes = FloatVectorCodec.encode(model);
        String sha256 = Hashing.sha256Hex(bytes);
        String cid;
        try {
            cid = blobs.addAndPin(bytes);
        } catch (IOException e) {
            throw new FlChaincodeException(ErrorCode.BLOB_UNAVAILABLE, "this organisation's IPFS node could not"
                    + " store the new global model: " + e.getMessage(), e);
        }
        if (bytes.length <= CHUNK && !cid.equals(Cids.rawLeafCidV1FromSha256Hex(sha256))) {
            throw new FlChaincodeException(ErrorCode.AGGREGATION_FAILED, "the IPFS node stored the new model as "
                    + cid + ", expected the raw-leaf CID " + Cids.rawLeafCidV1FromSha256Hex(sha256)
                    + ": it does not honour the fixed add parameters");
        }
        ContentRef globalModel;
        try {
            globalModel = new ContentRef(cid, sha256);
        } catch (IllegalArgumentException e) {
            throw new FlChaincodeException(ErrorCode.AGGREGATION_FAILED, "the IPFS node answered an invalid CID: "
                    + e.getMessage(), e);
        }
        List<Contribution> contributions = new ArrayList<>();
        for (UpdateQuality quality : qualities) {
            contributions.add(new Contribution(quality.participantId(), quality.qualityScore()));
        }
        return new AggregationRequest(taskId, round, globalModel, contributions, List.copyOf(excluded.values()));
    }

    private static FlChaincodeException unavailable(ContentRef ref, String what, IOException e) {
        return new FlChaincodeException(ErrorCode.BLOB_UNAVAILABLE, "this organisation's IPFS node could not serve "
                + what + " (" + ref.cid() + "), so it cannot endorse this aggregation: " + e.getMessage(), e);
    }
}
