package org.medfed.client.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.medfed.client.view.DpText;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.round.RoundState;

/** The report's Markdown: a summary, the rounds, each figure with where its numbers come from, the exclusions. */
public final class ReportMarkdown {
    private ReportMarkdown() {}

    public static String render(ReportData data) {
        Task task = data.task();
        TaskSpec spec = task.spec();
        List<String> md = new ArrayList<>();
        md.add("# Task report: " + spec.title() + " (`" + task.id() + "`)");
        md.add("");
        md.add("Read from the ledger at " + data.readAt() + " with evaluate transactions only (nothing was "
                + "submitted). Every number below comes from a ledger record; each figure names the transactions "
                + "that wrote its records.");
        md.add("");
        md.add("| | |");
        md.add("|---|---|");
        md.add("| status | " + task.status().wire()
                + (task.statusReason() == null ? "" : " (" + task.statusReason() + ")") + ", round "
                + task.currentRound() + " of " + spec.rounds() + " |");
        md.add("| strategy | " + spec.strategy().name() + " |");
        md.add("| quorum | " + spec.quorum() + " of "
                + spec.eligibleParticipants().size() + " eligible |");
        md.add("| differential privacy | "
                + spec.dpPolicy()
                        .map(dp -> "clip " + text(dp.clipNorm())
                                + ", noise multiplier >= " + text(dp.noiseMultiplier()) + ", delta " + text(dp.delta())
                                + ", max epsilon " + text(dp.maxEpsilon()))
                        .orElse(DpText.NONE)
                + " |");
        md.add("| global model | `" + task.globalModel().cid() + "` (sha256 `"
                + task.globalModel().sha256() + "`) |");
        md.add("| source | `task:getTask " + task.id() + "` (created " + task.createdAt() + ", updated "
                + task.updatedAt() + ") |");
        md.add("");
        rounds(md, data);
        figures(md, data);
        exclusions(md, data);
        md.add("## Participants");
        md.add("");
        md.add("Charts name participants by the first 12 hex digits of their id.");
        md.add("");
        md.add("| chart label | participant id |");
        md.add("|---|---|");
        for (String id : data.reputation().keySet()) {
            md.add("| " + ReportSeries.shortId(id) + " | `" + id + "` |");
        }
        md.add("");
        return String.join("\n", md);
    }

    private static void rounds(List<String> md, ReportData data) {
        md.add("## Rounds");
        md.add("");
        md.add("From `round:getRound`, `round:listUpdates` and `round:getAggregation` for rounds 1 to "
                + data.task().currentRound() + ".");
        md.add("");
        md.add("| round | status | opened | closed | aggregated | updates | accepted | excluded | global model | "
                + "aggregation tx |");
        md.add("|---|---|---|---|---|---|---|---|---|---|");
        for (RoundFacts round : data.rounds()) {
            RoundState s = round.state();
            md.add("| " + s.round() + " | " + s.status().wire() + " | " + s.openedAt() + " | " + text(s.closedAt())
                    + " | " + text(s.aggregatedAt()) + " | " + round.updates().size() + " | "
                    + s.accepted().size()
                    + " | " + s.excluded().size() + " | "
                    + (round.aggregation() == null
                            ? "-"
                            : "`" + round.aggregation().globalModel().cid() + "`") + " | "
                    + (round.aggregation() == null
                            ? "-"
                            : "`" + round.aggregation().txId() + "`") + " |");
        }
        md.add("");
    }

