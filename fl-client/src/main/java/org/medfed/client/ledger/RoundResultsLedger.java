package org.medfed.client.ledger;

import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.protocol.TxNames;

/** What rounds produced: the accepted updates, the aggregation record, and the aggregation itself. */
public final class RoundResultsLedger {

    private final LedgerCalls calls;

    public RoundResultsLedger(LedgerClient client) {
        this.calls = new LedgerCalls(client);
    }

    /** {@code aggregator:aggregateRound}: every endorsing organisation recomputes the round from its own Kubo node. */
    public Reply<AggregateResult> aggregate(String taskId, long round) throws MedfedException {
        return calls.submit(
                AggregateResult::fromJson, TxNames.AGGREGATOR_AGGREGATE_ROUND, taskId, Long.toString(round));
    }

    public Reply<AggregationRecord> aggregation(String taskId, long round) throws MedfedException {
        return calls.evaluate(AggregationRecord::fromJson, TxNames.ROUND_GET_AGGREGATION, taskId, Long.toString(round));
    }

    /** Every update of the round, by participant id, following the bookmarks. */
    public Reply<List<UpdateRecord>> updates(String taskId, long round) throws MedfedException {
        Reply<Page<UpdateRecord>> all = calls.all(
                UpdateRecord::fromJson,
                TxNames.ROUND_LIST_UPDATES,
                LedgerCalls.MAX_PAGE_SIZE,
                taskId,
                Long.toString(round));
        return new Reply<>(all.value().items(), all.json());
    }
}
