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
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;

/**
 * Compares a recorded aggregation with its recomputation and names the first difference, in this order: the round's
 * base model, whether the round can be aggregated at all, each participant in canonical order (contribution or
 * exclusion, and the exclusion reason), then each participant's quality score exactly, the model's SHA-256, then its
 * CID, then for a server optimizer the SHA-256 and CID of its state after the round, then for SCAFFOLD those of the
 * control variate after the round. Participants come before the model because a participant's difference explains
 * the model's; who took part comes before the scores because a score is relative to the round's other updates, so
 * one update excluded on recomputation changes the others' scores too.
 */
final class RoundComparison {
    /** Blobs up to this size are one raw leaf, whose CID follows from the SHA-256 alone. */
    private static final int CHUNK = 262_144;

    private RoundComparison() {}

    static Optional<Difference> first(
            RoundInput input,
            AggregationRecord recorded,
            RoundOutcome outcome,
            RoundAggregationException refusal,
            BlobSource blobs)
            throws IOException {
        if (!recorded.parentModel().equals(input.globalModel())) {
            return Optional.of(new Difference(
                    "base model",
                    recorded.parentModel().sha256(),
                    input.globalModel().sha256()));
        }
        if (refusal != null) {
            return Optional.of(new Difference(
                    "outcome",
                    "aggregated into " + recorded.globalModel().sha256(),
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
        for (boolean scores : new boolean[] {false, true}) {
            for (String id : everyone) {
                Contribution a = recordedScores.get(id);
                Contribution b = recomputedScores.get(id);
                Exclusion x = recordedExclusions.get(id);
                Exclusion y = recomputedExclusions.get(id);
                boolean same = a != null && b != null
                        ? !scores || a.qualityScore().compareTo(b.qualityScore()) == 0
                        : x != null && y != null && x.reason() == y.reason();
                if (!same) {
                    return Optional.of(new Difference("participant " + id, describe(a, x), describe(b, y)));
                }
            }
        }
        if (!recorded.globalModel().sha256().equals(outcome.sha256())) {
            return Optional.of(
                    new Difference("model sha256", recorded.globalModel().sha256(), outcome.sha256()));
        }
        Optional<Difference> model =
                cid("model cid", recorded.globalModel().cid(), outcome.blob(), outcome.sha256(), blobs);
        if (model.isPresent()) {
            return model;
        }
        Optional<Difference> state = optimizerState(recorded, outcome, blobs);
        return state.isPresent() ? state : controlVariate(recorded, outcome, blobs);
    }

    /** SCAFFOLD's control variate after the round: present in both or neither, the same SHA-256, then CID. */
    private static Optional<Difference> controlVariate(
            AggregationRecord recorded, RoundOutcome outcome, BlobSource blobs) throws IOException {
        ContentRef control = recorded.controlVariate();
        RoundOutcome.VectorBlob recomputed = outcome.controlVariate();
        if (control == null && recomputed == null) {
            return Optional.empty();
        }
        if (control == null || recomputed == null || !control.sha256().equals(recomputed.sha256())) {
            return Optional.of(new Difference(
                    "control variate sha256",
                    control == null ? "none" : control.sha256(),
                    recomputed == null ? "none" : recomputed.sha256()));
        }
        return cid("control variate cid", control.cid(), recomputed.blob(), recomputed.sha256(), blobs);
    }

    /** A server optimizer's state after the round: present in both or neither, the same SHA-256, then CID. */
    private static Optional<Difference> optimizerState(
            AggregationRecord recorded, RoundOutcome outcome, BlobSource blobs) throws IOException {
        ContentRef state = recorded.optimizerState();
        RoundOutcome.StateBlob recomputed = outcome.optimizerState();
        if (state == null && recomputed == null) {
            return Optional.empty();
        }
        if (state == null || recomputed == null || !state.sha256().equals(recomputed.sha256())) {
            return Optional.of(new Difference(
                    "optimizer state sha256",
                    state == null ? "none" : state.sha256(),
                    recomputed == null ? "none" : recomputed.sha256()));
        }
        return cid("optimizer state cid", state.cid(), recomputed.blob(), recomputed.sha256(), blobs);
    }

    /** The recorded CID must name the recomputed bytes: derived from the hash for one raw leaf, else read back. */
    private static Optional<Difference> cid(String field, String cid, byte[] blob, String sha256Hex, BlobSource blobs)
            throws IOException {
        if (blob.length <= CHUNK) {
            String expected = Cids.rawLeafCidV1FromSha256Hex(sha256Hex);
            return cid.equals(expected) ? Optional.empty() : Optional.of(new Difference(field, cid, expected));
        }
        byte[] served;
        try (InputStream in = blobs.open(cid, blob.length + 1L)) {
            served = in.readAllBytes();
        }
        String sha256 = Hashing.sha256Hex(served);
        return sha256.equals(sha256Hex)
                ? Optional.empty()
                : Optional.of(new Difference(
                        field, cid + " (its bytes hash to " + sha256 + ")", "a CID of bytes hashing to " + sha256Hex));
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
