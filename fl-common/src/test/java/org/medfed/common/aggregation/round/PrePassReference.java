package org.medfed.common.aggregation.round;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.aggregation.AggregationException;
import org.medfed.common.aggregation.AggregationResult;
import org.medfed.common.aggregation.AggregationStrategy;
import org.medfed.common.aggregation.QualityScores;
import org.medfed.common.aggregation.QualityThresholds;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.aggregation.UpdateQuality;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.protocol.ErrorCode;

/**
 * The aggregator as it was before reads were cut (commit 04a3396): a pass that reads and verifies every update
 * first, then the strategy and quality scores over the good ones. Kept only to show that {@link RoundRecomputation}
 * gives exactly the same exclusions and outcome.
 */
final class PrePassReference {
    private PrePassReference() {}

    static RoundOutcome aggregate(RoundInput input, BlobSource blobs) {
        AggregationStrategy strategy = Strategies.fromSpec(input.spec().strategy());
        int p = (int) input.spec().model().parameterCount();
        float[] global = new float[p];
        try {
            RoundRecomputation.source(blobs, input.globalModel(), p).readInto(global);
        } catch (IOException e) {
            throw new RoundAggregationException(ErrorCode.BLOB_UNAVAILABLE, e.getMessage(), e);
        }
        Map<String, Exclusion> excluded = new TreeMap<>();
        List<WeightedUpdate> usable = new ArrayList<>();
        float[] buffer = new float[p];
        for (AcceptedUpdate update : input.updates()) {
            if (update.parameterCount() != p) {
                excluded.put(
                        update.participantId(),
                        new Exclusion(
                                update.participantId(),
                                ExclusionReason.CONTENT_INVALID,
                                "LENGTH_MISMATCH: the ledger records " + update.parameterCount()
                                        + " parameters, the model has " + p));
                continue;
            }
            WeightedUpdate weighted = WeightedUpdate.of(
                    update.participantId(),
                    update.kind(),
                    update.numExamples(),
                    update.reputation(),
                    RoundRecomputation.source(blobs, update.blob(), p));
            try {
                weighted.source().readInto(buffer);
                usable.add(weighted);
            } catch (AggregationException e) {
                exclude(update.participantId(), e, excluded);
            } catch (IOException e) {
                throw new RoundAggregationException(ErrorCode.BLOB_UNAVAILABLE, e.getMessage(), e);
            }
        }
        while (true) {
            if (usable.size() < input.spec().quorum()) {
                throw new RoundAggregationException(
                        ErrorCode.QUORUM_NOT_MET,
                        usable.size() + " usable updates in"
                                + " round " + input.round() + " of task "
                                + input.spec().id() + ", quorum "
                                + input.spec().quorum() + "; excluded: "
                                + excluded.values().stream()
                                        .map(x -> x.participantId() + " (" + x.detail() + ")")
                                        .toList(),
                        null);
            }
            try {
                AggregationResult result = strategy.aggregate(global, usable);
                List<UpdateQuality> qualities =
                        QualityScores.compute(global, result.model(), usable, QualityThresholds.DEFAULT);
                byte[] blob = FloatVectorCodec.encode(result.model());
                return new RoundOutcome(
                        result.model(),
                        blob,
                        Hashing.sha256Hex(blob),
                        qualities.stream()
                                .map(q -> new Contribution(q.participantId(), q.qualityScore()))
                                .toList(),
                        List.copyOf(excluded.values()));
            } catch (AggregationException e) {
                String participant = e.participantId().orElse(null);
                if (participant == null || e.reason().exclusion().isEmpty()) {
                    throw new RoundAggregationException(ErrorCode.AGGREGATION_FAILED, e.getMessage(), e);
                }
                exclude(participant, e, excluded);
                usable.removeIf(u -> u.participantId().equals(participant));
            }
        }
    }

    private static void exclude(String participant, AggregationException e, Map<String, Exclusion> excluded) {
        ExclusionReason reason = e.reason()
                .exclusion()
                .orElseThrow(() -> new RoundAggregationException(ErrorCode.AGGREGATION_FAILED, e.getMessage(), e));
        if (reason == ExclusionReason.UNAVAILABLE) {
            throw new RoundAggregationException(ErrorCode.BLOB_UNAVAILABLE, e.getMessage(), e);
        }
        excluded.put(participant, new Exclusion(participant, reason, e.reason().name() + ": " + e.detail()));
    }
}
