package org.medfed.client.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.client.data.CsvReader;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.train.InitialModel;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.Metrics;
import org.medfed.client.train.TrainingResult;
import org.medfed.client.train.TrainingSettings;
import org.medfed.common.aggregation.FedAvg;
import org.medfed.common.aggregation.WeightedUpdate;
import org.medfed.common.budget.DpCharge;
import org.medfed.common.budget.RdpEpsilonAccountant;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.dp.noise.GridGaussianSum;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.reputation.ReputationPolicy;
import org.medfed.common.secagg.SecureAggregationRules;

/**
 * The demo's task setting ({@link FederationOptions#wdbcDemo}) in one JVM, with the production trainer and FedAvg
 * and seeded randomness: three sites of WDBC, DP-SGD, all rounds. The demo aims at F1 ≥ 0.95 on the held-back rows
 * with DP on and ε within the task's cap. DP noise makes single runs vary (about ±0.01), so this holds the mean over
 * eight noise seeds to the goal and every run to 0.90; a change to the setting or the trainer that breaks that fails
 * here before anyone runs the network. The secure setting ({@link FederationOptions#wdbcSecureDemo}) is held to the
 * goal of issue 13 the same way: its sweep's check (SecureDemoSweep), seeded.
 */
class DemoSettingsTest {

    private static Path repo(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found");
    }

    @Test
    void threeSitesWithDpReachTheDemosF1OnAverageWithinTheEpsilonCap() throws Exception {
        double sum = 0;
        for (long seed = 1; seed <= 8; seed++) {
            sum += run(FederationOptions.wdbcDemo("wdbc-demo"), seed);
        }
        assertThat(sum / 8).as("mean F1 over eight noise seeds").isGreaterThanOrEqualTo(0.95);
    }

    /**
     * Issue 13: with secure aggregation, at no more ε than in clear, F1 ≥ 0.95 on the held-back rows in at least 9 runs
     * of 10. The sweep measured 30 of 30 with SecureRandom noise; here 30 seeded runs, deterministic, must reach the
     * goal in at least 27.
     */
    @Test
    void secureDemoReachesTheF1GoalInNineRunsOfTenAtNoMoreEpsilonThanInClear() throws Exception {
        FederationOptions secure = FederationOptions.wdbcSecureDemo("wdbc-demo");
        SecureDemoSimulation.Data data = SecureDemoSimulation.heldBack(secure);
        int met = 0;
        double sum = 0;
        for (long seed = 1; seed <= 30; seed++) {
            long s = seed;
            double f1 = SecureDemoSimulation.run(
                            secure,
                            data,
                            i -> new SplittableRandom(s * 1_000 + i),
                            org.medfed.client.sim.SecureTraining.RoundObserver.NONE)
                    .f1();
            met += f1 >= 0.95 ? 1 : 0;
            sum += f1;
        }
        System.out.printf(
                "[secure demo setting] 30 seeded runs: F1 >= 0.95 in %d, mean F1 %.3f; epsilon %.2f%n",
                met, sum / 30, SecureDemoSimulation.epsilon(secure));
        assertThat(met).as("runs of 30 with F1 >= 0.95").isGreaterThanOrEqualTo(27);
        assertThat(sum / 30).as("mean F1").isGreaterThanOrEqualTo(0.95);
        assertThat(SecureDemoSimulation.epsilon(secure))
                .isLessThanOrEqualTo(clearEpsilon(FederationOptions.wdbcDemo("wdbc-demo"), data))
                .isLessThanOrEqualTo(secure.maxEpsilon().doubleValue());
    }

    /** The task LocalFederation creates from the secure options passes the ledger's secure-aggregation rules. */
    @Test
    void secureDemoTaskIsOneTheLedgerAccepts() throws Exception {
        FederationOptions options = FederationOptions.wdbcSecureDemo("wdbc-demo");
        SchemaMapping mapping = SecureDemoSimulation.mapping();
        ModelSpec model = SecureDemoSimulation.shape(options, SecureDemoSimulation.heldBack(options));
        TaskSpec spec = new TaskSpec(
                options.taskId(),
                options.title(),
                model,
                new TrainingSpec(options.epochs(), options.batchSize(), options.learningRate(), "sgd", BigDecimal.ZERO),
                options.rounds(),
                options.quorum(),
                options.roundSeconds(),
                2,
                new StrategySpec(options.strategy(), new TreeMap<>()),
                new DpPolicy(
                        options.clipNorm(),
                        options.noiseMultiplier(),
                        options.delta(),
                        options.maxEpsilon(),
                        EpsilonConversion.IMPROVED),
                ReputationPolicy.defaults(),
                List.of("1".repeat(64), "2".repeat(64), "3".repeat(64)),
                List.of("wdbc-clinic", "wdbc-hospital", "wdbc-wearable"),
                options.secureAggregation());

        SecureAggregationRules.requireCompatible(spec);
        SecureAggregationSpec secure = options.secureAggregation();
        assertThat(mapping.featureNames()).hasSize(FederationOptions.WDBC_FEATURES);
        assertThat(secure.quantizationBits()).isEqualTo(GridGaussianSum.gridBits(model.parameterCount()));
        // 3 · inputBound · 2^13 < 2^31 and one more would not be: 3 · 87382 · 8192 = 2147500032
        assertThat(secure.inputBound()).isEqualTo(87_381);
        assertThat(secure.minSurvivors()).isEqualTo(3);
        assertThat(options.quorum()).isEqualTo(3);
    }

