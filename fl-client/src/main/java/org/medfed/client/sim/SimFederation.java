package org.medfed.client.sim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.train.InitialModel;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.TrainingResult;
import org.medfed.client.train.TrainingSettings;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.reputation.ReputationPolicy;

/**
 * One federated task in one JVM: each participant trains with the production {@link LocalTrainer} (DP-SGD when
 * the policy has noise), submits to the {@link SimLedger}, which admits, charges, closes, aggregates and updates
 * reputations with the contracts' rules. Every participant trains and submits each round; the ledger refuses a
 * participant whose reputation fell below the threshold ({@code REPUTATION_TOO_LOW}) or whose budget would be
 * exceeded. Malicious participants flip their labels or scale their update.
 */
final class SimFederation {

    /** What one federated run produced. */
    record Outcome(float[] model, List<float[]> roundModels, Map<String, List<BigDecimal>> reputation,
            Map<String, BigDecimal> epsilon, List<String> events) {}

    private SimFederation() {
    }

    static Outcome run(SimConfig config, SimData data, ModelSpec shape, TrainingSpec training, DpPolicy dp,
            long seed, String schemaSha256) {
        SimLedger ledger = new SimLedger();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < data.names().size(); i++) {
            ids.add(ledger.register(data.names().get(i), schemaSha256, data.trains().get(i).rowCount()));
        }
        float[] initial = InitialModel.generate(shape, seed);
        ModelSpec model = new ModelSpec(shape.architecture(), shape.inputs(), shape.hiddenLayers(),
                shape.activation(), shape.classes(), SimLedger.ref(initial));
        List<String> datasets = ids.stream().map(SimLedger::datasetId).toList();
        TaskSpec spec = new TaskSpec("sim", "simulation", model, training, config.rounds(), 1, 3600, 1,
                config.strategySpec(ids.size()), dp, ReputationPolicy.defaults(), ids, datasets);
        ledger.create(spec, initial);

        int k = ids.size();
        int firstMalicious = k - config.malicious();
        List<LocalTrainer> trainers = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            trainers.add(new LocalTrainer(SimData.random(seed, 100 + i), SimData.random(seed, 200 + i)));
        }
        Map<String, List<BigDecimal>> reputation = new LinkedHashMap<>();
        data.names().forEach(n -> reputation.put(n, new ArrayList<>()));
        List<float[]> roundModels = new ArrayList<>();
        List<String> events = new ArrayList<>();
        while (ledger.active()) {
            long round = ledger.currentRound();
            float[] global = ledger.globalModel();
            for (int i = 0; i < k; i++) {
                TabularDataset train = data.trains().get(i);
                boolean bad = i >= firstMalicious;
                int[] y = bad && "label-flip".equals(config.attack()) ? flipped(train) : train.labels();
                TrainingSettings settings = TrainingSettings.forTask(training, dp, train.rowCount());
                float[][] x = train.features();
                TrainingResult result = trainers.get(i).train(model, global, x, y, settings, x, y);
                float[] params = bad && SimConfig.scaleFactor(config.attack()) != null
                        ? scaled(global, result.params(), SimConfig.scaleFactor(config.attack())) : result.params();
                DpUsage usage = result.noiseMultiplier() == null ? result.unnoisedUsage() : result.dpUsage();
                String refused = ledger.submit(ids.get(i), params, train.rowCount(), usage);
                if (refused != null) {
                    events.add("round " + round + ": " + data.names().get(i) + " refused: " + refused);
                }
            }
            String failed = ledger.closeAndAggregate();
            if (failed != null) {
                events.add("round " + round + ": " + failed + "; the task stops here");
                break;
            }
            roundModels.add(ledger.finalModel());
            for (int i = 0; i < k; i++) {
                reputation.get(data.names().get(i)).add(ledger.reputation(ids.get(i)));
            }
        }
        Map<String, BigDecimal> epsilon = new LinkedHashMap<>();
        for (int i = 0; i < k; i++) {
            epsilon.put(data.names().get(i), ledger.epsilon(ids.get(i)));
        }
        float[] last = roundModels.isEmpty() ? initial : roundModels.get(roundModels.size() - 1);
        return new Outcome(last, roundModels, reputation, epsilon, events);
    }

    static int[] flipped(TabularDataset data) {
        int classes = data.classNames().size();
        int[] y = data.labels();
        for (int i = 0; i < y.length; i++) {
            y[i] = classes - 1 - y[i];
        }
        return y;
    }

    private static float[] scaled(float[] global, float[] params, double factor) {
        float[] out = new float[params.length];
        for (int j = 0; j < params.length; j++) {
            out[j] = (float) (global[j] + factor * ((double) params[j] - global[j]));
        }
        return out;
    }
}
