package org.medfed.client.console;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.report.ReportCollector;
import org.medfed.client.report.ReportData;
import org.medfed.client.report.ReportSeries;
import org.medfed.client.report.RoundFacts;
import org.medfed.client.view.DpText;
import org.medfed.common.budget.BudgetProjection;
import org.medfed.common.budget.RdpEpsilonAccountant;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.round.RoundState;

/**
 * One task: its settings, a table of its rounds, the updates' validation metrics, each participant's reputation and
 * ε against the cap (with where ε is heading). Read with {@link ReportCollector}, the same reads as
 * {@code medfed report}; refreshes itself on the task's events.
 */
final class TaskPage implements Page {
    private final LedgerClient ledger;

    TaskPage(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Override
    public Rendered render(Request request) throws Exception {
        String taskId = request.required("id");
        ReportData data = ReportCollector.on(ledger).collect(taskId);
        Directory names = Directory.read(ledger);
        Task task = data.task();
        TaskSpec spec = task.spec();
        StringBuilder body = new StringBuilder()
                .append("<h1>")
                .append(Html.text(spec.title()))
                .append("</h1>\n")
                .append("<p class=\"lead\">Task ")
                .append(Html.link(Links.record("task~" + taskId), taskId))
                .append(": ")
                .append(TasksPage.status(task))
                .append(", ")
                .append(TasksPage.progress(task))
                .append("</p>\n")
                .append(settings(task, names))
                .append("<h2 id=\"rounds\">Rounds</h2>\n")
                .append(rounds(data, names))
                .append("<h2 id=\"metrics\">Validation metrics</h2>\n")
                .append(Charts.metrics(data))
                .append("<h2 id=\"reputation\">Reputation</h2>\n")
                .append(Charts.reputation(data, names))
                .append("<h2 id=\"privacy\">Privacy spent</h2>\n")
                .append(privacy(data, names));
        return new Rendered(spec.title(), taskId, body.toString());
    }

    private static String settings(Task task, Directory names) {
        TaskSpec spec = task.spec();
        return new FactList()
                .fact("strategy", Html.text(TasksPage.strategy(spec)))
                .fact("differential privacy", Html.text(DpText.of(spec)))
                .fact("secure aggregation", Html.text(TasksPage.secure(spec)))
                .fact(
                        "participants",
                        spec.eligibleParticipants().stream().map(names::link).collect(Collectors.joining(", "))
                                + " (quorum " + spec.quorum() + ")")
                .fact(
                        "datasets",
                        spec.admittedDatasets().stream()
                                .map(d -> Html.link(Links.record("dataset~" + d), d))
                                .collect(Collectors.joining(", ")))
                .fact("rounds", spec.rounds() + " of at most " + spec.roundDurationSeconds() + " s each")
                .fact(
                        "global model",
                        Html.link(
                                        Links.lineage(task.globalModel().cid()),
                                        task.globalModel().cid()) + " (lineage)")
                .fact("created", Html.text(task.createdAt()) + " by " + names.link(task.createdBy()))
                .render();
    }

    private static String rounds(ReportData data, Directory names) {
        int expected = data.task().spec().eligibleParticipants().size();
        HtmlTable table = HtmlTable.of(
                        "Rounds of the task, from round:getRound, round:listUpdates and round:getAggregation",
                        "round",
                        "status",
                        "deadline",
                        "updates submitted",
                        "excluded",
                        "global model",
                        "ledger bytes",
                        "open to aggregated")
                .numeric(0, 3, 6, 7);
        for (RoundFacts round : data.rounds()) {
            RoundState state = round.state();
            table.row(
                    Html.link(Links.round(state.taskId(), state.round()), state.round()),
                    Html.text(state.status().wire()),
                    Html.text(state.deadline()),
                    round.updates().size() + " of " + expected,
                    excluded(state.excluded(), names),
                    state.resultModel() == null
                            ? "-"
                            : Html.codeLink(
                                    Links.lineage(state.resultModel().cid()),
                                    state.resultModel().cid()),
                    Long.toString(round.ledgerBytes()),
                    state.aggregatedAt() == null
                            ? "-"
                            : seconds(Duration.between(state.openedAt(), state.aggregatedAt())));
        }
        return table.isEmpty() ? "<p>No round has opened yet.</p>\n" : table.render();
    }

    static String excluded(List<Exclusion> excluded, Directory names) {
        if (excluded.isEmpty()) {
            return "none";
        }
        return excluded.stream()
                .map(e -> names.link(e.participantId()) + ": "
                        + Html.text(e.reason().wire()) + (e.detail() == null ? "" : " (" + Html.text(e.detail()) + ")"))
                .collect(Collectors.joining("<br>"));
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** ε per participant after each round, the task's cap, and the projection over the remaining rounds. */
    private String privacy(ReportData data, Directory names) throws Exception {
        TaskSpec spec = data.task().spec();
        if (spec.dpPolicy().isEmpty()) {
            return "<p>" + Html.text(DpText.NONE) + ".</p>\n";
        }
        DpPolicy dp = spec.dpPolicy().get();
        Map<String, SortedMap<Long, Double>> projections = new TreeMap<>();
        RoundLedger rounds = new RoundLedger(ledger);
        RdpEpsilonAccountant accountant = new RdpEpsilonAccountant();
        for (String participant : ReportSeries.epsilon(data).keySet()) {
            projections.put(
                    participant,
                    BudgetProjection.remainingRounds(
                            rounds.privacyBudget(spec.id(), participant).value(), spec.rounds(), accountant));
        }
        return Charts.epsilon(data, names, dp.maxEpsilon().doubleValue(), projections);
    }
}
