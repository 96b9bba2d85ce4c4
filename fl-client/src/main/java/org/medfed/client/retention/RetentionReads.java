package org.medfed.client.retention;

import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.subset.SubsetContribution;

/** The ledger reads retention needs, one method each, so the planner's tests can fake the ledger in a few lines. */
public interface RetentionReads {

    /** Every task on the ledger. */
    List<Task> tasks() throws MedfedException;

    /** Every update submitted in the round, accepted or not. */
    List<UpdateRecord> updates(String taskId, long round) throws MedfedException;

    /** The round's aggregation record; the round must be aggregated. */
    AggregationRecord aggregation(String taskId, long round) throws MedfedException;

    /** How many organisations attested that they verified the round ({@code round:listVerifications}). */
    long verifications(String taskId, long round) throws MedfedException;

    /** The published contributions of a two-stage task's shared subset. */
    List<SubsetContribution> sharedRows(String taskId) throws MedfedException;

    /** Over the ledger facades of one connection. */
    static RetentionReads over(LedgerClient ledger) {
        return new LedgerRetentionReads(ledger);
    }
}
