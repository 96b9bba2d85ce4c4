package org.medfed.client.federation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
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
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UpdateKind;

/**
 * The demo's task setting ({@link FederationOptions#wdbcDemo}) in one JVM, with the production trainer and FedAvg
 * and seeded randomness: three sites of WDBC, DP-SGD, all rounds. The demo aims at F1 ≥ 0.95 on the held-back rows
 * with DP on and ε within the task's cap. DP noise makes single runs vary (about ±0.01), so this holds the mean over
 * eight noise seeds to the goal and every run to 0.90; a change to the setting or the trainer that breaks that fails
 * here before anyone runs the network.
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
