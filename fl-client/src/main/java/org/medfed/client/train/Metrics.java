package org.medfed.client.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Validation metrics of a classifier from its class probabilities, in plain Java. Binary tasks (2 classes) treat
 * class 1 as positive; multi-class tasks macro-average F1 (over the classes that occur as label or prediction)
 * and one-vs-rest ROC AUC (over the classes that occur as label, each needing a negative too). The prediction is
 * the arg max, the lowest class on a tie. AUC is the Mann–Whitney rank statistic with mid-ranks for ties, i.e.
 * P(score of a random positive > that of a random negative) + ½ P(equal). An AUC that is undefined (a single
 * class in the labels) is NaN.
 */
public final class Metrics {
    /** Probabilities are clipped below at this when taking the log, as scikit-learn's log_loss does. */
    public static final double MIN_PROBABILITY = 1e-15;

    private Metrics() {}

    /** {@code recall.get(c)}: the share of class c's examples predicted as c (NaN when c has none). */
    public record Validation(int examples, double loss, double accuracy, double f1, double auc, List<Double> recall) {
        public Validation {
            recall = List.copyOf(recall);
        }

        /** Scores without per-class recall. */
        public Validation(int examples, double loss, double accuracy, double f1, double auc) {
            this(examples, loss, accuracy, f1, auc, List.of());
        }

        /** The recall of class {@code c}. */
        public double recall(int c) {
            return recall.get(c);
        }
    }

    public static Validation evaluate(double[][] probabilities, int[] labels) {
        int[] predicted = predictions(probabilities);
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        return new Validation(
                labels.length,
                logLoss(probabilities, labels),
                accuracy(predicted, labels),
                f1(predicted, labels, classes),
                rocAuc(probabilities, labels),
                recall(predicted, labels, classes));
    }

    public static int[] predictions(double[][] probabilities) {
        int[] predicted = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            int best = 0;
            for (int c = 1; c < probabilities[i].length; c++) {
                if (probabilities[i][c] > probabilities[i][best]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        return predicted;
    }

    /** Mean of −log p(label). */
    public static double logLoss(double[][] probabilities, int[] labels) {
        requireSameLength(probabilities.length, labels.length);
        double total = 0;
        for (int i = 0; i < labels.length; i++) {
            total -= Math.log(Math.max(probabilities[i][labels[i]], MIN_PROBABILITY));
        }
        return total / labels.length;
    }

    public static double accuracy(int[] predicted, int[] labels) {
        requireSameLength(predicted.length, labels.length);
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    /** Per class: the share of its examples predicted as it; NaN for a class with no example. */
    public static List<Double> recall(int[] predicted, int[] labels, int classes) {
        requireSameLength(predicted.length, labels.length);
        int[] hits = new int[classes];
        int[] support = new int[classes];
        for (int i = 0; i < labels.length; i++) {
            support[labels[i]]++;
            hits[labels[i]] += predicted[i] == labels[i] ? 1 : 0;
        }
        List<Double> recall = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            recall.add(support[c] == 0 ? Double.NaN : (double) hits[c] / support[c]);
        }
        return recall;
    }

    /** Binary: F1 of class 1. Multi-class: macro F1. A class never predicted nor present scores 0 in binary. */
    public static double f1(int[] predicted, int[] labels, int classes) {
        requireSameLength(predicted.length, labels.length);
        if (classes == 2) {
            return f1Of(1, predicted, labels);
        }
        return macroF1(predicted, labels, classes);
    }

    /**
     * The mean F1 over the classes that occur as label or prediction, for any number of classes (also binary, where
     * {@link #f1} scores class 1 alone); NaN without examples.
     */
    public static double macroF1(int[] predicted, int[] labels, int classes) {
        requireSameLength(predicted.length, labels.length);
        double total = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            if (occurs(c, labels) || occurs(c, predicted)) {
                total += f1Of(c, predicted, labels);
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : total / counted;
    }

    public static double rocAuc(double[][] probabilities, int[] labels) {
        requireSameLength(probabilities.length, labels.length);
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        if (classes == 2) {
            return binaryAuc(column(probabilities, 1), labels, 1);
        }
        double total = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            double auc = binaryAuc(column(probabilities, c), labels, c);
            if (!Double.isNaN(auc)) {
                total += auc;
                counted++;
            }
        }
        return counted == 0 ? Double.NaN : total / counted;
    }

    /** AUC of {@code scores} for "label == positive" by mid-ranks: (R⁺ − n⁺(n⁺+1)/2) / (n⁺·n⁻). */
    static double binaryAuc(double[] scores, int[] labels, int positive) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end < n && scores[order[end]] == scores[order[start]]) {
                end++;
            }
            double midRank = (start + 1 + end) / 2.0;
            for (int k = start; k < end; k++) {
                if (labels[order[k]] == positive) {
                    positiveRankSum += midRank;
                    positives++;
                }
            }
            start = end;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static double f1Of(int c, int[] predicted, int[] labels) {
        long truePositives = 0;
        long falsePositives = 0;
        long falseNegatives = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean p = predicted[i] == c;
            boolean l = labels[i] == c;
            truePositives += p && l ? 1 : 0;
            falsePositives += p && !l ? 1 : 0;
            falseNegatives += !p && l ? 1 : 0;
        }
        long denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0 : 2.0 * truePositives / denominator;
    }

    private static boolean occurs(int c, int[] values) {
        for (int v : values) {
            if (v == c) {
                return true;
            }
        }
        return false;
    }

    private static double[] column(double[][] rows, int c) {
        double[] column = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            column[i] = rows[i][c];
        }
        return column;
    }

    private static void requireSameLength(int a, int b) {
        if (a != b || a == 0) {
            throw new IllegalArgumentException(
                    a == b ? "no examples to evaluate" : "predictions for " + a + " examples but " + b + " labels");
        }
        Objects.checkIndex(0, a);
    }
}
