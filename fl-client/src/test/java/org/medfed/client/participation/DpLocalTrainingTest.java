package org.medfed.client.participation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.client.data.DataException;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.train.LocalTrainer;
import org.medfed.client.train.PrivacyBudgetGuard;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.budget.RdpEpsilonAccountant;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;

class DpLocalTrainingTest {
    private final List<String> log = new ArrayList<>();
    private final Task task = Fakes.task(new Fakes.Blobs());

    DpLocalTrainingTest() throws IOException {}

    /** Two classes separated along the first of 30 features, the example task's input width. */
    private static TabularDataset separable(int rows) {
        SplittableRandom random = new SplittableRandom(5);
        float[][] x = new float[rows][30];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % 2;
            for (int j = 0; j < 30; j++) {
                x[i][j] = (float) random.nextGaussian() * 0.3f;
            }
            x[i][0] += y[i] == 1 ? 1.5f : -1.5f;
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < 30; j++) {
            names.add("f" + j);
        }
        return new TabularDataset(x, y, names, List.of("benign", "malignant"));
    }

    private DpLocalTraining training(DpLocalTraining.LocalData data, String maxEpsilon, int maxEpochs) {
        return training(data, maxEpsilon, maxEpochs, false);
    }

    private DpLocalTraining training(
            DpLocalTraining.LocalData data, String maxEpsilon, int maxEpochs, boolean allowTasksWithoutDp) {
        return new DpLocalTraining(
                "wdbc-hospital",
                data,
                0.25,
                11,
                new BigDecimal(maxEpsilon),
                maxEpochs,
                allowTasksWithoutDp,
                new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2)),
                new PrivacyBudgetGuard(new RdpEpsilonAccountant()),
                t -> PrivacyBudget.unspent(
                        t.spec().id(), Fakes.ME, t.spec().dpPolicy().orElseThrow()),
                (level, message) -> log.add(message),
                SharedTrainingRows.NONE);
    }

    /** The example task without its DP policy. */
    @Test
    void aNodeRefusesAScaffoldTaskWithoutReadingItsData() {
        TaskSpec s = task.spec();
        Task scaffold = Task.create(
                new TaskSpec(
                        s.id(),
                        s.title(),
                        s.model(),
                        s.training(),
                        s.rounds(),
                        s.quorum(),
                        s.roundDurationSeconds(),
                        s.maxAbortsBeforePause(),
                        new StrategySpec("scaffold", new TreeMap<>()),
                        s.dp(),
                        s.reputation(),
                        s.eligibleParticipants(),
                        s.admittedDatasets()),
                task.createdAt(),
                task.createdBy());

        assertThatThrownBy(() -> training(
                                () -> {
                                    throw new AssertionError("a refused task reads no data");
                                },
                                "8",
                                5)
                        .train(scaffold, 1, global()))
                .isInstanceOf(TrainingRefusedException.class)
                .hasMessage("task " + s.id() + " " + DpLocalTraining.SCAFFOLD_UNSUPPORTED);
    }

    private Task withoutDp() {
        TaskSpec s = task.spec();
        return Task.create(
                new TaskSpec(
                        s.id(),
                        s.title(),
                        s.model(),
                        s.training(),
                        s.rounds(),
                        s.quorum(),
                        s.roundDurationSeconds(),
                        s.maxAbortsBeforePause(),
                        s.strategy(),
                        null,
                        s.reputation(),
                        s.eligibleParticipants(),
                        s.admittedDatasets()),
                task.createdAt(),
                task.createdBy());
    }

    private float[] global() {
        return new float[(int) task.spec().model().parameterCount()];
    }

    @Test
    void trainsWithTheTasksDpSettingsAndReportsWhatItUsed() throws Exception {
        TrainedUpdate update = training(() -> separable(400), "8", 5).train(task, 1, global());

        assertThat(update.numExamples()).isEqualTo(300);
        long batch = task.spec().training().batchSize();
        assertThat(update.dp().steps()).isEqualTo(task.spec().training().epochs() * ((300 + batch - 1) / batch));
        assertThat(update.dp().samplingRate())
                .as("q = batch / N, rounded up to 6 digits")
                .isEqualByComparingTo(BigDecimal.valueOf(batch)
                        .divide(BigDecimal.valueOf(300), new java.math.MathContext(6, java.math.RoundingMode.UP)));
        assertThat(update.dp().noiseMultiplier())
                .isEqualByComparingTo(task.spec().dp().noiseMultiplier());
        assertThat(update.metrics()).containsKeys("accuracy", "f1", "auc", "loss", "epsilon");
        assertThat(update.metrics().get("validationExamples")).isEqualByComparingTo("100");
        assertThat(update.parameters()).hasSize(global().length).isNotEqualTo(global());
        assertThat(log).hasSize(1 + (int) task.spec().training().epochs());
        assertThat(log.get(0)).contains("DP-SGD steps");
        assertThat(log.get(1)).containsPattern("epoch 1/\\d+, loss \\d\\.\\d{4}, epsilon after this round");
    }

    @Test
    void theNodesLimitCountsWhatItsOtherTasksSpentOnTheSameRecords() throws Exception {
        DpLocalTraining.SpentBudget spentElsewhere = new DpLocalTraining.SpentBudget() {
            @Override
            public PrivacyBudget of(Task t) {
                return PrivacyBudget.unspent(
                        t.spec().id(),
                        Fakes.ME,
                        t.spec().dp().delta(),
                        t.spec().dp().conversion(),
                        t.spec().dp().maxEpsilon());
            }

            @Override
            public java.util.List<org.medfed.common.budget.DpCharge> otherTasks(Task t) {
                java.util.List<org.medfed.common.budget.DpCharge> charges = new ArrayList<>();
                for (long r = 1; r <= 40; r++) {
                    charges.add(
                            new org.medfed.common.budget.DpCharge(r, new BigDecimal("0.2"), new BigDecimal("1.1"), 20));
                }
                return charges;
            }
        };
        DpLocalTraining alone = training(() -> separable(400), "8", 5);
        DpLocalTraining withOthers = new DpLocalTraining(
                "wdbc-hospital",
                () -> separable(400),
                0.25,
                11,
                new BigDecimal("8"),
                5,
                false,
                new LocalTrainer(new SplittableRandom(1), new SplittableRandom(2)),
                new PrivacyBudgetGuard(new RdpEpsilonAccountant()),
                spentElsewhere,
                (level, message) -> log.add(message),
                SharedTrainingRows.NONE);

        assertThat(alone.train(task, 1, global()).numExamples()).isEqualTo(300);
        assertThatThrownBy(() -> withOthers.train(task, 1, global()))
                .isInstanceOf(TrainingRefusedException.class)
                .hasMessageContaining("node");
    }

    @Test
    void aNodeRefusesATaskWithoutDpUnlessItsConfigurationAllowsIt() {
        assertThatThrownBy(() -> training(
                                () -> {
                                    throw new AssertionError("a refused task reads no data");
                                },
                                "8",
                                5)
                        .train(withoutDp(), 1, global()))
                .isInstanceOf(TrainingRefusedException.class)
                .hasMessage("task " + task.spec().id() + " " + DpLocalTraining.WITHOUT_DP);
    }

    @Test
    void aNodeThatAllowsTasksWithoutDpTrainsWithoutNoiseAndDeclaresNone() throws Exception {
        TrainedUpdate update = training(() -> separable(400), "8", 5, true).train(withoutDp(), 1, global());

        assertThat(update.dp().noiseMultiplier()).isZero();
        assertThat(update.metrics()).containsKeys("accuracy", "f1").doesNotContainKey("epsilon");
        assertThat(update.parameters()).hasSize(global().length).isNotEqualTo(global());
        assertThat(log.get(0)).contains("WITHOUT differential privacy");
        assertThat(log.get(1)).endsWith(", no DP");
    }

    @Test
    void aCancelledRunStopsWithoutAnUpdate() {
        DpLocalTraining training = training(() -> separable(400), "8", 5);
        training.cancel();

        assertThatThrownBy(() -> training.train(task, 1, global()))
                .isInstanceOf(java.util.concurrent.CancellationException.class);
    }

    @Test
    void refusesARoundThatWouldTakeTheNodePastItsOwnLimitAndSaysWhich() {
        assertThatThrownBy(() -> training(() -> separable(400), "0.01", 5).train(task, 1, global()))
                .isInstanceOf(TrainingRefusedException.class)
                .hasMessageContaining("node");
    }

    @Test
    void unusableLocalDataIsARefusalNamingTheProblem() {
        DpLocalTraining training = training(
                () -> {
                    throw new DataException("data.csv line 7: column 'radius_mean' is not a number");
                },
                "8",
                5);

        assertThatThrownBy(() -> training.train(task, 1, global()))
                .isInstanceOf(TrainingRefusedException.class)
                .hasMessageContaining("radius_mean");
    }

    @Test
    void aSecureRoundsInputIsOneStepOnTheGridWithinTheBoundOverEveryRow() throws Exception {
        Task secure = SecureFakes.task(new Fakes.Blobs(), List.of(Fakes.ME, Fakes.OTHER), 2, 2);
        long bound = 64L << 16; // inputBound · 2^b

        SiteInput input = training(() -> separable(400), "8", 5).siteInput(secure, 1, global());

        assertThat(input.datasetId()).isEqualTo("wdbc-hospital");
        assertThat(input.values()).hasSize(global().length);
        assertThat(java.util.Arrays.stream(input.values()).allMatch(v -> Math.abs(v) <= bound))
                .isTrue();
        assertThat(input.values()).isNotEqualTo(new int[global().length]);
        assertThat(log.get(0)).contains("one secure DP-SGD step over 400 rows");
    }

    @Test
    void aSecureRoundsInputIsRefusedPastTheNodesEpsilonLimit() throws Exception {
        Task secure = SecureFakes.task(new Fakes.Blobs(), List.of(Fakes.ME, Fakes.OTHER), 2, 2);

        assertThatThrownBy(() -> training(() -> separable(400), "0.0001", 5).siteInput(secure, 1, global()))
                .isInstanceOf(TrainingRefusedException.class);
    }
}
