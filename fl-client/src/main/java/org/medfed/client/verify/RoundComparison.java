package org.medfed.client.verify;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.medfed.common.aggregation.round.BlobSource;
import org.medfed.common.aggregation.round.RoundAggregationException;
import org.medfed.common.aggregation.round.RoundInput;
import org.medfed.common.aggregation.round.RoundOutcome;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;

/**
 * Compares a recorded aggregation with its recomputation and names the first difference, in this order: the round's
 * base model, whether the round can be aggregated at all, each participant in canonical order (contribution or
 * exclusion, quality score exactly, exclusion reason), the model's SHA-256, then its CID. Participants come before
 * the model because a participant's difference explains the model's.
 */
final class RoundComparison {
    /** Blobs up to this size are one raw leaf, whose CID follows from the SHA-256 alone. */
    private static final int CHUNK = 262_144;

    private RoundComparison() {
    }

    static Optional<Difference> first(RoundInput input, AggregationRecord recorded, RoundOutcome outcome,
            RoundAggregationException refusal, BlobSource blobs) throws IOException {
        if (!recorded.parentModel().equals(input.globalModel())) {
            return Optional.of(new Difference("base model", recorded.parentModel().sha256(),
                    input.globalModel().sha256()));
        }
        if (refusal != null) {
            return Optional.of(new Difference("outcome", "aggregated into " + recorded.globalModel().sha256(),
                    refusal.code() + ": " + refusal.getMessage()));
        }
        Map<String, Contribution> recordedScores = byId(recorded.contributions(), Contribution::participantId);
        Map<String, Contribution> recomputedScores = byId(outcome.contributions(), Contribution::participantId);
        Map<String, Exclusion> recordedExclusions = byId(recorded.excluded(), Exclusion::participantId);
        Map<String, Exclusion> recomputedExclusions = byId(outcome.excluded(), Exclusion::participantId);
        TreeSet<String> everyone = new TreeSet<>(recordedScores.keySet());
        everyone.addAll(recomputedScores.keySet());
        everyone.addAll(recordedExclusions.keySet());
        everyone.addAll(recomputedExclusions.keySet());
        for (String id : everyone) {
            Contribution a = recordedScores.get(id);
            Contribution b = recomputedScores.get(id);
            Exclusion x = recordedExclusions.get(id);
            Exclusion y = recomputedExclusions.get(id);
            boolean same = a != null && b != null ? a.qualityScore().compareTo(b.qualityScore()) == 0
                    : x != null && y != null && x.reason() == y.reason();
            if (!same) {
                return Optional.of(new Difference("participant " + id, describe(a, x), describe(b, y)));
            }
        }
        if (!recorded.globalModel().sha256().equals(outcome.sha256())) {
            return Optional.of(new Difference("model sha256", recorded.globalModel().sha256(), outcome.sha256()));
        }
        return cid(recorded, outcome, blobs);
    }

    /** The recorded CID must name the recomputed bytes: derived from the hash for one raw leaf, else read back. */
    private static Optional<Difference> cid(AggregationRecord recorded, RoundOutcome outcome, BlobSource blobs)
            throws IOException {
        String cid = recorded.globalModel().cid();
        if (outcome.blob().length <= CHUNK) {
            String expected = Cids.rawLeafCidV1FromSha256Hex(outcome.sha256());
            return cid.equals(expected) ? Optional.empty() : Optional.of(new Difference("model cid", cid, expected));
        }
        byte[] served;
        try (InputStream in = blobs.open(cid, outcome.blob().length + 1L)) {
            served = in.readAllBytes();
        }
        String sha256 = Hashing.sha256Hex(served);
        return sha256.equals(outcome.sha256()) ? Optional.empty()
                : Optional.of(new Difference("model cid", cid + " (its bytes hash to " + sha256 + ")",
                        "a CID of bytes hashing to " + outcome.sha256()));
    }

    private static <T> Map<String, T> byId(List<T> items, Function<T, String> id) {
        Map<String, T> map = new TreeMap<>();
        items.forEach(item -> map.put(id.apply(item), item));
        return map;
    }

    private static String describe(Contribution contribution, Exclusion exclusion) {
        if (contribution != null) {
            return "contribution, quality score " + contribution.qualityScore().toPlainString();
        }
        if (exclusion != null) {
            return "excluded: " + exclusion.reason().wire()
                    + (exclusion.detail() == null ? "" : " (" + exclusion.detail() + ")");
        }
        return "absent";
    }
}
