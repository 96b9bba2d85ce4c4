package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.medfed.client.data.CsvTable;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;

/**
 * One seed's data for a simulation: each participant's training rows and the pooled test rows every method is
 * scored on. Participants come from a column (each site's own rows, split stratified into train and test per site)
 * or from dealing the rows of one table (stratified test share first, then IID round-robin per class or Dirichlet
 * class proportions per participant).
 */
public record SimData(List<String> names, List<TabularDataset> trains, TabularDataset test) {

    /** How rows become participants. */
    public sealed interface Partitioning permits BySite, Iid, Dirichlet {}

    public record BySite(String column) implements Partitioning {}

    public record Iid(int participants) implements Partitioning {}

    public record Dirichlet(int participants, double alpha) implements Partitioning {}

    public SimData {
        names = List.copyOf(names);
        trains = List.copyOf(trains);
    }

    /** The training rows of every participant together (centralized training). */
    public TabularDataset pooled() {
        return TabularDataset.concat(trains);
    }

    /**
     * @param standardize z-score the mapping's numeric features with the mean and population standard deviation
     *     of all training rows (only for derived mappings, whose scaling is {@code none})
     */
    public static SimData prepare(
            CsvTable table,
            SchemaMapping mapping,
            Partitioning partitioning,
            double testFraction,
            long seed,
            boolean standardize)
            throws DataException {
        SimData data;
        if (partitioning instanceof BySite s) {
            data = bySite(table, mapping, s.column(), testFraction, seed);
        } else if (partitioning instanceof Iid i) {
            data = dealt(mapping.apply(table), i.participants(), Double.NaN, testFraction, seed);
        } else {
            Dirichlet d = (Dirichlet) partitioning;
            data = dealt(mapping.apply(table), d.participants(), d.alpha(), testFraction, seed);
        }
        return standardize ? Standardizer.fit(data.pooled(), mapping).apply(data) : data;
    }

    private static SimData bySite(CsvTable table, SchemaMapping mapping, String column, double testFraction, long seed)
            throws DataException {
        int c = DerivedMapping.column(table, column, "--partition-by");
        Map<String, List<CsvTable.Row>> groups = new TreeMap<>();
        for (CsvTable.Row row : table.rows()) {
            groups.computeIfAbsent(row.get(c).strip(), k -> new ArrayList<>()).add(row);
        }
        List<String> names = new ArrayList<>();
        List<TabularDataset> trains = new ArrayList<>();
        List<TabularDataset> tests = new ArrayList<>();
        for (var group : groups.entrySet()) {
            TabularDataset site = mapping.apply(new CsvTable(
                    table.source() + " " + column + "=" + group.getKey(), table.header(), group.getValue()));
            TabularDataset.Split split = site.split(testFraction, seed);
            if (split.train().rowCount() == 0) {
                throw new DataException(column + "=" + group.getKey() + " keeps no training row after the mapping");
            }
            names.add(group.getKey());
            trains.add(split.train());
            tests.add(split.validation());
        }
        if (names.size() < 2) {
            throw new DataException("--partition-by " + column + " gives " + names.size() + " participant; need 2+");
        }
        return new SimData(names, trains, TabularDataset.concat(tests));
    }

    private static SimData dealt(TabularDataset all, int participants, double alpha, double testFraction, long seed)
            throws DataException {
        TabularDataset.Split split = all.split(testFraction, seed);
        TabularDataset train = split.train();
        int[] labels = train.labels();
        List<List<Integer>> rows = Double.isNaN(alpha)
                ? roundRobin(labels, train.classNames().size(), participants, seed)
                : DirichletSplit.deal(labels, train.classNames().size(), participants, alpha, seed);
        List<String> names = new ArrayList<>();
        List<TabularDataset> trains = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            if (rows.get(p).isEmpty()) {
                throw new DataException("participant " + (p + 1) + " of " + participants + " gets no training row ("
                        + train.rowCount() + " rows in all); use fewer participants");
            }
            names.add("p" + (p + 1));
            trains.add(select(train, rows.get(p)));
        }
        return new SimData(names, trains, split.validation());
    }

    static List<List<Integer>> roundRobin(int[] labels, int classes, int participants, long seed) {
        List<List<Integer>> dealt = new ArrayList<>();
        for (int p = 0; p < participants; p++) {
            dealt.add(new ArrayList<>());
        }
        Random random = new Random(seed);
        int next = 0;
        for (int c = 0; c < classes; c++) {
            List<Integer> members = new ArrayList<>();
            for (int r = 0; r < labels.length; r++) {
                if (labels[r] == c) {
                    members.add(r);
                }
            }
            Collections.shuffle(members, random);
            for (int row : members) {
                dealt.get(next++ % participants).add(row);
            }
        }
        dealt.forEach(Collections::sort);
        return dealt;
    }

    static TabularDataset select(TabularDataset data, List<Integer> rows) {
        float[][] x = data.features();
        int[] y = data.labels();
        float[][] fx = new float[rows.size()][];
        int[] fy = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            fx[i] = x[rows.get(i)];
            fy[i] = y[rows.get(i)];
        }
        return new TabularDataset(fx, fy, data.featureNames(), data.classNames());
    }

    static TabularDataset select(TabularDataset data, int[] rows) {
        return select(data, java.util.Arrays.stream(rows).boxed().toList());
    }

    /** A seeded stream for one purpose of one seed (so adding a participant does not shift the others' draws). */
    static SplittableRandom random(long seed, long purpose) {
        return new SplittableRandom(seed * 1_000_003L + purpose);
    }
}
