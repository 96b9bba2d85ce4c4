package org.medfed.client.retention;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.retention.RoundRetention;
import org.medfed.common.subset.SubsetContribution;

/**
 * Reads every task on the ledger and decides, with {@link RetentionCheck}, which round inputs a node may unpin. A
 * blob is released only when every task that references it lets it go: the same bytes have the same CID, so an update
 * may equal another round's update, a model or a control variate (a zero vector, say), and then it stays. Reads only;
 * with no policy on the ledger it reads nothing but the task list.
 */
public final class StoragePlanner {
    private final RetentionReads ledger;
    private final RetentionCheck check;

    public StoragePlanner(RetentionReads ledger) {
        this.ledger = ledger;
        this.check = new RetentionCheck(ledger);
    }

    public StoragePlan plan() throws MedfedException {
        List<Task> tasks = ledger.tasks();
        if (tasks.stream().allMatch(t -> t.spec().retentionPolicy().isEmpty())) {
            return StoragePlan.keepEverything(tasks.size());
        }
        Set<String> kept = new TreeSet<>();
        Set<String> forever = new TreeSet<>();
        List<StoragePlan.Release> candidates = new ArrayList<>();
        List<StoragePlan.RoundDecision> rounds = new ArrayList<>();
        for (Task task : tasks) {
            forever.add(task.spec().model().initialModel().cid());
            forever.add(task.globalModel().cid());
            for (long round = 1; round <= task.currentRound(); round++) {
                if (round <= task.aggregatedRounds()) {
                    keepModels(ledger.aggregation(task.id(), round), forever);
                }
                RoundRetention retention = check.of(task, round);
                if (task.spec().retentionPolicy().isPresent()) {
                    rounds.add(new StoragePlan.RoundDecision(
                            task.id(),
                            round,
                            retention,
                            task.spec().retentionPolicy().get().describe()));
                }
                for (UpdateRecord update : ledger.updates(task.id(), round)) {
                    inputs(task.id(), round, update, retention).forEach(input -> {
                        if (retention.released()) {
                            candidates.add(input);
                        } else {
                            kept.add(input.cid());
                        }
                    });
                }
            }
            if (task.spec().subset().isPresent()) {
                for (SubsetContribution rows : ledger.sharedRows(task.id())) {
                    kept.add(rows.cid());
                }
            }
        }
        kept.addAll(forever);
        List<StoragePlan.Release> releases = new ArrayList<>();
        List<StoragePlan.Release> withheld = new ArrayList<>();
        for (StoragePlan.Release candidate : candidates) {
            (kept.contains(candidate.cid()) ? withheld : releases).add(candidate);
        }
        return new StoragePlan(releases, withheld, kept, forever, rounds, tasks.size());
    }

    /** Every model-like blob an aggregation names: what later rounds and every verification start from. */
    private static void keepModels(AggregationRecord aggregation, Set<String> forever) {
        forever.add(aggregation.globalModel().cid());
        forever.add(aggregation.parentModel().cid());
        for (ContentRef state : new ContentRef[] {aggregation.optimizerState(), aggregation.controlVariate()}) {
            if (state != null) {
                forever.add(state.cid());
            }
        }
    }

    private static List<StoragePlan.Release> inputs(
            String taskId, long round, UpdateRecord update, RoundRetention retention) {
        List<StoragePlan.Release> inputs = new ArrayList<>();
        inputs.add(new StoragePlan.Release(
                update.submission().cid(), taskId, round, update.participantId(), StoragePlan.Input.UPDATE, retention));
        ContentRef delta = update.submission().controlDelta();
        if (delta != null) {
            inputs.add(new StoragePlan.Release(
                    delta.cid(), taskId, round, update.participantId(), StoragePlan.Input.CONTROL_DELTA, retention));
        }
        return inputs;
    }
}
