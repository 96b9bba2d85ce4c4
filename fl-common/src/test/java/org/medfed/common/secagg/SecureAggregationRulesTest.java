package org.medfed.common.secagg;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.Samples;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

class SecureAggregationRulesTest {
    private static final TaskSpec SECURE = Samples.secureSpec();

    @Test
    void acceptsTheSampleSecureTaskAndAnyTaskInClear() {
        assertThatCode(() -> SecureAggregationRules.requireCompatible(SECURE)).doesNotThrowAnyException();
        assertThatCode(() -> SecureAggregationRules.requireCompatible(Samples.specWithoutDp()))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesASecureTaskWithoutDp() {
        assertRefused(SECURE.with(SECURE.id(), null), "needs a dp policy");
    }

    @Test
    void refusesSeveralLocalEpochs() {
        assertRefused(
                rebuild(SECURE, new TrainingSpec(2, 32, BigDecimal.ONE, "sgd", BigDecimal.ZERO), SECURE.strategy()),
                "training.epochs must be 1");
    }

    @Test
    void refusesRobustStrategiesAndPerUpdateDecorators() {
        assertRefused(
                rebuild(SECURE, SECURE.training(), new StrategySpec("median", new TreeMap<>())),
                "needs to see each update");
        // SCAFFOLD needs each site's control delta, which the masks would hide.
        assertRefused(
                rebuild(SECURE, SECURE.training(), new StrategySpec("scaffold", new TreeMap<>())),
                "strategy scaffold needs to see each update");
        TreeMap<String, BigDecimal> weighted = new TreeMap<>();
        weighted.put("reputationWeighted", BigDecimal.ONE);
        assertRefused(rebuild(SECURE, SECURE.training(), new StrategySpec("fedavg", weighted)), "reputationWeighted");
    }

    @Test
    void refusesAQuorumBelowTheMinimumSurvivors() {
        assertRefused(
                Samples.spec(SECURE.eligibleParticipants(), 1).withSecureAggregation(Samples.secureAggregation()),
                "quorum 1 is below");
    }

    @Test
    void refusesAGridTooCoarseForTheModelAndABoundThatCouldWrap() {
        assertRefused(SECURE.withSecureAggregation(secure(11, 64, 60)), "quantizationBits 11 is below 12");
        assertRefused(SECURE.withSecureAggregation(secure(20, 1024, 60)), "could wrap around");
    }

    @Test
    void refusesPhasesThatLeaveNoTimeForMaskedInputs() {
        assertRefused(SECURE.withSecureAggregation(secure(12, 64, 540)), "leave time for the masked inputs");
    }

    private static SecureAggregationSpec secure(long bits, long bound, long sharesSeconds) {
        return new SecureAggregationSpec(2, 2, 2, new BigDecimal("0.5"), bits, bound, 32, 60, sharesSeconds, 120);
    }

    private static TaskSpec rebuild(TaskSpec spec, TrainingSpec training, StrategySpec strategy) {
        ModelSpec model = spec.model();
        return new TaskSpec(
                spec.id(),
                spec.title(),
                model,
                training,
                spec.rounds(),
                spec.quorum(),
                spec.roundDurationSeconds(),
                spec.maxAbortsBeforePause(),
                strategy,
                spec.dp(),
                spec.reputation(),
                List.copyOf(spec.eligibleParticipants()),
                spec.admittedDatasets(),
                spec.secureAggregation());
    }

    private static void assertRefused(TaskSpec spec, String message) {
        assertThatThrownBy(() -> SecureAggregationRules.requireCompatible(spec))
                .isInstanceOf(RuleViolation.class)
                .hasMessageContaining(message)
                .extracting(e -> ((RuleViolation) e).code())
                .isEqualTo(ErrorCode.SECURE_AGGREGATION_UNSUPPORTED);
    }
}
