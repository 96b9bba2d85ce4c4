package org.medfed.client.report;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a metric a participant reported with its update measures, told from its name alone, so a chart never puts two
 * quantities on one axis. The names come from the client's trainer ({@code loss}, {@code accuracy}, {@code f1},
 * {@code auc}, {@code epsilon}, {@code validationExamples}) but any client may report others; a name is split into
 * words at camelCase, digits-to-letters and punctuation boundaries ({@code valF1Macro} is val, f1, macro) and
 * checked in the order of the constants: a count of scores is a count, never a score.
 */
public enum MetricKind {
    /** Any name containing "loss" (as the report always did): unbounded, lower is better. */
    LOSS("loss"),
    /** ε of the participant's own privacy accountant. */
    PRIVACY("ε"),
    /** Example counts: a word "examples", "samples" or "count", or a name starting with "num". */
    COUNT("examples"),
    /** A score in [0, 1]: a word accuracy, precision, recall, sensitivity, specificity, f1, auc, auroc or auprc. */
    SCORE("score (0–1)"),
    /** Anything else: drawn per participant on its own axis, never with the scores. */
    OTHER("value");

    private static final Set<String> SCORES =
            Set.of("accuracy", "precision", "recall", "sensitivity", "specificity", "f1", "auc", "auroc", "auprc");
    private static final Set<String> COUNTS = Set.of("examples", "samples", "count");
    private static final Set<String> ACRONYMS = Set.of("f1", "auc", "auroc", "auprc", "roc");

    /** By kind (the constants' order), then by name: the order of a chart's panels and a table's columns. */
    public static final Comparator<String> ORDER =
            Comparator.comparing(MetricKind::of).thenComparing(Comparator.naturalOrder());

    private final String unit;

    MetricKind(String unit) {
        this.unit = unit;
    }

    public static MetricKind of(String metric) {
        List<String> words = words(metric);
        if (metric.toLowerCase(Locale.ROOT).contains("loss")) {
            return LOSS;
        }
        if (words.contains("epsilon") || words.contains("eps")) {
            return PRIVACY;
        }
        if (words.stream().anyMatch(COUNTS::contains)
                || (!words.isEmpty() && words.get(0).startsWith("num"))) {
            return COUNT;
        }
        if (words.stream().anyMatch(SCORES::contains)) {
            return SCORE;
        }
        return OTHER;
    }

    /**
     * Scores and losses are averaged over a round's updates (weighted by example counts); ε, counts and unknown
     * values are each participant's own and are drawn per participant, since their mean means nothing.
     */
    public boolean averaged() {
        return this == SCORE || this == LOSS;
    }

    /** The unit an axis of this kind is labelled with. */
    public String unit() {
        return unit;
    }

    /** For titles: "f1" reads F1, "auc" AUC; other names as reported. */
    public static String display(String metric) {
        return ACRONYMS.contains(metric.toLowerCase(Locale.ROOT)) ? metric.toUpperCase(Locale.ROOT) : metric;
    }

    static List<String> words(String metric) {
        return Arrays.stream(metric.split("[^A-Za-z0-9]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[0-9])(?=[a-z])"))
                .filter(w -> !w.isEmpty())
                .map(w -> w.toLowerCase(Locale.ROOT))
                .toList();
    }
}
