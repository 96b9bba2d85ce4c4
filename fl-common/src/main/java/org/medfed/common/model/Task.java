package org.medfed.common.model;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.codec.JsonFields;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/**
 * A task on the ledger: its spec, lifecycle status ({@code ACTIVE ⇄ PAUSED → CANCELLED}, {@code ACTIVE → COMPLETED}),
 * the round now running and the latest global model. {@code statusReason} explains a pause or cancellation.
 */
public record Task(
        TaskSpec spec,
        TaskStatus status,
        String statusReason,
        long currentRound,
        ContentRef globalModel,
        Instant createdAt,
        String createdBy,
        Instant updatedAt)
        implements JsonRecord {
    public static final int MAX_REASON = 512;

    public Task {
        Checks.required("spec", spec);
        Checks.required("status", status);
        Checks.optionalText("statusReason", statusReason, MAX_REASON);
        Checks.range("currentRound", currentRound, 1, spec.rounds());
        Checks.required("globalModel", globalModel);
        Checks.required("createdAt", createdAt);
        Checks.sha256("createdBy", createdBy);
        Checks.required("updatedAt", updatedAt);
    }

    /** A new task, active, in round 1 from the spec's initial model. */
    public static Task create(TaskSpec spec, Instant at, String createdBy) {
        return new Task(spec, TaskStatus.ACTIVE, null, 1, spec.model().initialModel(), at, createdBy, at);
    }

    public String id() {
        return spec.id();
    }

    /**
     * Rounds aggregated so far: every round before the current one, and the current one too once the task has
     * completed (its last aggregation completes it without opening another round).
     */
    public long aggregatedRounds() {
        return status == TaskStatus.COMPLETED ? currentRound : currentRound - 1;
    }

    public Task requireActive() {
        if (status != TaskStatus.ACTIVE) {
            throw new RuleViolation(ErrorCode.TASK_NOT_ACTIVE, "task " + id() + " is " + status.wire());
        }
        return this;
    }

    public Task pause(String reason, Instant at) {
        requireActive();
        return with(TaskStatus.PAUSED, Checks.text("reason", reason, MAX_REASON), currentRound, globalModel, at);
    }

    public Task resume(Instant at) {
        if (status != TaskStatus.PAUSED) {
            throw new RuleViolation(
                    ErrorCode.ILLEGAL_TRANSITION, "task " + id() + " is " + status.wire() + ", not paused");
        }
        return with(TaskStatus.ACTIVE, null, currentRound, globalModel, at);
    }

    public Task cancel(String reason, Instant at) {
        if (status != TaskStatus.ACTIVE && status != TaskStatus.PAUSED) {
            throw new RuleViolation(ErrorCode.ILLEGAL_TRANSITION, "task " + id() + " is already " + status.wire());
        }
        return with(TaskStatus.CANCELLED, Checks.text("reason", reason, MAX_REASON), currentRound, globalModel, at);
    }

    /** After the warm-up of a two-stage task (still in round 1): round 1 starts from {@code model}. */
    public Task warmedUp(ContentRef model, Instant at) {
        requireActive();
        if (currentRound != 1) {
            throw new RuleViolation(
                    ErrorCode.ILLEGAL_TRANSITION,
                    "task " + id() + " is in round " + currentRound + ", past its warm-up");
        }
        return with(TaskStatus.ACTIVE, null, currentRound, model, at);
    }

    /** After round {@code currentRound} was aggregated into {@code model}: the next round, or completion. */
    public Task advance(ContentRef model, Instant at) {
        requireActive();
        return currentRound == spec.rounds()
                ? with(TaskStatus.COMPLETED, null, currentRound, model, at)
                : with(TaskStatus.ACTIVE, null, currentRound + 1, model, at);
    }

    private Task with(TaskStatus newStatus, String reason, long round, ContentRef model, Instant at) {
        return new Task(spec, newStatus, reason, round, model, createdAt, createdBy, at);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new TreeMap<>();
        json.put("spec", spec.toJson());
        json.put("status", status.wire());
        json.put("statusReason", statusReason);
        json.put("currentRound", currentRound);
        json.put("globalModel", globalModel.toJson());
        json.put("createdAt", createdAt.toString());
        json.put("createdBy", createdBy);
        json.put("updatedAt", updatedAt.toString());
        return json;
    }

    /** The task without its spec: what round events carry. */
    public Map<String, Object> summary() {
        Map<String, Object> json = new TreeMap<>();
        json.put("id", id());
        json.put("status", status.wire());
        json.put("statusReason", statusReason);
        json.put("currentRound", currentRound);
        json.put("globalModel", globalModel.toJson());
        return json;
    }

    public static Task fromJson(Map<String, Object> json) {
        return new Task(
                TaskSpec.fromJson(JsonFields.object(json, "spec")),
                TaskStatus.fromWire(JsonFields.string(json, "status")),
                JsonFields.optionalString(json, "statusReason"),
                JsonFields.integer(json, "currentRound"),
                ContentRef.fromJson(JsonFields.object(json, "globalModel")),
                JsonFields.instant(json, "createdAt"),
                JsonFields.string(json, "createdBy"),
                JsonFields.instant(json, "updatedAt"));
    }
}
