package org.medfed.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.RoundVerification;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.round.CloseReason;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;

class RoundEventLinesTest {

    static final String P1 = "1".repeat(64);
    static final String P2 = "2".repeat(64);
    static final Instant CLOSED_AT = Instant.parse("2026-03-01T09:10:00Z");

    private Task task;
    private RoundState open;

    @BeforeEach
    void setUp() throws Exception {
        task = Samples.task();
        open = Samples.openRound(task);
    }

    @Test
    void anUpdateNamesItsRoundParticipantExamplesAndEpsilon() {
        Optional<RoundEventLines.Line> line =
                format(EventNames.UPDATE_SUBMITTED, update(task, P1).toJson());

        assertThat(line)
                .map(RoundEventLines.Line::text)
                .contains("round 1: update submitted by " + P1
                        + " (569 examples, epsilon 1.5 spent)  [block 7, tx tx-7]");
        assertThat(line.orElseThrow().last()).isFalse();
    }

    @Test
    void anAttestationSaysWhichOrganisationVerifiedTheRound() {
        RoundVerification verified = new RoundVerification(
                task.id(), 1, "ClinicMSP", Samples.ref("global-1"), Samples.ADMIN, CLOSED_AT, "tx-v");

        assertThat(text(EventNames.ROUND_VERIFIED, verified.toJson()))
                .isEqualTo("round 1: verified OK by ClinicMSP (model " + Samples.sha("global-1")
                        + " recomputed)  [block 7, tx tx-7]");
        RoundVerification otherTask = new RoundVerification(
                "other", 1, "ClinicMSP", Samples.ref("global-1"), Samples.ADMIN, CLOSED_AT, "tx-v");
        assertThat(format(EventNames.ROUND_VERIFIED, otherTask.toJson())).isEmpty();
    }

    @Test
    void aCloseCountsAcceptedAndExcluded() {
        assertThat(text(EventNames.ROUND_CLOSED, roundPayload(task, closed(), null)))
                .startsWith("round 1: closed (deadline-with-quorum), 2 accepted, 1 excluded");
    }

    @Test
    void anAbortSaysWhichAttemptIsOpenNow() {
        RoundState next = new RoundState(
                task.id(),
                1,
                2,
                RoundStatus.OPEN,
                open.baseModel(),
                CLOSED_AT,
                CLOSED_AT.plusSeconds(600),
                1,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                List.of());

        assertThat(text(EventNames.ROUND_ABORTED, roundPayload(task, next, null)))
                .startsWith("round 1: aborted without quorum; attempt 2 open until 2026-03-01T09:20:00Z");
    }

    @Test
    void anAbortThatPausedTheTaskSaysSo() {
        Task paused = task.pause("2 consecutive aborts", CLOSED_AT);

        assertThat(text(EventNames.ROUND_ABORTED, roundPayload(paused, open, null)))
                .startsWith("round 1: aborted without quorum; task paused");
    }

    @Test
    void anAggregationGivesTheModelAndAQualitySummaryAndTheNextRound() {
        Task advanced = task.advance(Samples.ref("global 1"), CLOSED_AT);

        Optional<RoundEventLines.Line> line =
                format(EventNames.ROUND_AGGREGATED, roundPayload(advanced, closed(), aggregation()));

        assertThat(line.orElseThrow().text())
                .startsWith(
                        "round 1: aggregated into " + Samples.ref("global 1").cid()
                                + ", 2 contribution(s), quality min 0.4 / mean 0.65 / max 0.9, 1 excluded; round 2 open");
        assertThat(line.orElseThrow().last()).isFalse();
    }

    @Test
    void theLastAggregationEndsTheWatch() throws Exception {
        Task last = task;
        for (int i = 1; i <= task.spec().rounds(); i++) {
            last = last.advance(Samples.ref("global " + i), CLOSED_AT);
        }

        Optional<RoundEventLines.Line> line =
                format(EventNames.ROUND_AGGREGATED, roundPayload(last, closed(), aggregation()));

        assertThat(line.orElseThrow().text()).contains("; task completed");
        assertThat(line.orElseThrow().last()).isTrue();
    }

