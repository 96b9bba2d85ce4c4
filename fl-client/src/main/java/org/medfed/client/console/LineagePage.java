package org.medfed.client.console;

import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.provenance.Lineage;
import org.medfed.client.provenance.LineageLoader;
import org.medfed.client.provenance.TaskLineage;

/**
 * Where a model comes from (provenance:getModelLineage, as {@code medfed provenance}): the graph from the datasets
 * and the initial model through every update and aggregation to the model asked for, one per task it occurs in.
 */
final class LineagePage implements Page {
    private final LedgerClient ledger;

    LineagePage(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Override
    public Rendered render(Request request) throws Exception {
        String model = request.required("model");
        Lineage lineage = LineageLoader.on(ledger).load(model);
        StringBuilder body = new StringBuilder("<h1>Lineage of model <code>")
                .append(Html.text(model))
                .append("</code></h1>\n");
        if (lineage.tasks().isEmpty()) {
            body.append("<p>No task on the ledger has this model as its initial or a global model.</p>\n");
        }
        int index = 1;
        for (TaskLineage task : lineage.tasks()) {
            body.append("<h2>Task ")
                    .append(Html.link(Links.task(task.taskId()), task.taskId()))
                    .append(", round ")
                    .append(task.rounds().get(0).round())
                    .append("</h2>\n")
                    .append(LineageGraph.render("lineage-" + index++, task));
        }
        return new Rendered("Lineage of " + model, null, body.toString());
    }
}
