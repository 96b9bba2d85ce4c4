package org.medfed.client.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.federation.SubsetPlan;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.AggregateResult;
import org.medfed.client.ledger.CloseResult;
import org.medfed.client.train.InitialModel;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.TrainingResult;
import org.medfed.client.train.TrainingSettings;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.reputation.ReputationPolicy;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;

/**
 * One federated task, trained in this JVM and run on the simulation's ledger ({@link SimTask}): each site trains
 * with the production {@link LocalTrainer} (DP-SGD when the policy has noise) and submits; the ledger admits,
 * charges, closes, aggregates and scores with the chaincode's own rules. Every site trains and submits each round;
 * the ledger refuses a site whose reputation fell below the threshold ({@code REPUTATION_TOO_LOW}) or whose budget
 * would be exceeded. Malicious sites train on the rows their {@link Attack} gives them and submit what it makes of
 * the round's trained models. With SCAFFOLD each site keeps its control
 * c_i in memory (advanced only when its update contributed to the aggregate, so the task's c stays their mean),
 * submits its control delta with its update and reads c from the previous round's aggregation record.
 */
final class SimFederation {
    private static final long ROUND_SECONDS = 3600;

    /** What one federated run produced. */
    record Outcome(
            float[] model,
            List<float[]> roundModels,
            Map<String, List<BigDecimal>> reputation,
            Map<String, BigDecimal> epsilon,
            List<String> events) {}

    private SimFederation() {}

    /** What a caller does with a trained task before it closes, at the ledger time of its last aggregation. */
    @FunctionalInterface
    interface Then<T> {
        T apply(SimTask task, Outcome outcome) throws MedfedException, BlobStoreException;
    }

    static Outcome run(
            SimConfig config,
            SimData data,
            ModelSpec shape,
            TrainingSpec training,
            DpPolicy dp,
            long seed,
            String schemaSha256) {
        return run(config, data, shape, training, dp, seed, schemaSha256, (task, outcome) -> outcome);
    }

    /** Trains as {@link #run}, then hands the still open task and its outcome to {@code then}. */
    static <T> T run(
            SimConfig config,
            SimData data,
            ModelSpec shape,
            TrainingSpec training,
            DpPolicy dp,
            long seed,
            String schemaSha256,
            Then<T> then) {
        return onTask(null, config, data, shape, training, dp, seed, schemaSha256, then);
    }

    /**
     * A two-stage task (docs/non-iid.md): the sites share a subset as {@code subset} plans, the ledger warms the
     * initial model up on it, and every round trains each site on its rows less those it shared plus its share α.
     */
    static Outcome runTwoStage(
            SubsetPlan subset,
            SimConfig config,
            SimData data,
            ModelSpec shape,
            TrainingSpec training,
            DpPolicy dp,
            long seed,
            String schemaSha256) {
        return onTask(subset, config, data, shape, training, dp, seed, schemaSha256, (task, outcome) -> outcome);
    }

    private static <T> T onTask(
            SubsetPlan subset,
            SimConfig config,
            SimData data,
            ModelSpec shape,
            TrainingSpec training,
            DpPolicy dp,
            long seed,
            String schemaSha256,
            Then<T> then) {
        try (SimTask task = new SimTask(SimNetwork.shared())) {
            return then.apply(task, federate(task, config, data, shape, training, dp, seed, schemaSha256, subset));
        } catch (MedfedException | BlobStoreException e) {
            throw new IllegalStateException("the simulation's ledger failed: " + e.getMessage(), e);
        }
    }

