package org.medfed.common.aggregation.round;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.aggregation.AggregationException;
import org.medfed.common.aggregation.VectorSource;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.protocol.ErrorCode;

/**
 * The updates of one recomputation still in play, in canonical order, and those excluded so far. Each update's
 * blob is read through a source that remembers whether it has ever been read whole (and so verified against the
 * ledger's SHA-256, length and finiteness).
 */
final class UsableUpdates {
    /** Fabric's detail limit for an exclusion (Exclusion allows 512 code points). */
    private static final int MAX_DETAIL = 500;

    private static final class Entry {
        final AcceptedUpdate update;
        final WeightedUpdate weighted;
        final VectorSource blob;
        boolean verified;

        Entry(AcceptedUpdate update, BlobSource blobs, int p) {
            this.update = update;
            this.blob = RoundRecomputation.source(blobs, update.blob(), p);
            this.weighted = WeightedUpdate.of(
                    update.participantId(), update.kind(), update.numExamples(), update.reputation(), target -> {
                        blob.readInto(target);
                        verified = true;
                    });
        }
    }

    private final List<Entry> usable = new ArrayList<>();
    private final Map<String, Exclusion> excluded = new TreeMap<>();
    private final int p;

    /** Every update whose recorded parameter count is the model's; the others are excluded without a read. */
    UsableUpdates(List<AcceptedUpdate> updates, BlobSource blobs, int p) {
        this.p = p;
        for (AcceptedUpdate update : updates) {
            if (update.parameterCount() != p) {
                excluded.put(
                        update.participantId(),
                        exclusion(
                                update.participantId(),
                                ExclusionReason.CONTENT_INVALID,
                                "LENGTH_MISMATCH: the ledger records " + update.parameterCount()
                                        + " parameters, the model has " + p));
            } else {
                usable.add(new Entry(update, blobs, p));
            }
        }
    }

    int size() {
        return usable.size();
    }

    /** The updates still in play, in canonical order. */
    List<AcceptedUpdate> accepted() {
        return usable.stream().map(e -> e.update).toList();
    }

    /**
     * The updates still in play for the strategy: each read whole through {@link VectorSource#readInto}, one at a
     * time, which records that it verified. (Their sources cannot stream: FedAvg's side-by-side read, abandoned on a
     * bad blob, would add a read of every update to the rounds that have one.)
     */
    List<WeightedUpdate> weighted() {
        return usable.stream().map(e -> e.weighted).toList();
    }

    /**
     * The same updates for the quality scores, once the strategy has read every one whole: straight from their
     * verified blob sources, which can stream, so the scores read them side by side on several threads.
     */
    List<WeightedUpdate> streaming() {
        return usable.stream()
                .map(e -> e.weighted.withSource(e.weighted.kind(), e.blob))
                .toList();
    }

    List<Exclusion> excluded() {
        return List.copyOf(excluded.values());
    }

    /**
     * Reads once, in canonical order, every update never read whole yet, excluding those whose content is bad.
     * Returns whether there was any. Fails with {@link ErrorCode#BLOB_UNAVAILABLE} on the first the node cannot serve.
     */
    boolean verifyUnread() {
        List<Entry> unread = usable.stream().filter(e -> !e.verified).toList();
        float[] buffer = unread.isEmpty() ? null : new float[p];
        for (Entry entry : unread) {
            try {
                entry.weighted.source().readInto(buffer);
            } catch (AggregationException e) {
                exclude(entry.update.participantId(), e);
            } catch (IOException e) {
                throw RoundRecomputation.unavailable(
                        entry.update.blob(), "the update of participant " + entry.update.participantId(), e);
            }
        }
        return !unread.isEmpty();
    }

    /**
     * Leaves {@code participant} out for the reason {@code e} gives; fails the recomputation if the reason is no
     * exclusion ({@link ErrorCode#AGGREGATION_FAILED}) or the node could not serve it ({@link ErrorCode#BLOB_UNAVAILABLE}).
     */
    void exclude(String participant, AggregationException e) {
        ExclusionReason reason = e.reason()
                .exclusion()
                .orElseThrow(() -> new RoundAggregationException(ErrorCode.AGGREGATION_FAILED, e.getMessage(), e));
        if (reason == ExclusionReason.UNAVAILABLE) {
            throw new RoundAggregationException(
                    ErrorCode.BLOB_UNAVAILABLE,
                    "this organisation's IPFS node could not" + " serve the update of participant " + participant + ": "
                            + e.getMessage(),
                    e);
        }
        excluded.put(participant, exclusion(participant, reason, e.reason().name() + ": " + e.detail()));
        usable.removeIf(entry -> entry.update.participantId().equals(participant));
    }

    /** "participant (detail)" for each exclusion, for messages. */
    List<String> describeExcluded() {
        return excluded.values().stream()
                .map(x -> x.participantId() + " (" + x.detail() + ")")
                .toList();
    }

    private static Exclusion exclusion(String participant, ExclusionReason reason, String detail) {
        String text = detail == null
                ? null
                : detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL) + "...";
        return new Exclusion(participant, reason, text);
    }
}
