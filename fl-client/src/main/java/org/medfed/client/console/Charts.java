package org.medfed.client.console;

import java.util.Map;
import java.util.SortedMap;
import org.medfed.client.report.MetricKind;
import org.medfed.client.report.ReportData;
import org.medfed.client.report.ReportSeries;

/**
 * The task page's figures, from the same series as {@code medfed report} ({@link ReportSeries}) drawn as inline SVG
 * with their tables; every point links to the round it comes from.
 */
final class Charts {
    private Charts() {}

    /** The scores (0–1) participants reported, example-weighted per round, on a zoomed axis. */
    static String metrics(ReportData data) {
        Map<String, SortedMap<Long, Double>> scores = ReportSeries.metrics(data, MetricKind.SCORE);
        if (scores.isEmpty()) {
            return "<p>No update of this task reported a validation score"
                    + (data.task().spec().securelyAggregated()
                            ? ": its updates are masked inputs, and a site's own scores would tell about its data, "
                                    + "so they carry none."
                            : ".")
                    + "</p>\n";
        }
        return SvgLineChart.of(
                        "metrics",
                        "Validation scores per round: the example-weighted mean of what the updates reported "
                                + "(round:listUpdates)",
                        "score (0–1)",
                        scores)
                .withRange(SvgLineChart.YRange.ZOOMED)
                .withNames(MetricKind::display)
                .withLinks((series, round) -> Links.round(data.task().id(), round))
                .render();
    }

    static String reputation(ReportData data, Directory names) {
        return SvgLineChart.of(
                        "reputation",
                        "Reputation per participant after each round (reputation:getReputationHistory; round 0 is "
                                + "the task's initial score)",
                        "reputation score",
                        ReportSeries.reputation(data))
                .withRange(SvgLineChart.YRange.UNIT)
                .withReference(
                        data.task().spec().reputation().exclusionThreshold().doubleValue(), "exclusion threshold")
                .withNames(names::name)
                .withLinks((series, round) -> round == 0
                        ? Links.record("task~" + data.task().id())
                        : Links.round(data.task().id(), round))
                .render();
    }

    /** Cumulative ε per participant against the cap, and dotted, where it is heading over the remaining rounds. */
    static String epsilon(
            ReportData data, Directory names, double cap, Map<String, SortedMap<Long, Double>> projections) {
        return SvgLineChart.of(
                        "epsilon",
                        "Privacy spent: each participant's cumulative epsilon after its update of each round "
                                + "(round:listUpdates), the cap, and the projection if every remaining round "
                                + "charges what its latest update did (round:getPrivacyBudget)",
                        "cumulative ε",
                        ReportSeries.epsilon(data))
                .withRange(SvgLineChart.YRange.FROM_ZERO)
                .withReference(cap, "ε cap " + cap)
                .withProjections(projections)
                .withNames(names::name)
                .withLinks((series, round) -> Links.round(data.task().id(), round))
                .render();
    }
}
