package org.medfed.client.report;

/**
 * The report's charts: the Markdown heading (and, unless {@link ReportWriter} names the metrics drawn, the chart's
 * title), the file, and the chart's subtitle saying where its numbers come from.
 */
public enum ReportFigure {
    METRICS(
            "Validation scores per round",
            "metrics.png",
            "example-weighted mean of the scores the round's updates reported (round:listUpdates: "
                    + "submission.metrics, submission.numExamples)"),
    LOSS(
            "Loss per round",
            "loss.png",
            "example-weighted mean of the loss the round's updates reported (round:listUpdates: "
                    + "submission.metrics, submission.numExamples)"),
    REPORTED(
            "Privacy and example counts each participant reported",
            "reported.png",
            "each participant's own values, as reported with its update (round:listUpdates: submission.metrics); "
                    + "one panel per metric"),
    EPSILON(
            "Privacy spent (epsilon) per participant",
            "epsilon.png",
            "cumulative ε the ledger's privacy accountant charged after each update (round:listUpdates: epsilon)"),
    REPUTATION(
            "Reputation per participant",
            "reputation.png",
            "score after the round's last change, from the task's initial score at round 0 "
                    + "(reputation:getReputationHistory)"),
    TIMINGS(
            "Round timings",
            "timings.png",
            "seconds between the ledger's transaction times (round:getRound: openedAt, closedAt, aggregatedAt)");

    private final String title;
    private final String file;
    private final String source;

    ReportFigure(String title, String file, String source) {
        this.title = title;
        this.file = file;
        this.source = source;
    }

    public String title() {
        return title;
    }

    public String file() {
        return file;
    }

    /** Where the chart's numbers come from, as its subtitle says. */
    public String source() {
        return source;
    }
}
