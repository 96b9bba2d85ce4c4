package org.medfed.client.console;

import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.view.DpText;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;

/** Every task on the channel (task:listTasks): status, round, participants, strategy, DP and secure aggregation. */
final class TasksPage implements Page {
    private final LedgerClient ledger;

    TasksPage(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Override
    public Rendered render(Request request) throws Exception {
        List<Task> tasks = new TaskLedger(ledger).listAll(100).value().items();
        HtmlTable table = HtmlTable.of(
                        tasks.size() + " task(s), from task:listTasks",
                        "task",
                        "title",
                        "status",
                        "progress",
                        "participants",
                        "strategy",
                        "differential privacy",
                        "secure aggregation")
                .numeric(4);
        for (Task task : tasks) {
            TaskSpec spec = task.spec();
            table.row(
                    Html.link(Links.task(task.id()), task.id()),
                    Html.text(spec.title()),
                    status(task),
                    progress(task),
                    Long.toString(spec.eligibleParticipants().size()),
                    Html.text(strategy(spec)),
                    Html.text(DpText.of(spec)),
                    Html.text(secure(spec)));
        }
        String body = "<h1>Tasks</h1>\n<p class=\"lead\">Federated training tasks as the ledger records them. "
                + "This page refreshes itself when any task changes.</p>\n"
                + (tasks.isEmpty() ? "<p>No task has been created yet.</p>\n" : table.render());
        return new Rendered("Tasks", "", body);
    }

    static String status(Task task) {
        String css = switch (task.status()) {
            case COMPLETED -> "status-ok";
            case CANCELLED, PAUSED -> "status-bad";
            default -> "";
        };
        return "<span class=\"" + css + "\">" + Html.text(task.status().wire()) + "</span>"
                + (task.statusReason() == null ? "" : " (" + Html.text(task.statusReason()) + ")");
    }

    /** Rounds aggregated out of the task's rounds, as text and as a progress bar with the same numbers. */
    static String progress(Task task) {
        long total = task.spec().rounds();
        long done = task.aggregatedRounds();
        String label = done + " of " + total + " rounds aggregated";
        return "<progress max=\"" + total + "\" value=\"" + done + "\" aria-label=\"" + Html.text(label) + "\">" + done
                + "/" + total + "</progress> " + Html.text(label);
    }

    static String strategy(TaskSpec spec) {
        return spec.strategy().name()
                + (spec.strategy().params().isEmpty()
                        ? ""
                        : " " + spec.strategy().params());
    }

    static String secure(TaskSpec spec) {
        return spec.securelyAggregated()
                ? "yes: the ledger sees only the sum of each round's masked inputs"
                : "no: each update in clear";
    }
}
