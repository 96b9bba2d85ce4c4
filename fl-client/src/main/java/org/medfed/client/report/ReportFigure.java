package org.medfed.client.report;

/** The report's charts and their file names. */
public enum ReportFigure {
    METRICS("Validation metrics per round", "metrics.png"),
    LOSS("Loss per round", "loss.png"),
    EPSILON("Privacy spent (epsilon) per participant", "epsilon.png"),
    REPUTATION("Reputation per participant", "reputation.png"),
    TIMINGS("Round timings", "timings.png");

    private final String title;
    private final String file;

    ReportFigure(String title, String file) {
        this.title = title;
        this.file = file;
    }

    public String title() {
        return title;
    }

    public String file() {
        return file;
    }
}
