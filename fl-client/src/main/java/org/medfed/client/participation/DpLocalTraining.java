package org.medfed.client.participation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.medfed.client.data.DataException;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.subset.SharedRows;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.Metrics;
import org.medfed.client.train.PrivacyBudgetGuard;
import org.medfed.client.train.SecureInputSettings;
import org.medfed.client.train.TrainingResult;
import org.medfed.client.train.TrainingSettings;
import org.medfed.common.aggregation.Strategies;
import org.medfed.common.budget.DpCharge;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.secagg.SecureAdmission;

/**
 * The node's {@link LocalTraining}: read the local rows (for a wearable gateway, after ingesting what arrived), split
 * off the validation rows, work out this round's DP-SGD run from the task (q = batch / N, steps, σ, C), refuse when
 * it would take the node or the task past its ε limit, then train with DP and report the validation metrics. A task
 * without a DP policy is refused ({@link #WITHOUT_DP}) unless the node's configuration allows such tasks; it is then
 * trained with plain SGD and its update declares noise multiplier 0, so nobody mistakes it for a private one. A
 * SCAFFOLD task is refused ({@link #SCAFFOLD_UNSUPPORTED}): the node keeps no control variate yet.
 */
public final class DpLocalTraining implements LocalTraining {
    /** The stable part of the refusal of a task without DP, after "task ID ". */
    public static final String WITHOUT_DP = "has no differential-privacy policy, and this node trains only with DP "
            + "(limits.allowTasksWithoutDp: true in its configuration lets it take part)";

    /** The stable part of the refusal of a SCAFFOLD task, after "task ID ". */
    public static final String SCAFFOLD_UNSUPPORTED = "trains with SCAFFOLD, whose site control variate this node does"
            + " not keep yet, so it takes no part (SCAFFOLD runs in ./medfed simulate --strategy scaffold)";

    /** The node's local data, read afresh for each round. */
    @FunctionalInterface
    public interface LocalData {
        TabularDataset read() throws DataException;
    }

    /** What the ledger has charged this participant in a task so far. */
    @FunctionalInterface
    public interface SpentBudget {
        PrivacyBudget of(Task task) throws Exception;

        /**
         * What the node's other tasks have charged on the same records; the node's own limit covers all of them.
         * None by default (a node enrolled in one task).
         */
        default List<DpCharge> otherTasks(Task task) throws Exception {
            return List.of();
        }
    }

    private final String datasetId;
    private final LocalData data;
    private final double validationFraction;
    private final long splitSeed;
    private final BigDecimal maxEpsilon;
    private final int maxEpochs;
    private final boolean allowTasksWithoutDp;
    private final LocalTrainer trainer;
    private final PrivacyBudgetGuard guard;
    private final SpentBudget spent;
    private final NodeLog log;
    private final SharedTrainingRows shared;
    private volatile boolean cancelled;

