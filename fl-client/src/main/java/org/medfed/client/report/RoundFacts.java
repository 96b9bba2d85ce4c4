package org.medfed.client.report;

import java.util.List;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.round.RoundState;

/**
 * What the ledger holds about one round: its state, its updates and its aggregation (null until aggregated), and
 * {@code ledgerBytes}, the size of those three records as the ledger answered them (UTF-8 JSON).
 */
public record RoundFacts(
        RoundState state, List<UpdateRecord> updates, AggregationRecord aggregation, long ledgerBytes) {
    public RoundFacts {
        updates = List.copyOf(updates);
    }
}