    /** The largest ε a site of the clear demo is charged: each round epochs·⌈N/batch⌉ steps at q = batch/N. */
    private static double clearEpsilon(FederationOptions clear, SecureDemoSimulation.Data data) {
        double worst = 0;
        for (TabularDataset site : data.sites()) {
            int train =
                    site.split(clear.validationFraction(), clear.seed()).train().rowCount();
            TrainingSettings settings = TrainingSettings.forTask(
                    new TrainingSpec(clear.epochs(), clear.batchSize(), clear.learningRate(), "sgd", BigDecimal.ZERO),
                    new DpPolicy(
                            clear.clipNorm(),
                            clear.noiseMultiplier(),
                            clear.delta(),
                            clear.maxEpsilon(),
                            EpsilonConversion.IMPROVED),
                    train);
            List<DpCharge> charges = new ArrayList<>();
            for (long round = 1; round <= clear.rounds(); round++) {
                charges.add(new DpCharge(
                        round,
                        settings.samplingRate(),
                        clear.noiseMultiplier(),
                        settings.epochs() * settings.stepsPerEpoch()));
            }
            worst = Math.max(
                    worst,
                    new RdpEpsilonAccountant()
                            .epsilon(charges, clear.delta(), EpsilonConversion.IMPROVED)
                            .epsilon());
        }
        return worst;
    }

    /** @return the final model's F1 on the held-back rows */
    private double run(FederationOptions options, long seed) throws Exception {
        SchemaMapping mapping = SchemaMapping.load(repo("fl-client/src/main/resources/examples/mapping-wdbc.json"));
        CsvPartitions.Split split = CsvPartitions.split(
                CsvReader.read(repo("data/breast_cancer_wisconsin_diagnostic.csv")),
                "diagnosis",
                3,
                options.testFraction(),
                options.seed());
        ModelSpec spec = new ModelSpec(
                ModelSpec.MLP,
                mapping.featureNames().size(),
                options.hiddenLayers(),
                "relu",
                2,
                new ContentRef("bafkreiplaceholder0000", "0".repeat(64)));
        DpPolicy dp = new DpPolicy(
                options.clipNorm(),
                options.noiseMultiplier(),
                options.delta(),
                options.maxEpsilon(),
                EpsilonConversion.IMPROVED);
        TrainingSpec training =
                new TrainingSpec(options.epochs(), options.batchSize(), options.learningRate(), "sgd", BigDecimal.ZERO);
        List<TabularDataset.Split> sites = new ArrayList<>();
        for (var part : split.parts()) {
            sites.add(mapping.apply(part).split(options.validationFraction(), options.seed()));
        }
        TabularDataset test = mapping.apply(split.test());
        LocalTrainer trainer = new LocalTrainer(new SplittableRandom(seed), new SplittableRandom(seed + 100));
        float[] global = InitialModel.generate(spec, options.seed());
        List<List<DpCharge>> charges = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());

        for (long round = 1; round <= options.rounds(); round++) {
            List<WeightedUpdate> updates = new ArrayList<>();
            for (int s = 0; s < sites.size(); s++) {
                TabularDataset train = sites.get(s).train();
                TrainingSettings settings = TrainingSettings.forTask(training, dp, train.rowCount());
                TrainingResult result = trainer.train(
                        spec,
                        global,
                        train.features(),
                        train.labels(),
                        settings,
                        sites.get(s).validation().features(),
                        sites.get(s).validation().labels());
                updates.add(WeightedUpdate.of("site" + s, UpdateKind.FULL, train.rowCount(), result.params()));
                charges.get(s).add(DpCharge.of(round, result.dpUsage()));
            }
            global = new FedAvg().aggregate(global, updates).model();
        }

        Metrics.Validation onTest = LocalTrainer.evaluate(spec, global, test.features(), test.labels());
        double epsilon = new RdpEpsilonAccountant()
                .epsilon(charges.get(0), dp.delta(), dp.conversion())
                .epsilon();
        System.out.printf(
                "[demo setting, seed " + seed
                        + "] %d rounds: test accuracy %.3f, F1 %.3f, AUC %.3f on %d held-back rows;"
                        + " epsilon %.2f of %s%n",
                options.rounds(),
                onTest.accuracy(),
                onTest.f1(),
                onTest.auc(),
                test.rowCount(),
                epsilon,
                options.maxEpsilon().toPlainString());
        assertThat(onTest.f1()).isGreaterThanOrEqualTo(0.90);
        assertThat(epsilon).isLessThanOrEqualTo(options.maxEpsilon().doubleValue());
        return onTest.f1();
    }
}
