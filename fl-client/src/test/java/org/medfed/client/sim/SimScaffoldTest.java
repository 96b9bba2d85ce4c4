package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.medfed.client.data.TabularDataset;
import org.medfed.client.ledger.RoundResultsLedger;
import org.medfed.common.aggregation.Scaffold;
import org.medfed.common.codec.Hashing;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.model.UpdateRecord;

/**
 * A SCAFFOLD simulation runs through the simulation's ledger like FedAdam's: every update carries its control delta,
 * every aggregation records the task's control variate, which is c + Σ Δc_i / N over the deltas the ledger holds.
 */
class SimScaffoldTest {
    private static final ModelSpec SHAPE =
            new ModelSpec(ModelSpec.MLP, 4, List.of(), "relu", 2, new ContentRef("bafkreix", "0".repeat(64)));
    private static final TrainingSpec TRAINING =
            new TrainingSpec(1, 16, new java.math.BigDecimal("0.1"), "sgd", java.math.BigDecimal.ZERO);
    private static final String SCHEMA = Hashing.sha256Hex(new byte[] {1});

    @Test
    void everyRoundRecordsTheControlVariateOfTheDeltasOnTheLedger() {
        ConfigBuilder builder = new ConfigBuilder().strategy("scaffold");
        builder.rounds = 3;
        SimConfig three = builder.build();

        List<String> checked = SimFederation.run(three, data(), SHAPE, TRAINING, null, 7, SCHEMA, (task, outcome) -> {
            assertThat(outcome.events()).isEmpty();
            RoundResultsLedger ledger = new RoundResultsLedger(task.client(0));
            float[] c = new float[outcome.model().length];
            List<String> rounds = new ArrayList<>();
            for (long round = 1; round <= 3; round++) {
                AggregationRecord record = ledger.aggregation(task.id(), round).value();
                List<float[]> deltas = new ArrayList<>();
                for (UpdateRecord update : ledger.updates(task.id(), round).value()) {
                    deltas.add(task.model(update.submission().controlDelta()));
                }
                c = Scaffold.nextGlobalControl(c, deltas, 3);
                assertThat(task.model(record.controlVariate()))
                        .as("round %d", round)
                        .containsExactly(c);
                rounds.add("round " + round);
            }
            return rounds;
        });

        assertThat(checked).hasSize(3);
        assertThat(three.describeStrategy()).isEqualTo("scaffold");
    }

    @Test
    void theFirstRoundIsFedAvgsAndTheCorrectionChangesTheNext() {
        ConfigBuilder base = new ConfigBuilder();
        base.rounds = 2;

        SimFederation.Outcome fedAvg =
                SimFederation.run(base.strategy("fedavg").build(), data(), SHAPE, TRAINING, null, 7, SCHEMA);
        SimFederation.Outcome scaffold =
                SimFederation.run(base.strategy("scaffold").build(), data(), SHAPE, TRAINING, null, 7, SCHEMA);

        // round 1 starts from c = c_i = 0: no correction, the same seeded training
        assertThat(scaffold.roundModels().get(0))
                .containsExactly(fedAvg.roundModels().get(0));
        assertThat(scaffold.roundModels().get(1))
                .isNotEqualTo(fedAvg.roundModels().get(1));
    }

    /** Three sites of 40 rows, two classes along the first feature, and a test set. */
    private static SimData data() {
        List<TabularDataset> trains = new ArrayList<>();
        for (int site = 0; site < 3; site++) {
            trains.add(rows(40, 11 + site, site));
        }
        return new SimData(List.of("a", "b", "c"), trains, rows(30, 99, 0));
    }

    /** Rows whose class frequency depends on {@code skew}, so the sites drift apart. */
    private static TabularDataset rows(int n, long seed, int skew) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] x = new float[n][4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(4) < 1 + skew ? 1 : 0;
            for (int j = 0; j < 4; j++) {
                x[i][j] = (float) random.nextGaussian();
            }
            x[i][0] += y[i] == 1 ? 1f : -1f;
        }
        return new TabularDataset(x, y, List.of("f0", "f1", "f2", "f3"), List.of("no", "yes"));
    }
}
