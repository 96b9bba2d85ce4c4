package org.medfed.common.subset;

import java.util.Objects;

/**
 * How many rows of each class a contributor puts into a task's shared subset. The subset wants {@code rowsPerClass}
 * of every class; contributors approve one after another, each seeing what the earlier ones published. The rule is a
 * fair share: a contributor gives, per class, ⌈need / contributors left⌉ (itself included), the last contributor the
 * whole remaining need, but never more than half its own rows of the class (⌊have / 2⌋): every site keeps training
 * on most of its data, and a site with one row of a class does not give it away. A class can still fall short when
 * the last contributors have too few rows of it: the ledger records the class counts actually published.
 */
public final class SubsetQuota {
    private SubsetQuota() {}

    /**
     * @param have this contributor's training rows of each class
     * @param need rows of each class the subset still needs ({@link #need})
     * @param contributorsLeft contributors yet to publish, this one included
     * @return rows of each class this contributor gives: min(⌊have / 2⌋, need) for the last contributor, else
     *     min(⌊have / 2⌋, ⌈need / contributorsLeft⌉)
     */
    public static long[] share(long[] have, long[] need, int contributorsLeft) {
        Objects.requireNonNull(have, "have");
        Objects.requireNonNull(need, "need");
        if (have.length != need.length) {
            throw new IllegalArgumentException(
                    "rows for " + have.length + " classes against a need for " + need.length + " classes");
        }
        if (contributorsLeft < 1) {
            throw new IllegalArgumentException("at least this contributor is left, got " + contributorsLeft);
        }
        long[] share = new long[have.length];
        for (int c = 0; c < have.length; c++) {
            if (have[c] < 0 || need[c] < 0) {
                throw new IllegalArgumentException(
                        "class " + c + ": rows and need are at least 0, got have " + have[c] + ", need " + need[c]);
            }
            long fair = contributorsLeft == 1 ? need[c] : -Math.floorDiv(-need[c], contributorsLeft);
            share[c] = Math.min(have[c] / 2, fair);
        }
        return share;
    }

    /**
     * Stage 2: how many of the subset's rows of each class a site adds to its own, a share {@code alpha} of each
     * class rounded half up, so the drawn rows keep the subset's balance over classes.
     *
     * @param counts the subset's rows of each class
     */
    public static long[] alphaShare(long[] counts, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha is a share from 0 to 1, got " + alpha);
        }
        long[] share = new long[counts.length];
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] < 0) {
                throw new IllegalArgumentException("class " + c + " has " + counts[c] + " rows");
            }
            share[c] = Math.min(counts[c], (long) StrictMath.floor(alpha * counts[c] + 0.5));
        }
        return share;
    }

    /**
     * The rows of each class the subset still needs: {@code rowsPerClass} minus the rows of that class already
     * published (never below 0).
     */
    public static long[] need(long rowsPerClass, long[] published) {
        if (rowsPerClass < 1) {
            throw new IllegalArgumentException("a shared subset takes at least 1 row per class, got " + rowsPerClass);
        }
        long[] need = new long[published.length];
        for (int c = 0; c < published.length; c++) {
            if (published[c] < 0) {
                throw new IllegalArgumentException("class " + c + " has " + published[c] + " published rows");
            }
            need[c] = Math.max(0, rowsPerClass - published[c]);
        }
        return need;
    }
}
