package org.medfed.client.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.train.InitialModel;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.Metrics;
import org.medfed.client.train.SecureInputSettings;
import org.medfed.client.train.TrainingSettings;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.nn.ParameterLayout;
import org.medfed.common.secagg.DistributedDp;

/**
 * FedAvg with secure aggregation and distributed DP: each round every site computes its input with the production
 * {@link LocalTrainer#secureInput}, and a {@link SecureRounds} turns the inputs into the next model: the chaincode on
 * the simulation's ledger ({@link LedgerSecureRounds}), or their sum in the clear ({@link SummedSecureRounds}), which
 * gives the same model bits faster. σ is the smallest that keeps a record within ε after {@code rounds} charges of one step of the
 * subsampled Gaussian (q, σ), by the ledger's accountant ({@link NoiseCalibration}). Beside it, as a check of the
 * claim that a secure round is a centralized DP-SGD step, the same run (q, steps, η, σ) on the pooled rows.
 * {@code validation} holds back a fifth of each site's training rows and scores on them instead of the test rows:
 * for tuning on training data only.
 */
final class SecureSimulation {

    /**
     * Seeds on the ledger all run at once: a seed's thread mostly waits for its transactions' commits, which other
     * threads (endorsement, ordering, validation) do.
     */
    private static final ExecutorService LEDGER_SEEDS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "medfed-sim-secure-seed");
        thread.setDaemon(true);
        return thread;
    });

    /** One seed's scores and what the run spent. */
    record SeedResult(
            long seed,
            Metrics.Validation secure,
            Metrics.Validation centralizedSameSteps,
            BigDecimal sigma,
            double epsilon,
            int gridBits,
            long inputBound,
            long clippedCoordinates) {}

    private SecureSimulation() {}

    /**
     * Each seed's run, side by side (they share nothing but the simulation's ledger), on {@code engine}; results
     * in seed order.
     *
     * @param schemaSha256 the datasets' schema fingerprint, as the sites register it
     */
    static List<SeedResult> run(
            SimConfig config,
            SecureConfig secure,
            List<SimData> seeds,
            boolean validation,
            SecureRounds.Engine engine,
            String schemaSha256) {
        if (engine == SecureRounds.Engine.LEDGER) {
            SimNetwork.prestart();
        }
        List<CompletableFuture<SeedResult>> runs = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            long seed = config.seeds().get(i);
            SimData data = validation ? holdOut(seeds.get(i), seed) : seeds.get(i);
            runs.add(CompletableFuture.supplyAsync(
                    () -> runSeed(config, secure, data, seed, engine, schemaSha256),
                    engine == SecureRounds.Engine.LEDGER ? LEDGER_SEEDS : Simulation.SEEDS));
        }
        List<SeedResult> results = new ArrayList<>();
        for (CompletableFuture<SeedResult> run : runs) {
            try {
                results.add(run.join());
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        return results;
    }

    /** σ for the target ε (or the fixed σ) over {@code rounds} steps of (q, σ). */
    static BigDecimal sigma(SimConfig config, SecureConfig secure) {
        if (config.noiseMultiplier() != null) {
            return BigDecimal.valueOf(config.noiseMultiplier());
        }
        if (config.dpEpsilon() == null) {
            throw new IllegalArgumentException("secure aggregation needs --dp-epsilon or --noise-multiplier");
        }
        return NoiseCalibration.sigma(
                config.dpEpsilon(),
                BigDecimal.valueOf(config.delta()),
                List.of(new NoiseCalibration.Run(secure.samplingRate(), 1)),
                secure.rounds());
    }

    private static SeedResult runSeed(
            SimConfig config,
            SecureConfig secure,
            SimData data,
            long seed,
            SecureRounds.Engine engine,
            String schemaSha256) {
        TabularDataset test = data.test();
        ModelSpec shape = Simulation.shape(config, test);
        int sites = data.trains().size();
        int bits = DistributedDp.minimumGridBits(ParameterLayout.of(shape).parameterCount());
        long inputBound = secure.inputBound(sites, bits);
        BigDecimal sigma = sigma(config, secure);
        SecureInputSettings settings = new SecureInputSettings(
                secure.samplingRate(),
                BigDecimal.valueOf(config.clip()),
                sigma,
                bits,
                secure.minSurvivors(),
                inputBound);
        List<LocalTrainer> trainers = new ArrayList<>();
        List<Long> rows = new ArrayList<>();
        for (int i = 0; i < sites; i++) {
            trainers.add(new LocalTrainer(SimData.random(seed, 500 + i), SimData.random(seed, 600 + i)));
            rows.add((long) data.trains().get(i).rowCount());
        }
        float[] model = InitialModel.generate(shape, seed);
        SecureSetup setup = new SecureSetup(
                shape,
                model,
                Simulation.policy(config, sigma),
                SecureSetup.spec(sites, secure.minSurvivors(), secure.samplingRate(), bits, inputBound),
                BigDecimal.valueOf(secure.learningRate()),
                secure.rounds(),
                data.names(),
                rows,
                schemaSha256);
        long bound = DistributedDp.gridBound(inputBound, bits);
        long clipped = 0;
        try (SecureRounds ledger = engine.open(setup)) {
            for (int round = 0; round < secure.rounds(); round++) {
                List<int[]> inputs = new ArrayList<>();
                for (int i = 0; i < sites; i++) {
                    TabularDataset train = data.trains().get(i);
                    int[] input = trainers.get(i).secureInput(shape, model, train.features(), train.labels(), settings);
                    for (int v : input) {
                        clipped += Math.abs((long) v) > bound ? 1 : 0;
                    }
                    inputs.add(input);
                }
                model = ledger.next(inputs);
            }
        }
        double epsilon = NoiseCalibration.epsilon(
                sigma,
                BigDecimal.valueOf(config.delta()),
                List.of(new NoiseCalibration.Run(secure.samplingRate(), 1)),
                secure.rounds());
        return new SeedResult(
                seed,
                LocalTrainer.evaluate(shape, model, test.features(), test.labels()),
                centralizedSameSteps(config, secure, shape, data, sigma, seed),
                sigma,
                epsilon,
                bits,
                inputBound,
                clipped);
    }

    /** DP-SGD on the pooled rows with the same q, steps, η and σ (continuous-valued step, grid noise). */
    private static Metrics.Validation centralizedSameSteps(
            SimConfig config, SecureConfig secure, ModelSpec shape, SimData data, BigDecimal sigma, long seed) {
        TabularDataset pooled = data.pooled();
        TrainingSettings settings = new TrainingSettings(
                secure.samplingRate(),
                1,
                secure.rounds(),
                secure.learningRate(),
                0,
                new TrainingSettings.Privacy(sigma, BigDecimal.valueOf(config.clip())));
        LocalTrainer trainer = new LocalTrainer(SimData.random(seed, 700), SimData.random(seed, 701));
        float[][] x = pooled.features();
        int[] y = pooled.labels();
        float[] params = trainer.train(shape, InitialModel.generate(shape, seed), x, y, settings, x, y)
                .params();
        return LocalTrainer.evaluate(
                shape, params, data.test().features(), data.test().labels());
    }

    /** Each site keeps 80% of its training rows; the other 20%, pooled, replace the test rows. */
    private static SimData holdOut(SimData data, long seed) {
        List<TabularDataset> trains = new ArrayList<>();
        List<TabularDataset> held = new ArrayList<>();
        for (TabularDataset train : data.trains()) {
            TabularDataset.Split split = train.split(0.2, seed);
            trains.add(split.train());
            held.add(split.validation());
        }
        return new SimData(data.names(), trains, TabularDataset.concat(held));
    }
}
