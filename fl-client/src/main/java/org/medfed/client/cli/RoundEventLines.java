package org.medfed.client.cli;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.medfed.client.view.Table;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.RoundVerification;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.protocol.EventNames;
import org.medfed.common.round.RoundState;

/**
 * One line for people per chaincode event of a task, for {@code round watch}; events of other tasks and other kinds
 * give none. {@link Line#last()} is true when the task has ended (completed or cancelled).
 */
final class RoundEventLines {

    record Line(String text, boolean last) {}

    private RoundEventLines() {}

    static Optional<Line> format(String taskId, String event, byte[] payload, long block, String txId) {
        Map<String, Object> json;
        try {
            json = JsonFields.object(CanonicalJson.parseUtf8(payload));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        String where = "  [block " + block + ", tx " + txId + "]";
        try {
            return lineOf(taskId, event, json, where);
        } catch (IllegalArgumentException e) {
            // A payload of another chaincode version: not ours to guess which task it concerns.
            return Optional.empty();
        }
    }

    private static Optional<Line> lineOf(String taskId, String event, Map<String, Object> json, String where) {
        return switch (event) {
            case EventNames.UPDATE_SUBMITTED -> submitted(taskId, json).map(text -> new Line(text + where, false));
            case EventNames.ROUND_VERIFIED -> verified(taskId, json).map(text -> new Line(text + where, false));
            case EventNames.ROUND_CLOSED, EventNames.ROUND_ABORTED, EventNames.ROUND_AGGREGATED ->
                round(taskId, event, json).map(line -> new Line(line.text() + where, line.last()));
            case EventNames.TASK_CREATED, EventNames.TASK_PAUSED, EventNames.TASK_RESUMED, EventNames.TASK_CANCELLED ->
                task(taskId, event, json).map(line -> new Line(line.text() + where, line.last()));
            default -> Optional.empty();
        };
    }

    private static Optional<String> submitted(String taskId, Map<String, Object> json) {
        UpdateRecord update = UpdateRecord.fromJson(json);
        if (!update.submission().taskId().equals(taskId)) {
            return Optional.empty();
        }
        return Optional.of("round " + update.submission().round() + ": update submitted by "
                + update.participantId() + " (" + update.submission().numExamples() + " examples, "
                + update.epsilonSpent()
                        .map(e -> "epsilon " + Table.text(e) + " spent")
                        .orElse("no DP") + ")");
    }

    private static Optional<String> verified(String taskId, Map<String, Object> json) {
        RoundVerification v = RoundVerification.fromJson(json);
        return v.taskId().equals(taskId)
                ? Optional.of("round " + v.round() + ": verified OK by " + v.mspId() + " (model "
                        + v.globalModel().sha256() + " recomputed)")
                : Optional.empty();
    }

    private static Optional<Line> round(String taskId, String event, Map<String, Object> json) {
        RoundState round = RoundState.fromJson(JsonFields.object(json, "round"));
        Map<String, Object> task = JsonFields.object(json, "task");
        if (!round.taskId().equals(taskId)) {
            return Optional.empty();
        }
        String status = JsonFields.string(task, "status");
        if (event.equals(EventNames.ROUND_CLOSED)) {
            return Optional.of(new Line(
                    "round " + round.round() + ": closed ("
                            + round.closeReason().wire() + "), "
                            + round.accepted().size() + " accepted, "
                            + round.excluded().size() + " excluded",
                    false));
        }
        if (event.equals(EventNames.ROUND_ABORTED)) {
            return Optional.of(new Line(
                    "round " + round.round() + ": aborted without quorum; "
                            + (status.equals("paused")
                                    ? "task paused"
                                    : "attempt " + round.attempt() + " open until " + round.deadline()),
                    false));
        }
        AggregationRecord aggregation = AggregationRecord.fromJson(JsonFields.object(json, "aggregation"));
        boolean completed = status.equals("completed");
        return Optional.of(new Line(
                "round " + aggregation.round() + ": aggregated into "
                        + aggregation.globalModel().cid() + ", " + quality(aggregation.contributions()) + ", "
                        + aggregation.excluded().size() + " excluded; "
                        + (completed
                                ? "task completed"
                                : "round " + JsonFields.integer(task, "currentRound") + " open"),
                completed));
    }

    private static Optional<Line> task(String taskId, String event, Map<String, Object> json) {
        Map<String, Object> task = JsonFields.object(json, "task");
        if (!JsonFields.string(JsonFields.object(task, "spec"), "id").equals(taskId)) {
            return Optional.empty();
        }
        String reason = JsonFields.optionalString(task, "statusReason");
        String what = switch (event) {
            case EventNames.TASK_CREATED -> "created, round 1 open";
            case EventNames.TASK_PAUSED -> "paused";
            case EventNames.TASK_RESUMED -> "resumed, round " + JsonFields.integer(task, "currentRound") + " open";
            default -> "cancelled";
        };
        return Optional.of(new Line(
                "task " + taskId + " " + what + (reason == null ? "" : " (" + reason + ")"),
                event.equals(EventNames.TASK_CANCELLED)));
    }

    /** An event for scripts: {@code {"event", "block", "txId", "payload"}}, the payload as the chaincode set it. */
    static String json(ChaincodeEvent event) {
        Map<String, Object> json = new TreeMap<>();
        json.put("event", event.getEventName());
        json.put("block", event.getBlockNumber());
        json.put("txId", event.getTransactionId());
        json.put("payload", CanonicalJson.parseUtf8(event.getPayload()));
        return CanonicalJson.encode(json);
    }

    /** "3 contributions, quality min 0.41 / mean 0.8 / max 0.97". */
    static String quality(List<Contribution> contributions) {
        if (contributions.isEmpty()) {
            return "no contributions";
        }
        List<BigDecimal> scores =
                contributions.stream().map(Contribution::qualityScore).toList();
        BigDecimal sum = scores.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal mean = sum.divide(BigDecimal.valueOf(scores.size()), MathContext.DECIMAL64);
        return contributions.size() + " contribution(s), quality min "
                + Table.text(scores.stream().min(Comparator.naturalOrder()).orElseThrow()) + " / mean "
                + Table.text(mean) + " / max "
                + Table.text(scores.stream().max(Comparator.naturalOrder()).orElseThrow());
    }
}
