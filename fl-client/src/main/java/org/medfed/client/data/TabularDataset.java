package org.medfed.client.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Encoded rows ready for training: one float feature vector and one class index per row. Immutable: accessors
 * return copies.
 */
public final class TabularDataset {

    /** A train and a validation part of one dataset. */
    public record Split(TabularDataset train, TabularDataset validation) {}

    private final float[][] features;
    private final int[] labels;
    private final List<String> featureNames;
    private final List<String> classNames;

    public TabularDataset(float[][] features, int[] labels, List<String> featureNames, List<String> classNames) {
        if (features.length != labels.length) {
            throw new IllegalArgumentException(features.length + " feature rows but " + labels.length + " labels");
        }
        for (int r = 0; r < features.length; r++) {
            if (features[r].length != featureNames.size()) {
                throw new IllegalArgumentException(
                        "row " + r + " has " + features[r].length + " features, expected " + featureNames.size());
            }
            if (labels[r] < 0 || labels[r] >= classNames.size()) {
                throw new IllegalArgumentException(
                        "row " + r + " has class " + labels[r] + ", expected 0 to " + (classNames.size() - 1));
            }
        }
        this.features = copy(features);
        this.labels = labels.clone();
        this.featureNames = List.copyOf(featureNames);
        this.classNames = List.copyOf(classNames);
    }

    public float[][] features() {
        return copy(features);
    }

    public int[] labels() {
        return labels.clone();
    }

    public List<String> featureNames() {
        return featureNames;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int rowCount() {
        return labels.length;
    }

    /** How many rows each class has, indexed like {@link #classNames()}. */
    public int[] classCounts() {
        int[] counts = new int[classNames.size()];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /**
     * A stratified split: in each class, {@code round(n_c * validationFraction)} rows go to validation, chosen by a
     * shuffle seeded with {@code seed} ({@link Random} is specified bit for bit, so the same seed gives the same
     * split on every JVM). Both parts keep the original row order.
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1), got " + validationFraction);
        }
        Random random = new Random(seed);
        boolean[] validation = new boolean[labels.length];
        for (int c = 0; c < classNames.size(); c++) {
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < labels.length; r++) {
                if (labels[r] == c) {
                    rows.add(r);
                }
            }
            Collections.shuffle(rows, random);
            long take = Math.round(rows.size() * validationFraction);
            for (int i = 0; i < take; i++) {
                validation[rows.get(i)] = true;
            }
        }
        return new Split(select(validation, false), select(validation, true));
    }

    private TabularDataset select(boolean[] mask, boolean value) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < mask.length; r++) {
            if (mask[r] == value) {
                rows.add(r);
            }
        }
        float[][] f = new float[rows.size()][];
        int[] l = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            f[i] = features[rows.get(i)];
            l[i] = labels[rows.get(i)];
        }
        return new TabularDataset(f, l, featureNames, classNames);
    }

    private static float[][] copy(float[][] rows) {
        return Arrays.stream(rows).map(float[]::clone).toArray(float[][]::new);
    }

    /** The rows of {@code parts} one after another, with the first part's feature and class names. */
    public static TabularDataset concat(List<TabularDataset> parts) {
        int n = parts.stream().mapToInt(TabularDataset::rowCount).sum();
        float[][] x = new float[n][];
        int[] y = new int[n];
        int i = 0;
        for (TabularDataset part : parts) {
            float[][] px = part.features();
            int[] py = part.labels();
            for (int r = 0; r < py.length; r++, i++) {
                x[i] = px[r];
                y[i] = py[r];
            }
        }
        return new TabularDataset(
                x, y, parts.get(0).featureNames(), parts.get(0).classNames());
    }
}
