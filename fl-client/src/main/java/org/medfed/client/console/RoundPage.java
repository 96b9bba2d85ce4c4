package org.medfed.client.console;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundResultsLedger;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.retention.RetentionCheck;
import org.medfed.client.retention.RetentionReads;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.retention.RoundRetention;
import org.medfed.common.round.RoundState;

/**
 * One round: every update the ledger accepted (who, which blob by CID and SHA-256, how many examples, the DP
 * parameters, the aggregator's quality score and whether it was admitted), the aggregation record, and a Verify
 * button that recomputes the round from Kubo, and what the task's retention policy, if any, says of the round's
 * inputs. No update's values are shown, only their references.
 */
final class RoundPage implements Page {
    private final LedgerClient ledger;

    RoundPage(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Override
    public Rendered render(Request request) throws Exception {
        String taskId = request.required("task");
        long n = request.round("n");
        RoundView view = new RoundLedger(ledger).get(taskId, n).value();
        RoundState state = view.round();
        RoundResultsLedger results = new RoundResultsLedger(ledger);
        AggregationRecord aggregation = state.aggregatedAt() == null
                ? null
                : results.aggregation(taskId, n).value();
        Directory names = Directory.read(ledger);
        StringBuilder body = new StringBuilder()
                .append("<h1>Round ")
                .append(n)
                .append(" of ")
                .append(Html.link(Links.task(taskId), taskId))
                .append("</h1>\n")
                .append(facts(state, names))
                .append("<h2 id=\"updates\">Updates</h2>\n")
                .append(updates(results, state, aggregation, names))
                .append("<h2 id=\"aggregation\">Aggregation</h2>\n")
                .append(retention(taskId, n))
                .append(aggregation(state, aggregation, names));
        return new Rendered("Round " + n + " of " + taskId, taskId, body.toString());
    }

    /** What the task's retention policy says of the round's update blobs; nothing for a task without one. */
    private String retention(String taskId, long n) throws Exception {
        Task task = new TaskLedger(ledger).get(taskId).value();
        if (task.spec().retentionPolicy().isEmpty()) {
            return "";
        }
        RoundRetention decision = new RetentionCheck(RetentionReads.over(ledger)).of(task, n);
        String text = decision.released()
                ? RetentionCheck.released(task, n, decision)
                : "the task's retention policy ("
                        + task.spec().retentionPolicy().get().describe() + ") still keeps this round's update blobs";
        return "<p id=\"retention\">" + Html.text(Character.toUpperCase(text.charAt(0)) + text.substring(1))
                + ".</p>\n";
    }

    private static String facts(RoundState state, Directory names) {
        FactList facts = new FactList()
                .fact("record", Html.link(Links.record(roundKey(state)), roundKey(state)))
                .fact("status", Html.text(state.status().wire()) + " (attempt " + state.attempt() + ")")
                .fact("opened", Html.text(state.openedAt()))
                .fact("deadline", Html.text(state.deadline()))
                .fact(
                        "base model",
                        Html.codeLink(
                                Links.lineage(state.baseModel().cid()),
                                state.baseModel().cid()));
        if (state.closedAt() != null) {
            facts.fact(
                            "closed",
                            Html.text(state.closedAt()) + " ("
                                    + Html.text(state.closeReason().wire()) + ")")
                    .fact("excluded", TaskPage.excluded(state.excluded(), names));
        }
        return facts.render();
    }

    private static String roundKey(RoundState state) {
        return "round~" + state.taskId() + "~" + state.round();
    }

    private static String updates(
            RoundResultsLedger results, RoundState state, AggregationRecord aggregation, Directory names)
            throws Exception {
        Map<String, BigDecimal> quality = new TreeMap<>();
        Map<String, Exclusion> excluded = new TreeMap<>();
        if (aggregation != null) {
            aggregation.contributions().forEach(c -> quality.put(c.participantId(), c.qualityScore()));
            aggregation.excluded().forEach(e -> excluded.put(e.participantId(), e));
        } else {
            state.excluded().forEach(e -> excluded.put(e.participantId(), e));
        }
        HtmlTable table = HtmlTable.of(
                        "Updates of round " + state.round() + ", from round:listUpdates and round:getAggregation",
                        "participant",
                        "dataset",
                        "update (CID)",
                        "SHA-256",
                        "examples",
                        "DP: sampling rate, noise, steps, clip",
                        "epsilon after",
                        "reputation when sent",
                        "quality score",
                        "admission",
                        "transaction")
                .numeric(4, 6, 7, 8);
        for (UpdateRecord update :
                results.updates(state.taskId(), state.round()).value()) {
            String participant = update.participantId();
            String key = "update~" + state.taskId() + "~" + state.round() + "~" + participant;
            table.row(
                    names.link(participant),
                    Html.link(
                            Links.record("dataset~" + update.submission().datasetId()),
                            update.submission().datasetId()),
                    Html.shortCode(update.submission().cid())
                            + (update.submission().kind().wire().equals("masked") ? " (masked input)" : ""),
                    Html.shortCode(update.submission().sha256()),
                    Long.toString(update.submission().numExamples()),
                    Html.text(dp(update.submission().dp())),
                    update.epsilonSpent().map(e -> Html.text(Numbers.of(e))).orElse("no DP"),
                    Html.text(Numbers.of(update.reputation())),
                    quality.containsKey(participant) ? Html.text(Numbers.of(quality.get(participant))) : "-",
                    admission(participant, state, aggregation, excluded),
                    Html.codeLink(Links.record(key), update.txId()));
        }
        return table.isEmpty() ? "<p>No update has been submitted in this round yet.</p>\n" : table.render();
    }

    private static String dp(DpUsage dp) {
        return dp == null
                ? "none"
                : Numbers.of(dp.samplingRate()) + ", " + Numbers.of(dp.noiseMultiplier()) + ", " + dp.steps() + ", "
                        + Numbers.of(dp.clipNorm());
    }

    private static String admission(
            String participant, RoundState state, AggregationRecord aggregation, Map<String, Exclusion> excluded) {
        Exclusion e = excluded.get(participant);
        if (e != null) {
            return "<span class=\"status-bad\">excluded</span>: "
                    + Html.text(e.reason().wire()) + (e.detail() == null ? "" : " (" + Html.text(e.detail()) + ")");
        }
        if (aggregation != null) {
            return "<span class=\"status-ok\">aggregated</span>";
        }
        return state.closedAt() == null ? "pending: the round is open" : "accepted at close";
    }

    private static String aggregation(RoundState state, AggregationRecord record, Directory names) {
        if (record == null) {
            return "<p>Not aggregated yet" + (state.closedAt() == null ? ": the round is still open." : ".") + "</p>\n";
        }
        String key = "agg~" + state.taskId() + "~" + state.round();
        FactList facts = new FactList()
                .fact("record", Html.link(Links.record(key), key) + ", transaction " + Html.shortCode(record.txId()))
                .fact(
                        "global model",
                        Html.link(
                                        Links.lineage(record.globalModel().cid()),
                                        record.globalModel().cid()) + " (lineage)")
                .fact(
                        "global model SHA-256",
                        Html.shortCode(record.globalModel().sha256()))
                .fact("parent model", Html.shortCode(record.parentModel().cid()))
                .fact("contributions", Long.toString(record.contributions().size()))
                .fact("excluded", TaskPage.excluded(record.excluded(), names))
                .fact("recorded", Html.text(record.recordedAt()) + " by " + names.link(record.recordedBy()));
        if (record.optimizerState() != null) {
            facts.fact("optimizer state", Html.shortCode(record.optimizerState().cid()));
        }
        if (record.controlVariate() != null) {
            facts.fact("control variate", Html.shortCode(record.controlVariate().cid()));
        }
        return facts.render()
                + "<form method=\"get\" action=\"" + Links.VERIFY + "\">\n"
                + "<input type=\"hidden\" name=\"task\" value=\"" + Html.text(state.taskId()) + "\">\n"
                + "<input type=\"hidden\" name=\"n\" value=\"" + state.round() + "\">\n"
                + "<button type=\"submit\">Verify</button> recompute this round from the IPFS node and compare it "
                + "with the ledger\n</form>\n";
    }
}
