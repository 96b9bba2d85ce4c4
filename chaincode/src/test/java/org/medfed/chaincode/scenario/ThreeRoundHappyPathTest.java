package org.medfed.chaincode.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.ADMIN;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOLDERS;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.round.Recorder;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.budget.PrivacyBudget;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.contract.testing.TestIdentity;

/** Three participants train three rounds of one task, entirely on the fake stub. */
class ThreeRoundHappyPathTest {
    private static final Map<TestIdentity, BigDecimal> QUALITY =
            Map.of(HOSPITAL, new BigDecimal("0.9"), CLINIC, new BigDecimal("0.7"), GATEWAY, new BigDecimal("0.5"));

    private final LedgerHarness ledger = new LedgerHarness();
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void trainThreeRounds() {
        Consortium.withTask(ledger);
        String base = Fixtures.sha("initial-" + TASK);
        for (long round = 1; round <= 3; round++) {
            ledger.advance(Duration.ofSeconds(60));
            for (TestIdentity holder : HOLDERS) {
                Consortium.submit(ledger, holder, round, base);
                events.add(ledger.lastEvent().name());
            }
            Map<String, Object> closed = Consortium.close(ledger, GATEWAY, round);
            assertThat(RoundState.fromJson(JsonFields.object(closed, "round")).status())
                    .isEqualTo(RoundStatus.CLOSED);
            events.add(ledger.lastEvent().name());
            String model = "global-" + round;
            Map<String, BigDecimal> qualities = new TreeMap<>();
            QUALITY.forEach((holder, quality) -> qualities.put(holder.participantId(), quality));
            long current = round;
            ledger.json(
                    CLINIC,
                    ctx -> Recorder.record(
                            ctx, Fixtures.json(Fixtures.report(TASK, current, model, qualities, List.of()))));
            events.add(ledger.lastEvent().name());
            base = Fixtures.sha(model);
        }
    }

    @Test
    void emitsOneEventPerTransactionInLifecycleOrder() {
        List<String> round = List.of(
                EventNames.UPDATE_SUBMITTED,
                EventNames.UPDATE_SUBMITTED,
                EventNames.UPDATE_SUBMITTED,
                EventNames.ROUND_CLOSED,
                EventNames.ROUND_AGGREGATED);
        assertThat(events)
                .containsExactlyElementsOf(
                        Stream.of(round, round, round).flatMap(List::stream).toList());
        assertThat(ledger.stub().events()).hasSize(3 + 3 + 1 + 15);
    }

    @Test
    void completesTheTaskWithTheLastAggregateAsGlobalModel() {
        Task task = Task.fromJson(ledger.json(HOSPITAL, ctx -> ledger.tasks.getTask(ctx, TASK)));

        assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
        assertThat(task.currentRound()).isEqualTo(3);
        assertThat(task.globalModel().sha256()).isEqualTo(Fixtures.sha("global-3"));
        RoundState last = RoundState.fromJson(
                JsonFields.object(ledger.json(HOSPITAL, ctx -> ledger.rounds.getRound(ctx, TASK, "3")), "round"));
        assertThat(last.status()).isEqualTo(RoundStatus.AGGREGATED);
        assertThat(last.baseModel().sha256()).isEqualTo(Fixtures.sha("global-2"));
    }

    @Test
    void movesEachReputationTowardsItsQualityScores() {
        // s' = (1 - 0.5)·s + 0.5·q from 0.5: with q = 0.9 → 0.7 → 0.8 → 0.85.
        Map<String, Object> hospital =
                ledger.json(ADMIN, ctx -> ledger.reputation.getReputation(ctx, TASK, HOSPITAL.participantId()));
        assertThat(JsonFields.decimal(hospital, "score")).isEqualByComparingTo("0.85");
        assertThat(JsonFields.integer(hospital, "changes")).isEqualTo(3);

        List<ReputationChange> history = JsonFields.objects(
                        ledger.json(
                                ADMIN,
                                ctx -> ledger.reputation.getReputationHistory(ctx, TASK, GATEWAY.participantId())),
                        "changes")
                .stream()
                .map(ReputationChange::fromJson)
                .toList();
        assertThat(history)
                .extracting(ReputationChange::after)
                .extracting(BigDecimal::toPlainString)
                .containsExactly("0.5", "0.5", "0.5");
        assertThat(history).extracting(ReputationChange::round).containsExactly(1L, 2L, 3L);
    }

    @Test
    void chargesEveryUpdateToItsParticipantsPrivacyBudget() {
        PrivacyBudget budget = PrivacyBudget.fromJson(
                ledger.json(CLINIC, ctx -> ledger.rounds.getPrivacyBudget(ctx, TASK, CLINIC.participantId())));

        assertThat(budget.charges()).extracting(c -> c.round()).containsExactly(1L, 2L, 3L);
        assertThat(budget.epsilon()).isPositive().isLessThan(budget.maxEpsilon());
    }

    @Test
    void tracesTheFinalModelBackToItsUpdatesDatasetsAndAncestors() {
        Map<String, Object> byHash =
                ledger.json(ADMIN, ctx -> ledger.provenance.getModelLineage(ctx, Fixtures.sha("global-3")));
        Map<String, Object> byCid =
                ledger.json(ADMIN, ctx -> ledger.provenance.getModelLineage(ctx, Fixtures.cid("global-3")));

        Map<String, Object> lineage = JsonFields.objects(byHash, "lineages").get(0);
        assertThat(JsonFields.objects(byCid, "lineages")).containsExactly(lineage);
        assertThat(JsonFields.integer(lineage, "round")).isEqualTo(3);
        assertThat(JsonFields.object(lineage, "parentModel")).isEqualTo(Fixtures.ref("global-2"));
        assertThat(JsonFields.objects(lineage, "ancestry"))
                .extracting(m -> m.get("model"))
                .containsExactly(Fixtures.ref("global-2"), Fixtures.ref("global-1"), Fixtures.ref("initial-" + TASK));
        List<Map<String, Object>> contributions = JsonFields.objects(lineage, "contributions");
        assertThat(contributions)
                .extracting(c -> JsonFields.object(c, "participant").get("id"))
                .containsExactlyElementsOf(HOLDERS.stream()
                        .map(TestIdentity::participantId)
                        .sorted()
                        .toList());
        Map<String, Object> hospital = contributions.stream()
                .filter(c -> JsonFields.object(c, "participant").get("id").equals(HOSPITAL.participantId()))
                .findFirst()
                .orElseThrow();
        assertThat(JsonFields.object(hospital, "dataset").get("contentSha256"))
                .isEqualTo(Fixtures.sha("content-" + Consortium.datasetOf(HOSPITAL)));
        assertThat(JsonFields.decimal(hospital, "reputationAtSubmission")).isEqualByComparingTo("0.8");
        assertThat(JsonFields.decimal(hospital, "qualityScore")).isEqualByComparingTo("0.9");
        assertThat(JsonFields.decimal(hospital, "epsilon")).isPositive();
    }

    @Test
    void keepsTheHistoryOfARoundFromOpenToAggregated() {
        Map<String, Object> history = ledger.json(ADMIN, ctx -> ledger.provenance.getHistory(ctx, "round~sepsis~1"));

        assertThat(JsonFields.objects(history, "entries"))
                .extracting(entry -> JsonFields.object(entry, "value").get("status"))
                .containsExactly("aggregated", "closed", "open");
    }
}