    private static void figures(List<String> md, ReportData data) {
        String updateTxs = data.rounds().stream()
                .flatMap(r -> r.updates().stream())
                .map(u -> "round " + u.submission().round() + " " + ReportSeries.shortId(u.participantId()) + ": `"
                        + u.txId() + "`")
                .collect(Collectors.joining(", "));
        String updates =
                updateTxs.isEmpty() ? "no update has been submitted yet" : "update records written by " + updateTxs;
        md.add("## Figures");
        md.add("");
        md.add("Each axis carries one quantity. In every chart a series has its own colour, dash pattern and marker "
                + "shape, and is drawn a few pixels beside its round, so series with equal values stay visible side "
                + "by side; the tables give the exact numbers.");
        md.add("");
        figure(
                md,
                ReportFigure.METRICS,
                "Mean of each validation score (accuracy, F1, AUC, …: values in [0, 1]) the participants reported "
                        + "with their updates, weighted by their example counts (`round:listUpdates`, "
                        + "`submission.metrics` and `submission.numExamples`); the axis is zoomed to the scores' "
                        + "range. ε and example counts reported with the same updates are in \""
                        + ReportFigure.REPORTED.title() + "\"; " + updates + ".",
                metricsTable(data, MetricKind.SCORE));
        figure(
                md,
                ReportFigure.LOSS,
                "The same for the loss metrics (any metric whose name contains `loss`); " + updates + ".",
                metricsTable(data, MetricKind.LOSS));
        figure(
                md,
                ReportFigure.REPORTED,
                "The metrics that are not scores or losses (ε of the participant's own accountant, validation "
                        + "example counts, any other value), each on its own axis and per participant, as each "
                        + "update reported them (`round:listUpdates`, `submission.metrics`); a mean of these "
                        + "would mean nothing. " + capitalised(updates) + ".",
                reportedTable(data));
        figure(
                md,
                ReportFigure.EPSILON,
                "Each participant's cumulative epsilon after its update of each round, as "
                        + "the ledger's privacy accountant recorded it (`round:listUpdates`, field `epsilon`); "
                        + updates
                        + ".",
                List.of());
        String changes = data.reputation().values().stream()
                .flatMap(List::stream)
                .map(c -> "round " + c.round() + " " + ReportSeries.shortId(c.participantId()) + " "
                        + c.cause().wire() + ": `" + c.txId() + "`")
                .distinct()
                .collect(Collectors.joining(", "));
        figure(
                md,
                ReportFigure.REPUTATION,
                "Each participant's reputation after the last change of each round, from "
                        + "the task's initial score "
                        + text(data.task().spec().reputation().initialScore()) + " at round 0 "
                        + "(`reputation:getReputationHistory`); "
                        + (changes.isEmpty() ? "no change yet" : "changes written by " + changes) + ".",
                List.of());
        String aggregations = data.rounds().stream()
                .filter(r -> r.aggregation() != null)
                .map(r -> "round " + r.state().round() + ": `" + r.aggregation().txId() + "`")
                .collect(Collectors.joining(", "));
        figure(
                md,
                ReportFigure.TIMINGS,
                "Seconds each round was open (opened to closed) and then waited for its "
                        + "aggregation (closed to aggregated), from the ledger's transaction times in `round:getRound` "
                        + "(`openedAt`, `closedAt`, `aggregatedAt`); aggregations recorded by "
                        + (aggregations.isEmpty() ? "none yet" : aggregations) + ".",
                List.of());
    }

    private static void figure(List<String> md, ReportFigure figure, String source, List<String> table) {
        md.add("### " + figure.title());
        md.add("");
        md.add("![" + figure.title() + "](" + figure.file() + ")");
        md.add("");
        md.add("Source: " + source);
        md.add("");
        if (!table.isEmpty()) {
            md.addAll(table);
            md.add("");
        }
    }

    private static List<String> metricsTable(ReportData data, MetricKind kind) {
        Map<String, SortedMap<Long, Double>> series = ReportSeries.metrics(data, kind);
        if (series.isEmpty()) {
            return List.of();
        }
        List<String> rows = new ArrayList<>();
        rows.add("| round | " + String.join(" | ", series.keySet()) + " |");
        rows.add("|---|" + "---|".repeat(series.size()));
        for (long round : ReportSeries.rounds(data)) {
            rows.add("| " + round + " | "
                    + series.values().stream()
                            .map(points -> points.containsKey(round) ? text(new BigDecimal(points.get(round))) : "-")
                            .collect(Collectors.joining(" | "))
                    + " |");
        }
        return rows;
    }

    /** One row per update that reported any of the per-participant values. */
    private static List<String> reportedTable(ReportData data) {
        Map<String, Map<String, SortedMap<Long, Double>>> series = ReportSeries.reported(data);
        if (series.isEmpty()) {
            return List.of();
        }
        List<String> rows = new ArrayList<>();
        rows.add("| round | participant | " + String.join(" | ", series.keySet()) + " |");
        rows.add("|---|---|" + "---|".repeat(series.size()));
        for (RoundFacts round : data.rounds()) {
            long r = round.state().round();
            for (UpdateRecord update : round.updates()) {
                Map<String, BigDecimal> metrics = update.submission().metrics();
                if (series.keySet().stream().anyMatch(metrics::containsKey)) {
                    rows.add("| " + r + " | " + ReportSeries.shortId(update.participantId()) + " | "
                            + series.keySet().stream()
                                    .map(metric -> text(metrics.get(metric)))
                                    .collect(Collectors.joining(" | "))
                            + " |");
                }
            }
        }
        return rows;
    }

    private static String capitalised(String sentence) {
        return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
    }

    private static void exclusions(List<String> md, ReportData data) {
        List<String> rows = new ArrayList<>();
        for (RoundFacts round : data.rounds()) {
            List<Exclusion> excluded = round.aggregation() != null
                    ? round.aggregation().excluded()
                    : round.state().excluded();
            for (Exclusion e : excluded) {
                rows.add("| " + round.state().round() + " | `" + e.participantId() + "` | "
                        + e.reason().wire() + " | "
                        + (e.detail() == null ? "" : e.detail().replace("|", "\\|")) + " |");
            }
        }
        md.add("## Exclusions");
        md.add("");
        if (rows.isEmpty()) {
            md.add("No update was excluded.");
        } else {
            md.add("From the aggregation records (or the round's close when not aggregated yet).");
            md.add("");
            md.add("| round | participant | reason | detail |");
            md.add("|---|---|---|---|");
            md.addAll(rows);
        }
        md.add("");
    }

    private static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }
}
