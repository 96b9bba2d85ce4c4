package org.medfed.client.report;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.Cids;
import org.medfed.common.codec.Hashing;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.AggregationRequest;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.DpUsage;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.ExclusionReason;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.reputation.ReputationCause;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.CloseReason;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;

/**
 * A task of the example spec after two rounds: round 1 closed at 09:10 and aggregated at 09:11 (P1 300 examples
 * accuracy 0.9 loss 0.2, P2 100 examples accuracy 0.6 loss 0.6, P3 missed the deadline); round 2 open with one
 * update (P1, accuracy 0.95). Each update also reports its own ε (as the ledger's) and a quarter of its examples as
 * {@code validationExamples}, as the client's trainer does.
 */
public final class ReportSamples {

    public static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    public static final Instant CLOSED = Instant.parse("2026-03-01T09:10:00Z");
    public static final Instant AGGREGATED = Instant.parse("2026-03-01T09:11:30Z");

    private ReportSamples() {}

    public static Task task() throws IOException {
        try (InputStream in =
                Objects.requireNonNull(ReportSamples.class.getResourceAsStream("/examples/task-spec.json"))) {
            TaskSpec spec = TaskSpec.fromJson(
                    JsonFields.object(CanonicalJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
            return Task.create(spec, T0, sha("admin")).advance(ref("global 1"), AGGREGATED);
        }
    }

    public static String p(int i) {
        return participants().get(i - 1);
    }

    static List<String> participants() {
        try {
            return task().spec().eligibleParticipants();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ReportData data() throws IOException {
        Task task = task();
        RoundState round1 = new RoundState(
                task.id(),
                1,
                1,
                RoundStatus.AGGREGATED,
                task.spec().model().initialModel(),
                T0,
                CLOSED,
                0,
                CLOSED,
                CloseReason.DEADLINE_WITH_QUORUM,
                List.of(p(1), p(2)),
                List.of(new Exclusion(p(3), ExclusionReason.MISSED_DEADLINE, null)),
                AGGREGATED,
                ref("global 1"),
                List.of());
        RoundState round2 = RoundState.open(task.id(), 2, ref("global 1"), AGGREGATED, 600);
        return new ReportData(
                task,
                List.of(
                        new RoundFacts(
                                round1,
                                List.of(
                                        update(task, 1, p(1), 300, "0.9", "0.2", "1.5"),
                                        update(task, 1, p(2), 100, "0.6", "0.6", "2.5")),
                                aggregation(task),
                                2400),
                        new RoundFacts(round2, List.of(update(task, 2, p(1), 300, "0.95", "0.1", "2.1")), null, 900)),
                Map.of(
                        p(1),
                        List.of(change(task, p(1), 1, ReputationCause.QUALITY, "0.9", "0.5", "0.62")),
                        p(2),
                        List.of(change(task, p(2), 1, ReputationCause.QUALITY, "0.4", "0.5", "0.47")),
                        p(3),
                        List.of(change(task, p(3), 1, ReputationCause.MISSED_ROUND, null, "0.5", "0.4"))),
                Instant.parse("2026-03-01T12:00:00Z"));
    }

    /**
     * Rounds 1, 2, … of the example task, each open with one update from P1 (300 examples, ε 1 on the ledger) that
     * reported {@code metrics} (name to value, per round, in order).
     */
    public static ReportData perRound(List<Map<String, String>> metrics) throws IOException {
        Task task = task();
        List<RoundFacts> rounds = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            long round = i + 1;
            rounds.add(new RoundFacts(
                    RoundState.open(task.id(), round, ref("global " + i), T0.plusSeconds(600 * i), 600),
                    List.of(update(task, round, p(1), 300, metrics.get(i), "1")),
                    null,
                    1000));
        }
        return new ReportData(task, rounds, Map.of(), Instant.parse("2026-03-01T12:00:00Z"));
    }

    /** As the client's trainer reports: accuracy, loss, its own ε and a validation example count (a quarter). */
    static UpdateRecord update(
            Task task, long round, String participant, long examples, String accuracy, String loss, String epsilon) {
        return update(
                task,
                round,
                participant,
                examples,
                Map.of(
                        "accuracy",
                        accuracy,
                        "loss",
                        loss,
                        "epsilon",
                        epsilon,
                        "validationExamples",
                        Long.toString(examples / 4)),
                epsilon);
    }

    static UpdateRecord update(
            Task task, long round, String participant, long examples, Map<String, String> metrics, String epsilon) {
        ContentRef blob = ref("update " + round + participant);
        TreeMap<String, BigDecimal> reported = new TreeMap<>();
        metrics.forEach((name, value) -> reported.put(name, new BigDecimal(value)));
        UpdateSubmission submission = new UpdateSubmission(
                task.id(),
                round,
                "wdbc-" + participant.charAt(0),
                blob.cid(),
                blob.sha256(),
                task.spec().model().parameterCount(),
                examples,
                sha("base " + round),
                UpdateKind.FULL,
                reported,
                new DpUsage(new BigDecimal("0.01"), new BigDecimal("1.1"), 100, BigDecimal.ONE));
        return new UpdateRecord(
                submission,
                participant,
                T0.plusSeconds(60 * round),
                "tx-update-" + round + "-" + participant.substring(0, 4),
                new BigDecimal(epsilon),
                new BigDecimal("14"),
                new BigDecimal("0.5"));
    }

    static AggregationRecord aggregation(Task task) {
        return new AggregationRecord(
                new AggregationRequest(
                        task.id(),
                        1,
                        ref("global 1"),
                        List.of(
                                new Contribution(p(1), new BigDecimal("0.9")),
                                new Contribution(p(2), new BigDecimal("0.4"))),
                        List.of(new Exclusion(
                                p(3), ExclusionReason.MISSED_DEADLINE, "no update | before the deadline"))),
                task.spec().model().initialModel(),
                p(1),
                AGGREGATED,
                "tx-aggregation-1");
    }

    static ReputationChange change(
            Task task,
            String participant,
            long round,
            ReputationCause cause,
            String quality,
            String before,
            String after) {
        return new ReputationChange(
                task.id(),
                participant,
                1,
                round,
                cause,
                quality == null ? null : new BigDecimal(quality),
                new BigDecimal(before),
                new BigDecimal(after),
                "tx-rep-" + round + "-" + participant.substring(0, 4),
                AGGREGATED);
    }

    public static ContentRef ref(String label) {
        return new ContentRef(Cids.rawLeafCidV1FromSha256Hex(sha(label)), sha(label));
    }

    static String sha(String label) {
        return Hashing.sha256Hex(label.getBytes(StandardCharsets.UTF_8));
    }
}
