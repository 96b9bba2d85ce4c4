package org.medfed.client.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.common.dp.EpsilonConversion;
import org.medfed.common.model.DpPolicy;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.reputation.ReputationPolicy;

/** The simulated ledger applies the contracts' own rules: budget cap, DP policy, reputation threshold, rounds. */
class SimLedgerTest {
    private static final String SCHEMA = "a".repeat(64);
    private static final DpUsage USAGE = new DpUsage(new BigDecimal("0.5"), new BigDecimal("1.0"), 10,
            BigDecimal.ONE);

    private final SimLedger ledger = new SimLedger();
    private final String a = ledger.register("a", SCHEMA, 10);
    private final String b = ledger.register("b", SCHEMA, 10);
    private final float[] initial = {0, 0, 0, 0, 0, 0};

    private void create(String strategy, long rounds, String maxEpsilon) {
        ModelSpec model = new ModelSpec(ModelSpec.MLP, 2, List.of(), "relu", 2, SimLedger.ref(initial));
        TaskSpec spec = new TaskSpec("t", "t", model, new TrainingSpec(1, 5, BigDecimal.ONE, "sgd", BigDecimal.ZERO),
                rounds, 1, 3600, 1, new StrategySpec(strategy, new TreeMap<>()),
                new DpPolicy(BigDecimal.ONE, BigDecimal.ONE, new BigDecimal("1e-5"), new BigDecimal(maxEpsilon),
                        EpsilonConversion.IMPROVED), ReputationPolicy.defaults(), List.of(a, b),
                List.of(SimLedger.datasetId(a), SimLedger.datasetId(b)));
        ledger.create(spec, initial);
    }

    @Test
    void anUpdateThatWouldExceedTheTasksEpsilonCapIsRefusedByTheAccountant() {
        create("fedavg", 3, "1");

        String refused = ledger.submit(a, new float[] {1, 1, 1, 1, 1, 1}, 10, USAGE);

        assertThat(refused).startsWith("PRIVACY_BUDGET_EXCEEDED");
        assertThat(ledger.epsilon(a)).isZero();
    }

    @Test
    void lessNoiseThanThePolicyAsksIsADpPolicyViolation() {
        create("fedavg", 3, "100");

        String refused = ledger.submit(a, initial, 10, new DpUsage(new BigDecimal("0.5"), new BigDecimal("0.5"), 10,
                BigDecimal.ONE));

        assertThat(refused).startsWith("DP_POLICY_VIOLATION");
    }

    @Test
    void aRoundAggregatesTheSubmittedModelsChargesBudgetAndMovesReputation() {
        create("fedavg", 2, "100");

        assertThat(ledger.submit(a, new float[] {1, 1, 1, 1, 1, 1}, 10, USAGE)).isNull();
        assertThat(ledger.submit(b, new float[] {3, 3, 3, 3, 3, 3}, 10, USAGE)).isNull();
        assertThat(ledger.submit(b, initial, 10, USAGE)).startsWith("DUPLICATE_SUBMISSION");
        assertThat(ledger.closeAndAggregate()).isNull();

        assertThat(ledger.finalModel()).containsOnly(2f);
        assertThat(ledger.currentRound()).isEqualTo(2);
        assertThat(ledger.epsilon(a)).isPositive();
        assertThat(ledger.reputation(a)).isGreaterThan(new BigDecimal("0.5"));
    }

    @Test
    void aParticipantThatMissesARoundLosesReputation() {
        create("fedavg", 2, "100");

        assertThat(ledger.submit(a, new float[] {1, 1, 1, 1, 1, 1}, 10, USAGE)).isNull();
        assertThat(ledger.closeAndAggregate()).isNull();

        assertThat(ledger.reputation(b)).isEqualByComparingTo("0.4");
    }
}
