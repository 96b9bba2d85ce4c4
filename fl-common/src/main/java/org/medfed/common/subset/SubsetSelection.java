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
        long[] quota = new long[classes];
        Arrays.fill(quota, perClass);
        return byQuota(labels, quota, seed);
    }

    /**
     * {@code quota[c]} rows of each class c (a site's fair share of a task's subset, {@code SubsetQuota}), drawn
     * uniformly without replacement.
     *
     * @return the chosen row indices, ascending
     * @throws IllegalArgumentException when a class has fewer rows than its quota (the error names the class)
     */
    public static int[] byQuota(int[] labels, long[] quota, long seed) {
        int classes = quota.length;
        int[][] byClass = rowsByClass(labels, classes);
        SplittableRandom random = new SplittableRandom(seed);
        long total = 0;
        for (long q : quota) {
            if (q < 0) {
                throw new IllegalArgumentException("a quota cannot be negative, got " + q);
            }
            total += q;
        }
        int[] chosen = new int[Math.toIntExact(total)];
        int next = 0;
        for (int c = 0; c < classes; c++) {
            int[] rows = byClass[c];
            if (rows.length < quota[c]) {
                throw new IllegalArgumentException("class " + c + " has " + rows.length + " training rows, fewer than"
                        + " the " + quota[c] + " the shared subset asks this site for");
            }
            // a partial Fisher–Yates shuffle: the first quota[c] positions are a uniform sample without replacement
            for (int i = 0; i < quota[c]; i++) {
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
