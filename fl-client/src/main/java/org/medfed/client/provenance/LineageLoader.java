package org.medfed.client.provenance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.ProvenanceLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.StrategySpec;

/**
 * Builds a {@link Lineage} from the ledger: {@code provenance:getModelLineage} for the model, then once for each
 * earlier global model of its task (the ledger's answer details only the asked-for round), and the task's strategy.
 */
public final class LineageLoader {

    private final ProvenanceLedger provenance;
    private final TaskLedger tasks;

    public LineageLoader(ProvenanceLedger provenance, TaskLedger tasks) {
        this.provenance = provenance;
        this.tasks = tasks;
    }

    /** Over one connection. */
    public static LineageLoader on(LedgerClient ledger) {
        return new LineageLoader(new ProvenanceLedger(ledger), new TaskLedger(ledger));
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
            StrategySpec strategy = tasks.get(newest.taskId()).value().spec().strategy();
            found.add(new TaskLineage(newest.taskId(), newest.taskTitle(), strategy, rounds));
        }
        return new Lineage(model, found);
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