    private static Outcome federate(
            SimTask task,
            SimConfig config,
            SimData data,
            ModelSpec shape,
            TrainingSpec training,
            DpPolicy dp,
            long seed,
            String schemaSha256,
            SubsetPlan subset)
            throws MedfedException, BlobStoreException {
        float[] initial = InitialModel.generate(shape, seed);
        int k = data.names().size();
        for (int i = 0; i < k; i++) {
            task.join(data.names().get(i), data.trains().get(i).rowCount(), schemaSha256);
        }
        ModelSpec model = new ModelSpec(
                shape.architecture(),
                shape.inputs(),
                shape.hiddenLayers(),
                shape.activation(),
                shape.classes(),
                task.put(initial));
        TaskSpec spec = new TaskSpec(
                        task.id(),
                        "simulation",
                        model,
                        training,
                        config.rounds(),
                        1,
                        ROUND_SECONDS,
                        1,
                        config.strategySpec(k),
                        dp,
                        ReputationPolicy.defaults(),
                        task.participantIds(),
                        task.datasetIds())
                .withUse(config.usePurpose(), config.risk());
        List<TabularDataset> trains = data.trains();
        // what each site weighs in and samples from: its own rows (stage 2 adds shared rows, never counted)
        List<Integer> ownRows = trains.stream().map(TabularDataset::rowCount).toList();
        if (subset != null) {
            long rows = trains.stream().mapToLong(TabularDataset::rowCount).sum();
            spec = spec.withSharedSubset(subset.spec(task.datasetIds(), rows, shape.classes()));
        }
        RoundState round = task.create(spec);
        if (config.usePurpose() != null) {
            task.approveUses("simulated holders approve: " + config.usePurpose().statement());
        }
        if (subset != null) {
            // stage 1 on the ledger; stage 2: each site's rows less those it shared, plus its share of the subset
            SimSubset.Stages stages =
                    SimSubset.warmUp(task, trains, spec.subset().orElseThrow(), model, seed);
            trains = stages.stage2();
            ownRows = stages.own().stream().map(TabularDataset::rowCount).toList();
            round = task.round(1);
        }

        int firstMalicious = k - config.malicious();
        Attack attack = config.malicious() > 0 ? config.parsedAttack() : null;
        List<LocalTrainer> trainers = new ArrayList<>();
        List<SplittableRandom> attackRandoms = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            trainers.add(new LocalTrainer(SimData.random(seed, 100 + i), SimData.random(seed, 200 + i)));
            attackRandoms.add(SimData.random(seed, 500 + i));
        }
        List<TabularDataset> siteRows = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            siteRows.add(i >= firstMalicious ? attack.trainingRows(trains.get(i)) : trains.get(i));
        }
        boolean scaffold = Strategies.needsControlVariate(config.strategySpec(k));
        List<float[]> siteControls = new ArrayList<>();
        for (int i = 0; i < k && scaffold; i++) {
            siteControls.add(new float[initial.length]);
        }
        float[] globalControl = scaffold ? new float[initial.length] : null;
        Map<String, List<BigDecimal>> reputation = new LinkedHashMap<>();
        data.names().forEach(n -> reputation.put(n, new ArrayList<>()));
        List<float[]> roundModels = new ArrayList<>();
        List<String> events = new ArrayList<>();
        while (round != null) {
            float[] global = task.model(round.baseModel());
            List<float[]> params = new ArrayList<>();
            List<Long> examples = new ArrayList<>();
            List<DpUsage> usages = new ArrayList<>();
            List<TrainingResult> results = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                TabularDataset train = siteRows.get(i);
                TrainingSettings settings = TrainingSettings.forTask(training, dp, ownRows.get(i));
                if (scaffold) {
                    settings = settings.withControls(new TrainingSettings.Controls(siteControls.get(i), globalControl));
                }
                float[][] x = train.features();
                int[] y = train.labels();
                TrainingResult result = trainers.get(i).train(model, global, x, y, settings, x, y);
                params.add(result.params());
                examples.add((long) ownRows.get(i));
                usages.add(result.noiseMultiplier() == null ? result.unnoisedUsage() : result.dpUsage());
                results.add(result);
            }
            if (attack != null) {
                Attack.Round seen = new Attack.Round(global, params, examples, firstMalicious);
                for (int i = firstMalicious; i < k; i++) {
                    params.set(i, attack.submitted(seen, i, attackRandoms.get(i)));
                }
            }
            List<String> refusals = task.submitTogether(
                    round,
                    params,
                    examples,
                    usages,
                    scaffold
                            ? results.stream().map(TrainingResult::controlDelta).toList()
                            : null);
            for (int i = 0; i < k; i++) {
                if (refusals.get(i) != null) {
                    events.add("round " + round.round() + ": " + data.names().get(i) + " refused: " + refusals.get(i));
                }
            }
            CloseResult closed = task.close(round);
            if (closed.round().status() != RoundStatus.CLOSED) {
                events.add("round " + round.round() + ": round aborted without quorum ("
                        + closed.round().status() + "); the task stops here");
                break;
            }
            AggregateResult aggregated;
            try {
                aggregated = task.aggregate(round);
            } catch (MedfedException e) {
                if (!e.isFromChaincode()) {
                    throw e;
                }
                // e.g. a buffered strategy above its memory budget (TOO_LARGE_FOR_STRATEGY): on a network the round
                // would stay closed and unaggregated, so the task stops here too
                events.add("round " + round.round() + ": aggregation refused: " + e.code() + ": " + e.getMessage()
                        + "; the task stops here");
                break;
            }
            roundModels.add(task.model(aggregated.round().resultModel()));
            if (scaffold) {
                globalControl = task.model(aggregated.aggregation().controlVariate());
                for (Contribution c : aggregated.aggregation().contributions()) {
                    int site = task.participantIds().indexOf(c.participantId());
                    siteControls.set(site, results.get(site).siteControl());
                }
            }
            for (int i = 0; i < k; i++) {
                reputation.get(data.names().get(i)).add(task.score(i));
            }
            round = aggregated.nextRound();
        }
        Map<String, BigDecimal> epsilon = new LinkedHashMap<>();
        for (int i = 0; i < k && dp != null; i++) {
            epsilon.put(data.names().get(i), task.epsilon(i));
        }
        float[] last = roundModels.isEmpty() ? initial : roundModels.get(roundModels.size() - 1);
        return new Outcome(last, roundModels, reputation, epsilon, events);
    }
}
