package org.medfed.chaincode.round;

import static org.assertj.core.api.Assertions.assertThat;
import static org.medfed.chaincode.testing.Consortium.CLINIC;
import static org.medfed.chaincode.testing.Consortium.GATEWAY;
import static org.medfed.chaincode.testing.Consortium.HOSPITAL;
import static org.medfed.chaincode.testing.Consortium.TASK;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.chaincode.testing.Consortium;
import org.medfed.chaincode.testing.Fixtures;
import org.medfed.chaincode.testing.LedgerHarness;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.contract.testing.TestIdentity;

class AggregationRecorderTest {
    private static final String INITIAL = Fixtures.sha("initial-" + TASK);
    private final LedgerHarness ledger = new LedgerHarness();

    @BeforeEach
    void closeRoundOne() {
        Consortium.withTask(ledger);
        for (TestIdentity holder : Consortium.HOLDERS) {
            Consortium.submit(ledger, holder, 1, INITIAL);
        }
        Consortium.close(ledger, HOSPITAL, 1);
    }

    private static Map<String, Object> report(Map<TestIdentity, String> qualities, List<Map<String, Object>> excluded) {
        Map<String, BigDecimal> scores = new TreeMap<>();
        qualities.forEach((holder, quality) -> scores.put(holder.participantId(), new BigDecimal(quality)));
        return Fixtures.report(TASK, 1, "global-1", scores, excluded);
    }

    private static Map<String, Object> rejected(TestIdentity holder) {
        return Map.of("participantId", holder.participantId(), "reason", "quality-rejected", "detail", "outlier");
    }

    @Test
    void recordsTheAggregateUpdatesReputationsAndOpensTheNextRound() {
        Map<String, Object> result = ledger.json(
                CLINIC,
                ctx -> Recorder.record(
                        ctx,
                        Fixtures.json(report(Map.of(HOSPITAL, "0.9", CLINIC, "0.7"), List.of(rejected(GATEWAY))))));

        AggregationRecord record = AggregationRecord.fromJson(JsonFields.object(result, "aggregation"));
        assertThat(record.parentModel().sha256()).isEqualTo(INITIAL);
        assertThat(record.recordedBy()).isEqualTo(CLINIC.participantId());
        assertThat(RoundState.fromJson(JsonFields.object(result, "round")).status())
                .isEqualTo(RoundStatus.AGGREGATED);
        RoundState next = RoundState.fromJson(JsonFields.object(result, "nextRound"));
        assertThat(next.round()).isEqualTo(2);
        assertThat(next.baseModel().sha256()).isEqualTo(Fixtures.sha("global-1"));
        assertThat(JsonFields.object(result, "task")).containsEntry("currentRound", 2L);
        Map<String, BigDecimal> after = new TreeMap<>();
        JsonFields.objects(result, "reputation").stream()
                .map(ReputationChange::fromJson)
                .forEach(change -> after.put(change.participantId(), change.after()));
        assertThat(after).containsOnlyKeys(HOSPITAL.participantId(), CLINIC.participantId(), GATEWAY.participantId());
        assertThat(after.get(HOSPITAL.participantId())).isEqualByComparingTo("0.7"); // 0.5·0.5 + 0.5·0.9
        assertThat(after.get(CLINIC.participantId())).isEqualByComparingTo("0.6");
        assertThat(after.get(GATEWAY.participantId())).isEqualByComparingTo("0.25"); // 0.5 − 0.25
        assertThat(ledger.lastEvent().name()).isEqualTo(EventNames.ROUND_AGGREGATED);
    }

    @Test
    void excludesAParticipantBelowTheThresholdFromLaterRounds() {
        ledger.run(
                CLINIC,
                ctx -> Recorder.record(
                        ctx,
                        Fixtures.json(report(Map.of(HOSPITAL, "0.9", CLINIC, "0.7"), List.of(rejected(GATEWAY))))));

        ledger.refused(
                ErrorCode.REPUTATION_TOO_LOW,
                GATEWAY,
                ctx -> ledger.rounds.submitUpdate(
                        ctx,
                        Fixtures.json(Fixtures.update(
                                TASK, 2, Consortium.datasetOf(GATEWAY), Fixtures.sha("global-1"), "g2"))));
        Consortium.submit(ledger, HOSPITAL, 2, Fixtures.sha("global-1"));
        Consortium.submit(ledger, CLINIC, 2, Fixtures.sha("global-1"));
        RoundState closed = RoundState.fromJson(JsonFields.object(Consortium.close(ledger, HOSPITAL, 2), "round"));
        assertThat(closed.excluded()).singleElement().satisfies(exclusion -> {
            assertThat(exclusion.participantId()).isEqualTo(GATEWAY.participantId());
            assertThat(exclusion.reason().wire()).isEqualTo("reputation-below-threshold");
        });
    }

    @Test
    void refusesAReportThatLeavesOutAnAcceptedUpdate() {
        ledger.refused(
                ErrorCode.INVALID_ARGUMENT,
                CLINIC,
                ctx -> Recorder.record(ctx, Fixtures.json(report(Map.of(HOSPITAL, "0.9", CLINIC, "0.7"), List.of()))));
    }

    @Test
    void refusesAReportBelowQuorum() {
        ledger.refused(
                ErrorCode.QUORUM_NOT_MET,
                CLINIC,
                ctx -> Recorder.record(
                        ctx,
                        Fixtures.json(report(Map.of(HOSPITAL, "0.9"), List.of(rejected(GATEWAY), rejected(CLINIC))))));
    }

    @Test
    void refusesToAggregateTwiceOrARoundThatIsStillOpen() {
        ledger.run(
                CLINIC,
                ctx -> Recorder.record(
                        ctx, Fixtures.json(report(Map.of(HOSPITAL, "0.9", CLINIC, "0.7", GATEWAY, "0.5"), List.of()))));

        ledger.refused(
                ErrorCode.STALE_ROUND,
                CLINIC,
                ctx -> Recorder.record(
                        ctx, Fixtures.json(report(Map.of(HOSPITAL, "0.9", CLINIC, "0.7", GATEWAY, "0.5"), List.of()))));
        Map<String, Object> early = new TreeMap<>(report(Map.of(HOSPITAL, "0.9", CLINIC, "0.7"), List.of()));
        early.put("round", 2L);
        ledger.refused(ErrorCode.ROUND_NOT_CLOSED, CLINIC, ctx -> Recorder.record(ctx, Fixtures.json(early)));
    }

    @Test
    void refusesUnregisteredRecorders() {
        ledger.refused(
                ErrorCode.NOT_REGISTERED,
                TestIdentity.ORG3_CLIENT,
                ctx -> Recorder.record(
                        ctx, Fixtures.json(report(Map.of(HOSPITAL, "0.9", CLINIC, "0.7", GATEWAY, "0.5"), List.of()))));
    }
}