    @Test
    void aCancellationEndsTheWatchWithItsReason() {
        Task cancelled = task.cancel("wrong cohort", CLOSED_AT);

        Optional<RoundEventLines.Line> line =
                format(EventNames.TASK_CANCELLED, Map.of("task", cancelled.toJson(), "round", open.toJson()));

        assertThat(line.orElseThrow().text()).startsWith("task wdbc-mlp cancelled (wrong cohort)");
        assertThat(line.orElseThrow().last()).isTrue();
    }

    @Test
    void eventsOfOtherTasksAndKindsGiveNoLine() throws Exception {
        Task other = Task.create(Samples.exampleSpec(), Samples.T0, Samples.ADMIN);
        assertThat(RoundEventLines.format(
                        "another-task",
                        EventNames.UPDATE_SUBMITTED,
                        bytes(update(task, P1).toJson()),
                        7,
                        "tx-7"))
                .isEmpty();
        assertThat(RoundEventLines.format(
                        "another-task",
                        EventNames.TASK_PAUSED,
                        bytes(Map.of("task", other.toJson(), "round", open.toJson())),
                        7,
                        "tx-7"))
                .isEmpty();
        assertThat(format(EventNames.PINGED, Map.of("count", 1L))).isEmpty();
        assertThat(RoundEventLines.format(
                        task.id(), EventNames.ROUND_CLOSED, "not json".getBytes(StandardCharsets.UTF_8), 7, "tx-7"))
                .isEmpty();
    }

    private Optional<RoundEventLines.Line> format(String event, Map<String, Object> payload) {
        return RoundEventLines.format(task.id(), event, bytes(payload), 7, "tx-7");
    }

    private String text(String event, Map<String, Object> payload) {
        return format(event, payload).orElseThrow().text();
    }

    private static byte[] bytes(Map<String, Object> json) {
        return CanonicalJson.encodeUtf8(json);
    }

    private RoundState closed() {
        return new RoundState(
                task.id(),
                1,
                1,
                RoundStatus.CLOSED,
                open.baseModel(),
                open.openedAt(),
                open.deadline(),
                0,
                CLOSED_AT,
                CloseReason.DEADLINE_WITH_QUORUM,
                List.of(P1, P2),
                List.of(new Exclusion("3".repeat(64), ExclusionReason.MISSED_DEADLINE, null)),
                null,
                null,
                List.of());
    }

    private AggregationRecord aggregation() {
        return new AggregationRecord(
                new AggregationRequest(
                        task.id(),
                        1,
                        Samples.ref("global 1"),
                        List.of(
                                new Contribution(P1, new BigDecimal("0.9")),
                                new Contribution(P2, new BigDecimal("0.4"))),
                        List.of(new Exclusion("3".repeat(64), ExclusionReason.MISSED_DEADLINE, null))),
                open.baseModel(),
                P1,
                CLOSED_AT,
                "tx-agg");
    }

    static Map<String, Object> roundPayload(Task task, RoundState round, AggregationRecord aggregation) {
        Map<String, Object> json = new TreeMap<>();
        json.put("task", task.summary());
        json.put("round", round.toJson());
        json.put("reputation", List.of());
        if (aggregation != null) {
            json.put("aggregation", aggregation.toJson());
            json.put("nextRound", null);
        }
        return json;
    }

    static UpdateRecord update(Task task, String participant) {
        UpdateSubmission submission = new UpdateSubmission(
                task.id(),
                1,
                "wdbc-hospital",
                Samples.ref("u " + participant).cid(),
                Samples.sha("u " + participant),
                task.spec().model().parameterCount(),
                569,
                task.globalModel().sha256(),
                UpdateKind.FULL,
                new TreeMap<>(Map.of("accuracy", new BigDecimal("0.91"), "loss", new BigDecimal("0.25"))),
                new DpUsage(new BigDecimal("0.01"), new BigDecimal("1.1"), 100, BigDecimal.ONE));
        return new UpdateRecord(
                submission,
                participant,
                Samples.T0.plusSeconds(60),
                "tx-u-" + participant.charAt(0),
                new BigDecimal("1.5"),
                new BigDecimal("14"),
                new BigDecimal("0.5"));
    }
}
