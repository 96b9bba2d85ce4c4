package org.medfed.client.sim;

import java.util.ArrayList;
import java.util.List;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;

/**
 * Simulation-only z-scoring of a derived mapping's numeric features with the mean and population standard deviation
 * of the training rows (never the test rows). On the network the statistics are declared in the task's mapping
 * instead (docs/data.md); a constant column is left unscaled.
 */
record Standardizer(int[] columns, double[] mean, double[] std) {

    static Standardizer fit(TabularDataset train, SchemaMapping mapping) {
        List<Integer> columns = new ArrayList<>();
        for (String numeric : mapping.numericFeatures()) {
            columns.add(train.featureNames().indexOf(numeric));
        }
        float[][] x = train.features();
        int k = columns.size();
        double[] mean = new double[k];
        double[] std = new double[k];
        for (int j = 0; j < k; j++) {
            int c = columns.get(j);
            double sum = 0;
            for (float[] row : x) {
                sum += row[c];
            }
            mean[j] = sum / x.length;
            double squares = 0;
            for (float[] row : x) {
                squares += (row[c] - mean[j]) * (row[c] - mean[j]);
            }
            double s = Math.sqrt(squares / x.length);
            std[j] = s > 0 ? s : 1;
        }
        return new Standardizer(columns.stream().mapToInt(Integer::intValue).toArray(), mean, std);
    }

    SimData apply(SimData data) {
        List<TabularDataset> trains = new ArrayList<>();
        for (TabularDataset train : data.trains()) {
            trains.add(apply(train));
        }
        return new SimData(data.names(), trains, apply(data.test()));
    }

    TabularDataset apply(TabularDataset data) {
        float[][] x = data.features();
        for (float[] row : x) {
            for (int j = 0; j < columns.length; j++) {
                row[columns[j]] = (float) ((row[columns[j]] - mean[j]) / std[j]);
            }
        }
        return new TabularDataset(x, data.labels(), data.featureNames(), data.classNames());
    }
}
