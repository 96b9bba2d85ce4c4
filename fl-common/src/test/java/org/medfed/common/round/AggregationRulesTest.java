package org.medfed.common.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.medfed.common.model.Samples.ALICE;
import static org.medfed.common.model.Samples.BOB;
import static org.medfed.common.model.Samples.CAROL;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.Samples;
import org.medfed.common.model.StrategySpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

class AggregationRulesTest {
    private static final Instant CLOSED_AT = Samples.T0.plusSeconds(100);
    private static final Instant NOW = Samples.T0.plusSeconds(200);
    private final Task task = Samples.task();
    private final RoundState closed = RoundState.open("sepsis", 1, Samples.ref("initial"), Samples.T0, 600)
            .closed(CLOSED_AT, CloseReason.ALL_SUBMITTED, List.of(ALICE, BOB, CAROL), List.of());

    @Test
    void aggregatesTheRoundAndOpensTheNextFromTheNewModel() {
        AggregationRules.Result result = AggregationRules.accept(
                task,
                closed,
                report(List.of(ALICE, BOB), List.of(new Exclusion(CAROL, ExclusionReason.QUALITY_REJECTED, "outlier"))),
                ALICE,
                NOW,
                "tx-7");

        assertThat(result.aggregated().status()).isEqualTo(RoundStatus.AGGREGATED);
        assertThat(result.record().parentModel()).isEqualTo(Samples.ref("initial"));
        assertThat(result.task().currentRound()).isEqualTo(2);
        assertThat(result.task().globalModel()).isEqualTo(Samples.ref("g1"));
        assertThat(result.next().round()).isEqualTo(2);
        assertThat(result.next().baseModel()).isEqualTo(Samples.ref("g1"));
        assertThat(result.next().deadline()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void completesTheTaskAfterTheLastRound() {
        Task last = task.advance(Samples.ref("a"), CLOSED_AT).advance(Samples.ref("b"), CLOSED_AT);
        RoundState third = RoundState.open("sepsis", 3, Samples.ref("b"), CLOSED_AT, 600)
                .closed(CLOSED_AT, CloseReason.ALL_SUBMITTED, List.of(ALICE, BOB), List.of());
        AggregationRequest report = new AggregationRequest(
                "sepsis",
                3,
                Samples.ref("final"),
                List.of(new Contribution(ALICE, BigDecimal.ONE), new Contribution(BOB, BigDecimal.ONE)),
                List.of());

        AggregationRules.Result result = AggregationRules.accept(last, third, report, ALICE, NOW, "tx-9");

        assertThat(result.task().status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(result.next()).isNull();
    }

    @Test
    void mustAccountForEveryAcceptedUpdateExactlyOnce() {
        assertRefused(ErrorCode.INVALID_ARGUMENT, report(List.of(ALICE, BOB), List.of()));
        String dave = Samples.participant("dave");
        assertRefused(ErrorCode.INVALID_ARGUMENT, report(List.of(ALICE, BOB, CAROL, dave), List.of()));
    }

    @Test
    void needsQuorumContributions() {
        assertRefused(
                ErrorCode.QUORUM_NOT_MET,
                report(
                        List.of(ALICE),
                        List.of(
                                new Exclusion(BOB, ExclusionReason.QUALITY_REJECTED, null),
                                new Exclusion(CAROL, ExclusionReason.CONTENT_INVALID, null))));
    }

    @Test
    void aStatelessStrategysReportNamesNoOptimizerStateAndTheRecordKeepsNone() {
        AggregationRequest plain = report(List.of(ALICE, BOB, CAROL), List.of());
        AggregationRequest withState = new AggregationRequest(
                plain.taskId(),
                plain.round(),
                plain.globalModel(),
                plain.contributions(),
                plain.excluded(),
                Samples.ref("state"));

        assertRefused(ErrorCode.INVALID_ARGUMENT, withState);
        AggregationRules.Result result = AggregationRules.accept(task, closed, plain, ALICE, NOW, "tx");
        assertThat(result.record().toJson()).containsEntry("optimizerState", null);
    }

    @Test
    void aServerOptimizersReportMustNameItsStateWhichTheRecordKeeps() {
        TaskSpec base = Samples.spec();
        Task adam = Task.create(
                new TaskSpec(
                        base.id(),
                        base.title(),
                        base.model(),
                        base.training(),
                        base.rounds(),
                        base.quorum(),
                        base.roundDurationSeconds(),
                        base.maxAbortsBeforePause(),
                        new StrategySpec("fedadam", new TreeMap<>()),
                        base.dp(),
                        base.reputation(),
                        base.eligibleParticipants(),
                        base.admittedDatasets()),
                Samples.T0,
                Samples.ADMIN);
        AggregationRequest plain = report(List.of(ALICE, BOB, CAROL), List.of());
        AggregationRequest withState = new AggregationRequest(
                plain.taskId(),
                plain.round(),
                plain.globalModel(),
                plain.contributions(),
                plain.excluded(),
                Samples.ref("state"));

        assertThatThrownBy(() -> AggregationRules.accept(adam, closed, plain, ALICE, NOW, "tx"))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("needs the optimizer state");
        AggregationRecord record = AggregationRules.accept(adam, closed, withState, ALICE, NOW, "tx")
                .record();
        assertThat(AggregationRecord.fromJson(record.toJson()).optimizerState()).isEqualTo(Samples.ref("state"));
    }

    @Test
    void aScaffoldReportMustNameTheControlVariateAfterTheRoundAndNoOtherMay() {
        Task scaffold =
                Task.create(Samples.spec(new StrategySpec("scaffold", new TreeMap<>())), Samples.T0, Samples.ADMIN);
        AggregationRequest plain = report(List.of(ALICE, BOB, CAROL), List.of());
        AggregationRequest withControl = new AggregationRequest(
                plain.taskId(),
                plain.round(),
                plain.globalModel(),
                plain.contributions(),
                plain.excluded(),
                null,
                Samples.ref("c1"));

        assertThatThrownBy(() -> AggregationRules.accept(scaffold, closed, plain, ALICE, NOW, "tx"))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("needs the control variate");
        assertThatThrownBy(() -> AggregationRules.accept(task, closed, withControl, ALICE, NOW, "tx"))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
                .hasMessageContaining("keeps no control variate");
        assertThat(AggregationRules.accept(scaffold, closed, withControl, ALICE, NOW, "tx")
                        .record()
                        .controlVariate())
                .isEqualTo(Samples.ref("c1"));
    }

    @Test
    void refusesARoundThatIsNotClosed() {
        RoundState open = RoundState.open("sepsis", 1, Samples.ref("initial"), Samples.T0, 600);
        assertThatThrownBy(() -> AggregationRules.accept(
                        task, open, report(List.of(ALICE, BOB, CAROL), List.of()), ALICE, NOW, "tx"))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ROUND_NOT_CLOSED));
    }

    private void assertRefused(ErrorCode code, AggregationRequest report) {
        assertThatThrownBy(() -> AggregationRules.accept(task, closed, report, ALICE, NOW, "tx"))
                .isInstanceOfSatisfying(
                        RuleViolation.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    private static AggregationRequest report(List<String> contributors, List<Exclusion> excluded) {
        return new AggregationRequest(
                "sepsis",
                1,
                Samples.ref("g1"),
                contributors.stream()
                        .map(p -> new Contribution(p, new BigDecimal("0.8")))
                        .toList(),
                excluded);
    }
}