    /** @param shared the shared rows a two-stage task adds to each round's own rows ({@link SharedTrainingRows#NONE}) */
    public DpLocalTraining(
            String datasetId,
            LocalData data,
            double validationFraction,
            long splitSeed,
            BigDecimal maxEpsilon,
            int maxEpochs,
            boolean allowTasksWithoutDp,
            LocalTrainer trainer,
            PrivacyBudgetGuard guard,
            SpentBudget spent,
            NodeLog log,
            SharedTrainingRows shared) {
        this.shared = Objects.requireNonNull(shared, "shared");
        this.datasetId = Objects.requireNonNull(datasetId, "datasetId");
        this.data = Objects.requireNonNull(data, "data");
        this.validationFraction = validationFraction;
        this.splitSeed = splitSeed;
        this.maxEpsilon = Objects.requireNonNull(maxEpsilon, "maxEpsilon");
        this.maxEpochs = maxEpochs;
        this.allowTasksWithoutDp = allowTasksWithoutDp;
        this.trainer = Objects.requireNonNull(trainer, "trainer");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.spent = Objects.requireNonNull(spent, "spent");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public TrainedUpdate train(Task task, long round, float[] globalModel) throws TrainingRefusedException {
        if (Strategies.needsControlVariate(task.spec().strategy())) {
            // The ledger refuses an update without its control delta (CONTROL_VARIATE_MISMATCH): say why up front.
            throw new TrainingRefusedException("task " + task.spec().id() + " " + SCAFFOLD_UNSUPPORTED);
        }
        DpPolicy policy = task.spec().dpPolicy().orElse(null);
        if (policy == null && !allowTasksWithoutDp) {
            throw new TrainingRefusedException("task " + task.spec().id() + " " + WITHOUT_DP);
        }
        TabularDataset.Split split;
        try {
            split = data.read().split(validationFraction, splitSeed);
        } catch (DataException | RuntimeException e) {
            throw new TrainingRefusedException("the local data cannot be used: " + e.getMessage(), e);
        }
        TabularDataset train = split.train();
        TrainingSettings settings;
        try {
            settings = TrainingSettings.forTask(cappedEpochs(task.spec().training()), policy, train.rowCount());
        } catch (IllegalArgumentException e) {
            throw new TrainingRefusedException(
                    "the task's training settings cannot be used here: " + e.getMessage(), e);
        }
        DpUsage usage = null;
        double epsilonAfter = Double.NaN;
        if (policy == null) {
            log.info(task.spec().id() + " round " + round + ": training on " + train.rowCount() + " rows, "
                    + settings.steps() + " SGD steps WITHOUT differential privacy (the task has none; this node's"
                    + " configuration allows such tasks)");
        } else {
            usage = new DpUsage(settings.samplingRate(), policy.noiseMultiplier(), settings.steps(), policy.clipNorm());
            epsilonAfter = checkBudget(task, round, policy, usage);
            log.info(task.spec().id() + " round " + round + ": training on " + train.rowCount() + " rows, "
                    + settings.steps() + " DP-SGD steps, q="
                    + usage.samplingRate().toPlainString() + ", sigma="
                    + usage.noiseMultiplier().toPlainString() + "; epsilon after this round "
                    + String.format(java.util.Locale.ROOT, "%.3f", epsilonAfter));
        }
        TabularDataset validation = split.validation();
        float[][] x = train.features();
        int[] y = train.labels();
        Optional<SharedRows.Draw> draw = shared.draw(task);
        if (draw.isPresent()) {
            // q stays batch / (own rows), so each own record is sampled as the accountant assumes; the shared rows
            // are sampled at the same rate and are outside the DP guarantee (docs/privacy.md)
            x = concat(x, draw.get().x());
            y = concat(y, draw.get().y());
            log.info(task.spec().id() + " round " + round + ": plus "
                    + draw.get().y().length + " rows of the shared subset (stage 2)");
        }
        String privacy = policy == null
                ? "no DP"
                : "epsilon after this round " + String.format(java.util.Locale.ROOT, "%.2f", epsilonAfter);
        TrainingResult result = trainer.train(
                task.spec().model(),
                globalModel,
                x,
                y,
                settings,
                validation.features(),
                validation.labels(),
                (epoch, epochs, loss) -> log.info(task.spec().id() + " round " + round + ": epoch " + epoch + "/"
                        + epochs + ", loss " + String.format(java.util.Locale.ROOT, "%.4f", loss) + ", " + privacy),
                () -> cancelled);
        if (usage == null) {
            usage = result.unnoisedUsage();
        } else if (!result.dpUsage().equals(usage)) {
            throw new IllegalStateException(
                    "training ran with " + result.dpUsage() + " but the budget was checked for " + usage);
        }
        return new TrainedUpdate(
                result.params(),
                UpdateKind.FULL,
                train.rowCount(),
                datasetId,
                metrics(result.validation(), epsilonAfter),
                usage);
    }

    private static float[][] concat(float[][] a, float[][] b) {
        float[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * One DP-SGD step of a secure round on every local row (each sampled with the task's q; the ledger divides by
     * q·N with N the registered row count), with the task's σ and C: the budget is checked for exactly what the ledger
     * will charge ({@link SecureAdmission#step}), and nothing but the masked sum is ever released, so no validation
     * rows are held back and no metrics computed.
     */
    @Override
    public SiteInput siteInput(Task task, long round, float[] globalModel) throws TrainingRefusedException {
        DpPolicy policy = task.spec()
                .dpPolicy()
                .orElseThrow(
                        () -> new TrainingRefusedException("task " + task.spec().id() + " " + WITHOUT_DP));
        TabularDataset rows;
        try {
            rows = data.read();
        } catch (DataException | RuntimeException e) {
            throw new TrainingRefusedException("the local data cannot be used: " + e.getMessage(), e);
        }
        DpUsage step = SecureAdmission.step(task.spec());
        double epsilonAfter = checkBudget(task, round, policy, step);
        log.info(task.spec().id() + " round " + round + ": one secure DP-SGD step over " + rows.rowCount()
                + " rows, q=" + step.samplingRate().toPlainString() + ", sigma="
                + step.noiseMultiplier().toPlainString()
                + " (this site's share of the noise); epsilon after this round "
                + String.format(java.util.Locale.ROOT, "%.3f", epsilonAfter));
        return new SiteInput(secureStep(task, globalModel, rows), datasetId);
    }

    /** The site input of {@link #siteInput}: {@link LocalTrainer#secureInput} with the task's parameters. */
    private int[] secureStep(Task task, float[] globalModel, TabularDataset rows) {
        DpPolicy policy = task.spec().dpPolicy().orElseThrow();
        SecureAggregationSpec secure = task.spec().secureAggregationSpec().orElseThrow();
        SecureInputSettings settings = new SecureInputSettings(
                secure.samplingRate(),
                policy.clipNorm(),
                policy.noiseMultiplier(),
                (int) secure.quantizationBits(),
                secure.minSurvivors(),
                secure.inputBound());
        return trainer.secureInput(task.spec().model(), globalModel, rows.features(), rows.labels(), settings);
    }

    /** The ε after this round, when neither the node's limit nor the task's cap would be passed. */
    private double checkBudget(Task task, long round, DpPolicy policy, DpUsage usage) throws TrainingRefusedException {
        PrivacyBudgetGuard.Decision decision;
        try {
            decision = guard.check(maxEpsilon, policy, spent.of(task), spent.otherTasks(task), round, usage);
        } catch (Exception e) {
            throw new TrainingRefusedException("cannot read this node's privacy budget: " + e.getMessage(), e);
        }
        if (!decision.allowed()) {
            throw new TrainingRefusedException(decision.message());
        }
        return decision.epsilonAfter();
    }

    /**
     * Stops a training run in progress at its next step (it then throws {@link java.util.concurrent
     * .CancellationException}); nothing of it is released, so it costs no privacy budget.
     */
    public void cancel() {
        cancelled = true;
    }

    private TrainingSpec cappedEpochs(TrainingSpec training) {
        if (training.epochs() <= maxEpochs) {
            return training;
        }
        log.info("the task asks for " + training.epochs() + " local epochs; this node's limit is " + maxEpochs);
        return new TrainingSpec(
                maxEpochs, training.batchSize(), training.learningRate(), training.optimizer(), training.fedProxMu());
    }

    /** {@code epsilonAfter} NaN (no DP) leaves the "epsilon" metric out. */
    private static SortedMap<String, BigDecimal> metrics(Metrics.Validation validation, double epsilonAfter) {
        SortedMap<String, BigDecimal> metrics = new TreeMap<>();
        put(metrics, "loss", validation.loss());
        put(metrics, "accuracy", validation.accuracy());
        put(metrics, "f1", validation.f1());
        put(metrics, "auc", validation.auc());
        put(metrics, "epsilon", epsilonAfter);
        metrics.put("validationExamples", BigDecimal.valueOf(validation.examples()));
        return metrics;
    }

    /** Six significant digits: enough for a chart, and short on the ledger. */
    private static void put(SortedMap<String, BigDecimal> metrics, String name, double value) {
        if (Double.isFinite(value)) {
            metrics.put(name, new BigDecimal(value, new java.math.MathContext(6)).stripTrailingZeros());
        }
    }
}
