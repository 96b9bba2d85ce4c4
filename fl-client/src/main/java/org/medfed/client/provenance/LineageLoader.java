package org.medfed.client.provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.ProvenanceLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.retention.RetentionCheck;
import org.medfed.client.retention.RetentionReads;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Task;
import org.medfed.common.retention.RoundRetention;

/**
 * Builds a {@link Lineage} from the ledger: {@code provenance:getModelLineage} for the model, then once for each
 * earlier global model of its task (the ledger's answer details only the asked-for round), the task's strategy and,
 * for a task with a retention policy, which rounds' inputs it released ({@link RetentionCheck}).
 */
public final class LineageLoader {

    private final ProvenanceLedger provenance;
    private final TaskLedger tasks;
    private final RetentionCheck retention;

    public LineageLoader(ProvenanceLedger provenance, TaskLedger tasks, RetentionCheck retention) {
        this.provenance = provenance;
        this.tasks = tasks;
        this.retention = retention;
    }

    /** Over one connection. */
    public static LineageLoader on(LedgerClient ledger) {
        return new LineageLoader(
                new ProvenanceLedger(ledger), new TaskLedger(ledger), new RetentionCheck(RetentionReads.over(ledger)));
    }

    public Lineage load(String model) throws MedfedException {
        List<TaskLineage> found = new ArrayList<>();
        for (Map<String, Object> json : provenance.lineages(model).value()) {
            RoundLineage newest = RoundLineage.fromJson(json);
            List<RoundLineage> rounds = new ArrayList<>(List.of(newest));
            for (Map<String, Object> ancestor : JsonFields.objects(json, "ancestry")) {
                long round = JsonFields.integer(ancestor, "round");
                ContentRef ref = ContentRef.fromJson(JsonFields.object(ancestor, "model"));
                rounds.add(occurrence(newest.taskId(), round, ref));
            }
            Task task = tasks.get(newest.taskId()).value();
            found.add(new TaskLineage(
                    newest.taskId(),
                    newest.taskTitle(),
                    task.spec().strategy(),
                    rounds,
                    task.spec().retentionPolicy().orElse(null),
                    released(task, rounds)));
        }
        return new Lineage(model, found);
    }

    /** What the task's retention policy says of each aggregated round of the lineage whose inputs it released. */
    private Map<Long, String> released(Task task, List<RoundLineage> rounds) throws MedfedException {
        Map<Long, String> released = new TreeMap<>();
        if (task.spec().retentionPolicy().isEmpty()) {
            return released;
        }
        for (RoundLineage round : rounds) {
            if (!round.initial()) {
                RoundRetention decision = retention.of(task, round.round());
                if (decision.released()) {
                    released.put(round.round(), RetentionCheck.released(task, round.round(), decision));
                }
            }
        }
        return released;
    }

    /** The same model may be the initial or global model of several tasks; this picks the one asked for. */
    private RoundLineage occurrence(String taskId, long round, ContentRef model) throws MedfedException {
        for (Map<String, Object> json : provenance.lineages(model.sha256()).value()) {
            RoundLineage candidate = RoundLineage.fromJson(json);
            if (candidate.taskId().equals(taskId) && candidate.round() == round) {
                return candidate;
            }
        }
        throw new MedfedException(
                MedfedException.INTERNAL,
                "the ledger lists model " + model.cid() + " as round " + round + " of task " + taskId
                        + ", but has no lineage for it",
                null);
    }
}
