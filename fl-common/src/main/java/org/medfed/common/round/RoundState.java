package org.medfed.common.round;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.medfed.common.codec.JsonRecord;
import org.medfed.common.model.Checks;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Exclusion;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.protocol.RuleViolation;

/**
 * One round of a task and its pure state machine, driven only by the times passed in (transaction timestamps).
 * Submissions are not counted here, so concurrent submissions never write the same key: the close reads them.
 * <ul>
 *   <li>{@code accepted} (the updates that count towards quorum and go to aggregation) and {@code excluded} (the
 *       eligible participants left out, with reasons) are fixed when the round closes;</li>
 *   <li>{@code consecutiveAborts} counts the aborts since the round opened or its task last resumed;</li>
 *   <li>an aborted attempt keeps the updates submitted so far: they stay valid for the retry, and their privacy
 *       budget has been spent.</li>
 * </ul>
 */
public record RoundState(
        String taskId,
        long round,
        long attempt,
        RoundStatus status,
        ContentRef baseModel,
        Instant openedAt,
        Instant deadline,
        long consecutiveAborts,
        Instant closedAt,
        CloseReason closeReason,
        List<String> accepted,
        List<Exclusion> excluded,
        Instant aggregatedAt,
        ContentRef resultModel,
        List<AbortedAttempt> abortedAttempts)
        implements JsonRecord {

    public RoundState {
        Checks.id("taskId", taskId);
        Checks.range("round", round, 1, TaskSpec.MAX_ROUNDS);
        Checks.range("attempt", attempt, 1, Long.MAX_VALUE);
        Checks.required("status", status);
        Checks.required("baseModel", baseModel);
        Checks.required("openedAt", openedAt);
        Checks.required("deadline", deadline);
        Checks.range("consecutiveAborts", consecutiveAborts, 0, attempt);
        boolean closed = status == RoundStatus.CLOSED || status == RoundStatus.AGGREGATED;
        if (closed != (closedAt != null && closeReason != null)) {
            throw new IllegalArgumentException("closedAt and closeReason are set exactly for closed rounds");
        }
        if ((status == RoundStatus.AGGREGATED) != (aggregatedAt != null && resultModel != null)) {
            throw new IllegalArgumentException("aggregatedAt and resultModel are set exactly for aggregated rounds");
        }
        accepted = Checks.sortedUnique("accepted", accepted, 0, TaskSpec.MAX_PARTICIPANTS, Checks::sha256);
        excluded = List.copyOf(excluded);
        abortedAttempts = List.copyOf(abortedAttempts);
    }

    /** Round {@code round}, attempt 1, open from {@code now} until {@code now + durationSeconds}. */
    public static RoundState open(String taskId, long round, ContentRef baseModel, Instant now, long durationSeconds) {
        return new RoundState(
                taskId,
                round,
                1,
                RoundStatus.OPEN,
                baseModel,
                now,
                now.plusSeconds(durationSeconds),
                0,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                List.of());
    }

    /** Submissions are accepted while the round is open and strictly before its deadline. */
    public void requireAccepting(Instant now) {
        if (status != RoundStatus.OPEN) {
            throw new RuleViolation(ErrorCode.ROUND_NOT_OPEN, describe() + " is " + status.wire());
        }
        if (!now.isBefore(deadline)) {
            throw new RuleViolation(ErrorCode.DEADLINE_PASSED, describe() + " closed for submissions at " + deadline);
        }
    }

    public boolean deadlinePassed(Instant now) {
        return !now.isBefore(deadline);
    }

    RoundState closed(Instant now, CloseReason reason, List<String> contributors, List<Exclusion> exclusions) {
        requireOpen();
        return new RoundState(
                taskId,
                round,
                attempt,
                RoundStatus.CLOSED,
                baseModel,
                openedAt,
                deadline,
                0,
                now,
                reason,
                contributors,
                exclusions,
                null,
                null,
                abortedAttempts);
    }

    RoundState aborted(Instant now, List<String> submittedSoFar, List<String> missing) {
        requireOpen();
        List<AbortedAttempt> attempts = new ArrayList<>(abortedAttempts);
        attempts.add(new AbortedAttempt(attempt, openedAt, deadline, now, submittedSoFar, missing));
        return new RoundState(
                taskId,
                round,
                attempt,
                RoundStatus.ABORTED,
                baseModel,
                openedAt,
                deadline,
                consecutiveAborts + 1,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                attempts);
    }

    /** The next attempt of an aborted round, open from {@code now}. */
    public RoundState retry(Instant now, long durationSeconds) {
        if (status != RoundStatus.ABORTED) {
            throw new RuleViolation(
                    ErrorCode.ILLEGAL_TRANSITION, describe() + " is " + status.wire() + ", not aborted");
        }
        return new RoundState(
                taskId,
                round,
                attempt + 1,
                RoundStatus.OPEN,
                baseModel,
                now,
                now.plusSeconds(durationSeconds),
                consecutiveAborts,
                null,
                null,
                List.of(),
                List.of(),
                null,
                null,
                abortedAttempts);
    }

    /** A closed round whose aggregate is {@code result}. */
    public RoundState aggregated(Instant now, ContentRef result) {
        if (status != RoundStatus.CLOSED) {
            throw new RuleViolation(ErrorCode.ROUND_NOT_CLOSED, describe() + " is " + status.wire() + ", not closed");
        }
        return new RoundState(
                taskId,
                round,
                attempt,
                RoundStatus.AGGREGATED,
                baseModel,
                openedAt,
                deadline,
                consecutiveAborts,
                closedAt,
                closeReason,
                accepted,
                excluded,
                now,
                Checks.required("result", result),
                abortedAttempts);
    }

    /** The round after an aggregated one, starting from its result. */
    public RoundState next(Instant now, long durationSeconds) {
        if (status != RoundStatus.AGGREGATED) {
            throw new RuleViolation(
                    ErrorCode.ILLEGAL_TRANSITION, describe() + " is " + status.wire() + ", not aggregated");
        }
        return open(taskId, round + 1, resultModel, now, durationSeconds);
    }

    /**
     * After its task resumes: an open round gets a full duration from now (time spent paused does not count), an
     * aborted one opens its next attempt; the abort count starts again. Closed and aggregated rounds are unchanged.
     */
    public RoundState resumed(Instant now, long durationSeconds) {
        return switch (status) {
            case OPEN ->
                new RoundState(
                        taskId,
                        round,
                        attempt,
                        status,
                        baseModel,
                        openedAt,
                        now.plusSeconds(durationSeconds),
                        0,
                        null,
                        null,
                        accepted,
                        excluded,
                        null,
                        null,
                        abortedAttempts);
            case ABORTED -> withoutAborts().retry(now, durationSeconds);
            case CLOSED, AGGREGATED -> this;
        };
    }

    private RoundState withoutAborts() {
        return new RoundState(
                taskId,
                round,
                attempt,
                status,
                baseModel,
                openedAt,
                deadline,
                0,
                closedAt,
                closeReason,
                accepted,
                excluded,
                aggregatedAt,
                resultModel,
                abortedAttempts);
    }

    void requireOpen() {
        if (status != RoundStatus.OPEN) {
            throw new RuleViolation(ErrorCode.ROUND_NOT_OPEN, describe() + " is " + status.wire());
        }
    }

    @Override
    public Map<String, Object> toJson() {
        return RoundStateJson.toJson(this);
    }

    public static RoundState fromJson(Map<String, Object> json) {
        return RoundStateJson.fromJson(json);
    }

    private String describe() {
        return "round " + round + " of task " + taskId;
    }
}
