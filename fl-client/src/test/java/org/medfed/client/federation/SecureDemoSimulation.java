package org.medfed.client.federation;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.sim.NoiseCalibration;
import org.medfed.client.sim.SecureTraining;
import org.medfed.client.train.InitialModel;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.Metrics;
import org.medfed.client.train.SecureInputSettings;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.SecureAggregationSpec;

/**
 * The demo's secure task in one JVM, without the ledger: the demo's own split ({@link CsvPartitions} with the
 * options' seed and test fraction, as {@link LocalFederation} deals it), every site on all its rows as its node does
 * in a secure round, {@link SecureTraining} for the rounds (the production site input and step), all three sites
 * surviving. {@link #validation} holds back one fold of each site's rows instead, for tuning without the test
 * rows.
 */
final class SecureDemoSimulation {

    /** The sites' rows and the rows a run is scored on. */
    record Data(List<TabularDataset> sites, TabularDataset scored) {}

    private SecureDemoSimulation() {}

    static Path repo(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found");
    }

    static SchemaMapping mapping() throws Exception {
        return SchemaMapping.load(repo("fl-client/src/main/resources/examples/mapping-wdbc.json"));
    }

    /** The demo's three partitions, scored on the held-back rows. */
    static Data heldBack(FederationOptions options) throws Exception {
        SchemaMapping mapping = mapping();
        CsvPartitions.Split split = CsvPartitions.split(
                CsvReader.read(repo("data/breast_cancer_wisconsin_diagnostic.csv")),
                "diagnosis",
                3,
                options.testFraction(),
                options.seed());
        List<TabularDataset> sites = new ArrayList<>();
        for (var part : split.parts()) {
            sites.add(mapping.apply(part));
        }
        return new Data(sites, mapping.apply(split.test()));
    }

    /**
     * Fold {@code fold} of {@code folds} of each site's partition held back (dealt per class after a seeded shuffle,
     * as CsvPartitions deals), pooled and scored instead of the held-back rows; the sites train on the rest.
     */
    static Data validation(FederationOptions options, int fold, int folds) throws Exception {
        List<TabularDataset> sites = new ArrayList<>();
        List<TabularDataset> held = new ArrayList<>();
        for (TabularDataset site : heldBack(options).sites()) {
            float[][] x = site.features();
            int[] y = site.labels();
            List<Integer> order = new ArrayList<>();
            for (int r = 0; r < y.length; r++) {
                order.add(r);
            }
            java.util.Collections.shuffle(order, new java.util.Random(options.seed()));
            order.sort(java.util.Comparator.comparingInt(r -> y[r]));
            List<Integer> train = new ArrayList<>();
            List<Integer> validation = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                (i % folds == fold ? validation : train).add(order.get(i));
            }
            sites.add(select(site, x, y, train));
            held.add(select(site, x, y, validation));
        }
        return new Data(sites, TabularDataset.concat(held));
    }

    private static TabularDataset select(TabularDataset site, float[][] x, int[] y, List<Integer> rows) {
        float[][] fx = new float[rows.size()][];
        int[] fy = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            fx[i] = x[rows.get(i)];
            fy[i] = y[rows.get(i)];
        }
        return new TabularDataset(fx, fy, site.featureNames(), site.classNames());
    }

    static ModelSpec shape(FederationOptions options, Data data) {
        return new ModelSpec(
                ModelSpec.MLP,
                data.scored().featureNames().size(),
                options.hiddenLayers(),
                "relu",
                data.scored().classNames().size(),
                new ContentRef("bafkreiplaceholder0000", "0".repeat(64)));
    }

    /**
     * One run of the options' secure task from the seeded initial model, as LocalFederation creates it.
     *
     * @param randoms site i's sampling source is {@code randoms(2i)}, its noise source {@code randoms(2i + 1)}
     * @param observer sees each round's global model
     * @return the last global model's scores on the scored rows
     */
    static Metrics.Validation run(
            FederationOptions options,
            Data data,
            IntFunction<RandomGenerator> randoms,
            SecureTraining.RoundObserver observer) {
        SecureAggregationSpec secure = options.secureAggregation();
        ModelSpec shape = shape(options, data);
        List<LocalTrainer> trainers = new ArrayList<>();
        for (int i = 0; i < data.sites().size(); i++) {
            trainers.add(new LocalTrainer(randoms.apply(2 * i), randoms.apply(2 * i + 1)));
        }
        SecureInputSettings settings = new SecureInputSettings(
                secure.samplingRate(),
                options.clipNorm(),
                options.noiseMultiplier(),
                (int) secure.quantizationBits(),
                secure.minSurvivors(),
                secure.inputBound());
        float[] model = SecureTraining.run(
                        shape,
                        InitialModel.generate(shape, options.seed()),
                        data.sites(),
                        trainers,
                        settings,
                        Double.parseDouble(options.learningRate().toString()),
                        Math.toIntExact(options.rounds()),
                        observer)
                .model();
        return LocalTrainer.evaluate(
                shape, model, data.scored().features(), data.scored().labels());
    }

    /** The ε the ledger charges a site after every round: one (q, σ) step a round, δ and conversion of the task. */
    static double epsilon(FederationOptions options) {
        return NoiseCalibration.epsilon(
                options.noiseMultiplier(),
                options.delta(),
                List.of(new NoiseCalibration.Run(options.secureAggregation().samplingRate(), 1)),
                Math.toIntExact(options.rounds()));
    }

    /** The smallest σ (three significant digits) that keeps ε within {@code target} after the rounds of (q, 1). */
    static BigDecimal sigma(double target, BigDecimal delta, BigDecimal samplingRate, long rounds) {
        return NoiseCalibration.sigma(
                target, delta, List.of(new NoiseCalibration.Run(samplingRate, 1)), Math.toIntExact(rounds));
    }
}
