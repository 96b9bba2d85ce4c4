package org.medfed.client.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.medfed.client.data.CsvTable;
import org.medfed.client.data.DataException;
import org.medfed.client.data.SchemaMapping;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.Metrics;
import org.medfed.client.train.TrainingResult;
import org.medfed.client.train.TrainingSettings;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.TrainingSpec;

/**
 * Runs one {@link SimConfig} for each of its seeds and scores three methods on the same test rows: centralized
 * (all training rows pooled, trained for rounds × epochs epochs), local-only (each participant alone, as long) and
 * federated ({@link SimFederation}). With {@code --dp-epsilon} each method gets the smallest noise multiplier that
 * keeps it within ε (local-only uses the federated σ, so each participant spends the same ε either way).
 */
public final class Simulation {
    private static final String PLACEHOLDER_SHA = "0".repeat(64);
    /** The threads seeds run on, side by side. */
    static final ExecutorService SEEDS =
            Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), task -> {
                Thread thread = new Thread(task, "medfed-sim-seed");
                thread.setDaemon(true);
                return thread;
            });

    /** One seed's scores ({@code centralized} null and {@code local} empty from {@link #runFederated}). */
    public record SeedResult(
            long seed,
            SimData data,
            Metrics.Validation centralized,
            List<Metrics.Validation> local,
            Metrics.Validation federated,
            List<Metrics.Validation> perRound,
            SimFederation.Outcome federation,
            BigDecimal sigmaFederated,
            BigDecimal sigmaCentralized,
            double epsilonFederated,
            double epsilonCentralized) {}

    private Simulation() {}

    /** Seeds run side by side (they share nothing but the simulation's ledger); results come in seed order. */
    public static List<SeedResult> run(SimConfig config, CsvTable table, SchemaMapping mapping, boolean standardize)
            throws DataException {
        return run(config, table, mapping, standardize, true);
    }

    /**
     * As {@link #run}, the federated task alone: no centralized or local-only training (each result's
     * {@code centralized} is null and {@code local} empty), for comparisons among federated runs.
     */
    static List<SeedResult> runFederated(SimConfig config, CsvTable table, SchemaMapping mapping, boolean standardize)
            throws DataException {
        return run(config, table, mapping, standardize, false);
    }

    private static List<SeedResult> run(
            SimConfig config, CsvTable table, SchemaMapping mapping, boolean standardize, boolean baselines)
            throws DataException {
        SimNetwork.prestart();
        List<SimData> prepared = prepare(config, table, mapping, standardize);
        List<CompletableFuture<SeedResult>> results = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            long seed = config.seeds().get(i);
            SimData data = prepared.get(i);
            results.add(CompletableFuture.supplyAsync(
                    () -> runSeed(config, data, seed, mapping.fingerprint(), baselines), SEEDS));
        }
        List<SeedResult> done = new ArrayList<>();
        for (CompletableFuture<SeedResult> result : results) {
            try {
                done.add(result.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return done;
    }

    /** Each seed's split of the rows into participants' training rows and test rows. */
    static List<SimData> prepare(SimConfig config, CsvTable table, SchemaMapping mapping, boolean standardize)
            throws DataException {
        List<SimData> prepared = new ArrayList<>();
        for (long seed : config.seeds()) {
            SimData data =
                    SimData.prepare(table, mapping, config.partitioning(), config.testFraction(), seed, standardize);
            if (config.malicious() >= data.names().size()) {
                throw new IllegalArgumentException("--malicious " + config.malicious() + " leaves no honest"
                        + " participant among " + data.names().size());
            }
            if (config.parsedAttack() instanceof Attack.Alie alie && alie.z() == null) {
                UpdateAttacks.alieZ(data.names().size(), config.malicious());
            }
            prepared.add(data);
        }
        return prepared;
    }

    private static SeedResult runSeed(
            SimConfig config, SimData data, long seed, String schemaSha256, boolean baselines) {
        TabularDataset test = data.test();
        if (test.rowCount() == 0) {
            throw new IllegalArgumentException("no test rows: raise --test-fraction");
        }
        ModelSpec shape = shape(config, test);
        TrainingSpec perRound = training(config, config.epochs(), config.fedProxMu());
        TrainingSpec whole = training(config, (long) config.epochs() * config.rounds(), 0);
        TabularDataset pooled = data.pooled();
        BigDecimal sigmaFed = sigma(config, perRound, data.trains());
        BigDecimal sigmaCentral = sigma(config, perRound, List.of(pooled));

        Metrics.Validation centralized =
                baselines ? trainAlone(config, shape, whole, sigmaCentral, pooled, test, seed, 1) : null;
        List<Metrics.Validation> local = new ArrayList<>();
        for (int i = 0; i < data.trains().size() && baselines; i++) {
            local.add(trainAlone(config, shape, whole, sigmaFed, data.trains().get(i), test, seed, 10 + i));
        }
        SimFederation.Outcome federation = SimFederation.run(
                config, data, shape, perRound, sigmaFed == null ? null : policy(config, sigmaFed), seed, schemaSha256);
        List<Metrics.Validation> perRoundScores = new ArrayList<>();
        for (float[] model : federation.roundModels()) {
            perRoundScores.add(LocalTrainer.evaluate(shape, model, test.features(), test.labels()));
        }
        Metrics.Validation federated = LocalTrainer.evaluate(shape, federation.model(), test.features(), test.labels());
        double epsFed = sigmaFed == null
                ? Double.POSITIVE_INFINITY
                : NoiseCalibration.epsilon(sigmaFed, delta(config), runs(perRound, data.trains()), config.rounds());
        double epsCentral = sigmaCentral == null
                ? Double.POSITIVE_INFINITY
                : NoiseCalibration.epsilon(
                        sigmaCentral, delta(config), runs(perRound, List.of(pooled)), config.rounds());
        return new SeedResult(
                seed,
                data,
                centralized,
                local,
                federated,
                perRoundScores,
                federation,
                sigmaFed,
                sigmaCentral,
                epsFed,
                epsCentral);
    }

    /** The task's model for the data's features and classes (the initial model's reference is a placeholder). */
    static ModelSpec shape(SimConfig config, TabularDataset data) {
        return new ModelSpec(
                ModelSpec.MLP,
                data.featureNames().size(),
                config.hidden(),
                "relu",
                data.classNames().size(),
                new ContentRef("bafkreiplaceholder0000", PLACEHOLDER_SHA));
    }

    private static Metrics.Validation trainAlone(
            SimConfig config,
            ModelSpec shape,
            TrainingSpec training,
            BigDecimal sigma,
            TabularDataset train,
            TabularDataset test,
            long seed,
            int stream) {
        LocalTrainer trainer = new LocalTrainer(SimData.random(seed, 300 + stream), SimData.random(seed, 400 + stream));
        TrainingSettings settings =
                TrainingSettings.forTask(training, sigma == null ? null : policy(config, sigma), train.rowCount());
        float[][] x = train.features();
        int[] y = train.labels();
        TrainingResult result =
                trainer.train(shape, org.medfed.client.train.InitialModel.generate(shape, seed), x, y, settings, x, y);
        return LocalTrainer.evaluate(shape, result.params(), test.features(), test.labels());
    }

    /** FedProx's μ only for the federated rounds: alone, there is no global model to stay close to. */
    static TrainingSpec training(SimConfig config, long epochs, double mu) {
        return new TrainingSpec(
                epochs, config.batch(), BigDecimal.valueOf(config.learningRate()), "sgd", BigDecimal.valueOf(mu));
    }

    /** The noise multiplier: fixed, calibrated to ε over the given participants' runs, or null without DP. */
    private static BigDecimal sigma(SimConfig config, TrainingSpec perRound, List<TabularDataset> trains) {
        if (config.noiseMultiplier() != null) {
            return BigDecimal.valueOf(config.noiseMultiplier());
        }
        if (config.dpEpsilon() == null) {
            return null;
        }
        return NoiseCalibration.sigma(config.dpEpsilon(), delta(config), runs(perRound, trains), config.rounds());
    }

    private static List<NoiseCalibration.Run> runs(TrainingSpec perRound, List<TabularDataset> trains) {
        List<NoiseCalibration.Run> runs = new ArrayList<>();
        for (TabularDataset train : trains) {
            TrainingSettings s = TrainingSettings.forTask(perRound, null, train.rowCount());
            runs.add(new NoiseCalibration.Run(s.samplingRate(), s.steps()));
        }
        return runs;
    }

    private static BigDecimal delta(SimConfig config) {
        return BigDecimal.valueOf(config.delta());
    }

    /**
     * The task's DP policy: σ as the minimum, ε cap the target (or, for a fixed σ, no effective cap). A run without DP
     * has no policy: its task is one without differential privacy.
     */
    static DpPolicy policy(SimConfig config, BigDecimal sigma) {
        BigDecimal cap =
                config.dpEpsilon() != null ? BigDecimal.valueOf(config.dpEpsilon()) : BigDecimal.valueOf(1_000_000);
        return new DpPolicy(BigDecimal.valueOf(config.clip()), sigma, delta(config), cap, EpsilonConversion.IMPROVED);
    }
}
