package org.medfed.common.aggregation;

import java.util.List;

/**
 * What an aggregation did, for the ledger and for people: every participant given (canonical order), those whose
 * values went into the model ({@link MultiKrum} keeps only some), those whose delta {@link NormClipped} scaled down,
 * the sum of the selected updates' weights (added in canonical order; unweighted strategies report it too), and
 * the most update values the strategy held at once: P for streaming strategies reading one update at a time, a few
 * tiles of every update when they read side by side (FedAvg), K × P for buffered ones.
 */
public record AggregationStats(
        List<String> participants,
        List<String> selected,
        List<String> clipped,
        double totalWeight,
        long bufferedValues) {

    public AggregationStats {
        participants = List.copyOf(participants);
        selected = List.copyOf(selected);
        clipped = List.copyOf(clipped);
    }

    public AggregationStats withClipped(List<String> newClipped) {
        return new AggregationStats(participants, selected, newClipped, totalWeight, bufferedValues);
    }
}
