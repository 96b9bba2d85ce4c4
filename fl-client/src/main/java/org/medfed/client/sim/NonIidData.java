package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.medfed.client.data.TabularDataset;
import org.medfed.common.subset.SubsetSelection;

/**
 * One seed's rows for the non-IID section. First a class-balanced test set is held back (equal rows per class, so
 * a model that ignores a minority class cannot hide behind accuracy); the rest is dealt to sites (IID or Dirichlet
 * classes); then a stratified {@value #SITE_TEST_PERCENT} % of each site's share (at least one row) is held back as
 * that site's own test rows, which the worst site's F1 reads.
 *
 * @param sites each site's training rows, with the balanced test set as {@link SimData#test()}
 * @param siteTests each site's held-back rows, in the order of {@code sites.names()}
 */
record NonIidData(SimData sites, List<TabularDataset> siteTests) {
    static final int SITE_TEST_PERCENT = 20;

    NonIidData {
        siteTests = List.copyOf(siteTests);
        if (siteTests.size() != sites.names().size()) {
            throw new IllegalArgumentException(
                    siteTests.size() + " site test sets for " + sites.names().size() + " sites");
        }
    }

    /**
     * @param partitioning {@link SimData.Iid} or {@link SimData.Dirichlet}
     * @param testFraction the balanced test set's share of all rows: {@code floor(testFraction·N/C)} rows per class,
     *     but never more than half of the smallest class
     */
    static NonIidData prepare(TabularDataset all, SimData.Partitioning partitioning, double testFraction, long seed) {
        int classes = all.classNames().size();
        int[] counts = all.classCounts();
        int smallest = Integer.MAX_VALUE;
        for (int count : counts) {
            smallest = Math.min(smallest, count);
        }
        int perClass = Math.min((int) (testFraction * all.rowCount() / classes), smallest / 2);
        int[] test = SubsetSelection.perClass(
                all.labels(), classes, perClass, SimData.random(seed, 11).nextLong());
        TabularDataset train = SimData.select(all, SubsetSelection.rest(all.rowCount(), test));
        List<List<Integer>> dealt;
        if (partitioning instanceof SimData.Iid iid) {
            dealt = SimData.roundRobin(train.labels(), classes, iid.participants(), seed);
        } else if (partitioning instanceof SimData.Dirichlet d) {
            dealt = DirichletSplit.deal(train.labels(), classes, d.participants(), d.alpha(), seed);
        } else {
            throw new IllegalArgumentException(
                    "the non-IID section deals rows IID or by Dirichlet, not " + partitioning);
        }
        List<String> names = new ArrayList<>();
        List<TabularDataset> trains = new ArrayList<>();
        List<TabularDataset> siteTests = new ArrayList<>();
        for (int p = 0; p < dealt.size(); p++) {
            TabularDataset share = SimData.select(train, dealt.get(p));
            boolean[] held = heldBack(share.labels(), classes, SimData.random(seed, 20 + p));
            names.add("p" + (p + 1));
            trains.add(SimData.select(share, rows(held, false)));
            siteTests.add(SimData.select(share, rows(held, true)));
        }
        return new NonIidData(new SimData(names, trains, SimData.select(all, test)), siteTests);
    }

    /**
     * A stratified share of one site's rows: {@code round(n_c·20 %)} of each class, drawn by a seeded shuffle; when
     * that is no row at all, one row of the site's largest class. A site dealt two or more rows keeps one to train.
     */
    static boolean[] heldBack(int[] labels, int classes, SplittableRandom random) {
        boolean[] held = new boolean[labels.length];
        int taken = 0;
        int largest = 0;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int r = 0; r < labels.length; r++) {
                if (labels[r] == c) {
                    members.add(r);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                Collections.swap(members, i, random.nextInt(i + 1));
            }
            byClass.add(members);
            largest = members.size() > byClass.get(largest).size() ? c : largest;
            long take = Math.round(members.size() * SITE_TEST_PERCENT / 100.0);
            for (int i = 0; i < take; i++) {
                held[members.get(i)] = true;
                taken++;
            }
        }
        if (taken == 0 && labels.length > 0) {
            held[byClass.get(largest).get(0)] = true;
        }
        return held;
    }

    private static List<Integer> rows(boolean[] mask, boolean value) {
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < mask.length; r++) {
            if (mask[r] == value) {
                rows.add(r);
            }
        }
        return rows;
    }
}
