package org.medfed.client.retention;

import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.SubsetLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.subset.SubsetContribution;

/** {@link RetentionReads} over {@code task:listTasks}, {@code round:*} and {@code subset:getSubset}. */
final class LedgerRetentionReads implements RetentionReads {
    /** The largest page the chaincode serves. */
    private static final int PAGE = 100;

    private final TaskLedger tasks;
    private final RoundLedger rounds;
    private final SubsetLedger subsets;

    LedgerRetentionReads(LedgerClient ledger) {
        this.tasks = new TaskLedger(ledger);
        this.rounds = new RoundLedger(ledger);
        this.subsets = new SubsetLedger(ledger);
    }

    @Override
    public List<Task> tasks() throws MedfedException {
        return tasks.listAll(PAGE).value().items();
    }

    @Override
    public List<UpdateRecord> updates(String taskId, long round) throws MedfedException {
        return rounds.updates(taskId, round).value().items();
    }

    @Override
    public AggregationRecord aggregation(String taskId, long round) throws MedfedException {
        return rounds.aggregation(taskId, round).value();
    }

    @Override
    public long verifications(String taskId, long round) throws MedfedException {
        return rounds.verifications(taskId, round).value().size();
    }

    @Override
    public List<SubsetContribution> sharedRows(String taskId) throws MedfedException {
        return subsets.subset(taskId).value().contributions();
    }
}
