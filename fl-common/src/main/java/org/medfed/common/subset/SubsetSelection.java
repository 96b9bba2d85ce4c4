package org.medfed.common.subset;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which of a site's training rows go into a task's shared subset (issue 15, after Zhao et al. 2018 and Lian et al.
 * [8]): exactly {@code perClass} rows of each class, drawn uniformly without replacement with a seeded generator, so
 * the subset is balanced over classes whatever the site's own skew, and the same seed names the same rows. The rows
 * chosen leave the site's training data ({@link #rest}): a row is either shared or trained on locally, never both.
 */
public final class SubsetSelection {
    private SubsetSelection() {}

    /**
     * @param labels the class of each training row (0 … classes − 1)
     * @return the chosen row indices, ascending
     * @throws IllegalArgumentException when a class has fewer than {@code perClass} rows (a balanced subset cannot be
     *     drawn from this site; the error names the class and its count)
     */
    public static int[] perClass(int[] labels, int classes, int perClass, long seed) {
        if (classes < 2) {
            throw new IllegalArgumentException("a shared subset needs at least 2 classes, got " + classes);
        }
        if (perClass < 1) {
            throw new IllegalArgumentException("a shared subset takes at least 1 row per class, got " + perClass);
        }
        long[] counts = new long[classes];
        Arrays.fill(counts, perClass);
        return perClass(labels, counts, seed);
    }

    /**
     * As {@link #perClass(int[], int, int, long)} with a count of its own for each class (a contributor's share of
     * the subset, which may differ by class; zero takes none): the same draw, so equal counts name the same rows.
     *
     * @param counts rows to take of each class; its length is the number of classes
     * @throws IllegalArgumentException when a count is negative or exceeds the rows of its class
     */
    public static int[] perClass(int[] labels, long[] counts, long seed) {
        int classes = counts.length;
        int[][] byClass = rowsByClass(labels, classes);
        SplittableRandom random = new SplittableRandom(seed);
        int total = 0;
        for (int c = 0; c < classes; c++) {
            if (counts[c] < 0) {
                throw new IllegalArgumentException("class " + c + ": cannot take " + counts[c] + " rows");
            }
            if (counts[c] > byClass[c].length) {
                throw new IllegalArgumentException("class " + c + " has " + byClass[c].length + " training rows, fewer"
                        + " than the " + counts[c] + " per class the shared subset asks for");
            }
            total += (int) counts[c];
        }
        int[] chosen = new int[total];
        int next = 0;
        for (int c = 0; c < classes; c++) {
            int[] rows = byClass[c];
            // a partial Fisher–Yates shuffle: the first counts[c] positions are a uniform sample without replacement
            for (int i = 0; i < counts[c]; i++) {
                int j = i + random.nextInt(rows.length - i);
                int swap = rows[i];
                rows[i] = rows[j];
                rows[j] = swap;
                chosen[next++] = rows[i];
            }
        }
        Arrays.sort(chosen);
        return chosen;
    }

    /** The rows of a site of {@code rows} training rows that stay local once {@code chosen} are shared, ascending. */
    public static int[] rest(int rows, int[] chosen) {
        boolean[] shared = new boolean[rows];
        for (int row : chosen) {
            if (row < 0 || row >= rows || shared[row]) {
                throw new IllegalArgumentException("row " + row + " is not a distinct row of " + rows);
            }
            shared[row] = true;
        }
        int[] rest = new int[rows - chosen.length];
        int next = 0;
        for (int row = 0; row < rows; row++) {
            if (!shared[row]) {
                rest[next++] = row;
            }
        }
        return rest;
    }

    private static int[][] rowsByClass(int[] labels, int classes) {
        int[] counts = new int[classes];
        for (int row = 0; row < labels.length; row++) {
            int label = labels[row];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(
                        "row " + row + " has class " + label + ", not one of 0 to " + (classes - 1));
            }
            counts[label]++;
        }
        int[][] byClass = new int[classes][];
        for (int c = 0; c < classes; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[classes];
        for (int row = 0; row < labels.length; row++) {
            byClass[labels[row]][filled[labels[row]]++] = row;
        }
        return byClass;
    }
}
