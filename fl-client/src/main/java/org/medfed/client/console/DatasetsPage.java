package org.medfed.client.console;

import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.DatasetUse;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.DatasetDescription;
import org.medfed.common.model.Task;

/**
 * Every registered dataset (dataset:listDatasets: holder, rows, purpose, consent, licence, fingerprints) and, per
 * task, each holder's decision on the task's use of it (dataset:listDatasetUses). The rows themselves never reach
 * the ledger; neither do they reach this page.
 */
final class DatasetsPage implements Page {
    private final LedgerClient ledger;

    DatasetsPage(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Override
    public Rendered render(Request request) throws Exception {
        Directory names = Directory.read(ledger);
        DatasetLedger datasets = new DatasetLedger(ledger);
        List<DatasetDescription> all = datasets.listAll(100).value().items();
        HtmlTable registered = HtmlTable.of(
                        all.size() + " registered dataset(s), from dataset:listDatasets",
                        "dataset",
                        "holder",
                        "rows",
                        "purpose",
                        "consent basis",
                        "licence",
                        "content SHA-256",
                        "registered")
                .numeric(2);
        for (DatasetDescription d : all) {
            registered.row(
                    Html.link(Links.record("dataset~" + d.id()), d.id()),
                    names.link(d.ownerId()),
                    Long.toString(d.rowCount()),
                    Html.text(d.purpose()),
                    Html.text(d.consentBasis()),
                    Html.text(d.licence()),
                    Html.shortCode(d.contentSha256()),
                    Html.text(d.registeredAt()));
        }
        HtmlTable uses = HtmlTable.of(
                "Holders' decisions on each task's use of their datasets, from dataset:listDatasetUses",
                "task",
                "purpose",
                "dataset",
                "holder",
                "decision",
                "reason",
                "decided");
        for (Task task : new TaskLedger(ledger).listAll(100).value().items()) {
            var taskUses = datasets.uses(task.id()).value();
            for (DatasetUse use : taskUses.items()) {
                var decision = use.decision();
                uses.row(
                        Html.link(Links.task(task.id()), task.id()),
                        Html.text(
                                        taskUses.purpose() == null
                                                ? "-"
                                                : taskUses.purpose().wire())
                                + (taskUses.approvalRequired() ? "" : " (no approval required)"),
                        Html.link(Links.record("dsuse~" + task.id() + "~" + use.datasetId()), use.datasetId()),
                        names.link(use.holderId()),
                        Html.text(use.status()),
                        decision == null ? "-" : Html.text(decision.reason()),
                        decision == null ? "-" : Html.text(decision.decidedAt()));
            }
        }
        String body = "<h1>Datasets</h1>\n<p class=\"lead\">What each site registered about its data: counts, "
                + "consent and fingerprints only.</p>\n" + registered.render()
                + "<h2 id=\"uses\">Use decisions</h2>\n"
                + (uses.isEmpty() ? "<p>No task names a dataset yet.</p>\n" : uses.render());
        return new Rendered("Datasets", null, body);
    }
}
