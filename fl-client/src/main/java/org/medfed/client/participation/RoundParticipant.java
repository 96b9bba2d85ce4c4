package org.medfed.client.participation;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.participation.JournalEntry.Phase;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.InvalidVectorException;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;

/**
 * One step of a node's participation in a task, safe to repeat at any time (after every event, after a restart):
 * it looks at the ledger and the journal and does only what is missing. For an open round this node has not
 * contributed to: download the base model from this organisation's IPFS node and verify its hash, train, add the
 * update to IPFS, journal it, submit it, journal that. After a crash between upload and commit, the journalled
 * update is submitted again as it is: the node never trains a round twice, so it never spends privacy budget twice
 * on one round, and the ledger's duplicate check makes a second submission of the same round harmless.
 *
 * <p>Failures that may pass (network, IPFS) are thrown for the caller to retry with backoff; refusals that will not
 * pass (budget, round closed) are journalled and reported, and the round is not tried again.
 */
public final class RoundParticipant {
    /** Ledger refusals meaning the round moved on without us. */
    private static final Set<String> MISSED = Set.of(
            ErrorCode.ROUND_NOT_OPEN.name(),
            ErrorCode.STALE_ROUND.name(),
            ErrorCode.DEADLINE_PASSED.name(),
            ErrorCode.TASK_NOT_ACTIVE.name(),
            ErrorCode.BASE_MODEL_MISMATCH.name());

    public enum Outcome {
        SUBMITTED,
        ALREADY_SUBMITTED,
        NOTHING_OPEN,
        REFUSED,
        MISSED,
        /** Secure rounds: this node's keys, its shares, its reveal went to the ledger. */
        KEYS_POSTED,
        SHARES_POSTED,
        REVEALED,
        /** Secure rounds: this node's part of the current phase is done, or its phase has not begun. */
        WAITING,
        /**
         * The holder of this site's dataset has not approved the task's use of it (pending, declined or revoked): the
         * site sits the round out, and joins a later one, or this one if approved in time.
         */
        NOT_APPROVED
    }

    /** {@code timings}: milliseconds per phase this step ran (download, train, upload, submit), in that order. */
    public record Result(String taskId, long round, Outcome outcome, String detail, Map<String, Long> timings) {
        public Result(String taskId, long round, Outcome outcome, String detail) {
            this(taskId, round, outcome, detail, Map.of());
        }

        public Result {
            timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
        }
    }

    private final Map<String, Long> timings = new java.util.LinkedHashMap<>();

    private final ParticipationLedger ledger;
    private final BlobStore blobs;
    private final LocalTraining training;
    private final ParticipationJournal journal;
    private final Clock clock;
    private final SecureRoundParticipant secure;

    /** A participant for tasks in clear only: it declines the secure ones. */
    public RoundParticipant(
            ParticipationLedger ledger,
            BlobStore blobs,
            LocalTraining training,
            ParticipationJournal journal,
            Clock clock) {
        this(ledger, blobs, training, journal, clock, null);
    }

    /** {@code secure} takes the tasks that aggregate securely. */
    public RoundParticipant(
            ParticipationLedger ledger,
            BlobStore blobs,
            LocalTraining training,
            ParticipationJournal journal,
            Clock clock,
            SecureRoundParticipant secure) {
        this.secure = secure;
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.training = Objects.requireNonNull(training, "training");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** How long until a secure task's attempt next changes phase; see {@link SecureRoundParticipant#untilWakeUp}. */
    public Optional<java.time.Duration> untilWakeUp() {
        return secure == null ? Optional.empty() : secure.untilWakeUp();
    }

    /**
     * @throws MedfedException when the ledger cannot be reached or answers unexpectedly (retry later)
     * @throws BlobStoreException when this organisation's IPFS node cannot serve or store a blob (retry later)
     * @throws InterruptedException when asked to stop; nothing half-done is left that a later step cannot finish
     */
    public Result participate(String taskId) throws MedfedException, BlobStoreException, InterruptedException {
        timings.clear();
        Result result = step(taskId);
        return new Result(result.taskId(), result.round(), result.outcome(), result.detail(), timings);
    }

    private Result step(String taskId) throws MedfedException, BlobStoreException, InterruptedException {
        Task task = ledger.task(taskId);
        long round = task.currentRound();
        if (task.status() != TaskStatus.ACTIVE) {
            return new Result(
                    taskId,
                    round,
                    Outcome.NOTHING_OPEN,
                    "the task is " + task.status().wire());
        }
        if (task.spec().secureAggregationSpec().isPresent()) {
            if (secure == null) {
                return new Result(
                        taskId, round, Outcome.REFUSED, "the task aggregates securely; this node is not set up for it");
            }
            Result result = secure.participate(task);
            timings.putAll(result.timings());
            return result;
        }
        Optional<String> waiting = SubsetGate.waiting(ledger, task, round);
        if (waiting.isPresent()) {
            return new Result(taskId, round, Outcome.WAITING, waiting.get());
        }
        RoundView view = ledger.round(taskId, round);
        RoundState state = view.round();
        ContentRef base = state.baseModel();
        Optional<JournalEntry> entry = journal.latest(taskId).filter(e -> e.isFor(round, base.sha256()));
        if (view.submitted().contains(ledger.participantId())) {
            if (entry.isEmpty() || entry.get().phase() != Phase.SUBMITTED) {
                journal.record(new JournalEntry(
                        taskId,
                        round,
                        base.sha256(),
                        Phase.SUBMITTED,
                        entry.map(JournalEntry::submission).orElse(null),
                        "found on the ledger",
                        clock.instant()));
            }
            return new Result(taskId, round, Outcome.ALREADY_SUBMITTED, "the ledger lists this node's update");
        }
        if (state.status() != RoundStatus.OPEN) {
            return new Result(
                    taskId,
                    round,
                    Outcome.NOTHING_OPEN,
                    "round " + round + " is " + state.status().wire());
        }
        if (entry.isPresent()
                && (entry.get().phase() == Phase.REFUSED || entry.get().phase() == Phase.MISSED)) {
            return new Result(
                    taskId,
                    round,
                    entry.get().phase() == Phase.REFUSED ? Outcome.REFUSED : Outcome.MISSED,
                    entry.get().detail());
        }
        Optional<String> unapproved = DatasetUseGate.refusal(ledger, task);
        if (unapproved.isPresent()) {
            return new Result(taskId, round, Outcome.NOT_APPROVED, unapproved.get());
        }
        UpdateSubmission submission = entry.map(JournalEntry::submission).orElse(null);
        if (submission == null) {
            Optional<UpdateSubmission> trained = trainAndUpload(task, round, base);
            if (trained.isEmpty()) {
                return new Result(
                        taskId,
                        round,
                        Outcome.REFUSED,
                        journal.latest(taskId).orElseThrow().detail());
            }
            submission = trained.get();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped before submitting round " + round + " of " + taskId
                    + "; the uploaded update is journalled and will be submitted on restart");
        }
        return submit(submission, base);
    }

    private Optional<UpdateSubmission> trainAndUpload(Task task, long round, ContentRef base)
            throws BlobStoreException, InterruptedException {
        long parameters = task.spec().model().parameterCount();
        long started = System.nanoTime();
        byte[] bytes =
                blobs.fetchVerified(new BlobRef(base.cid(), base.sha256(), FloatVectorCodec.byteLength(parameters)));
        started = lap("download", started);
        float[] global;
        try {
            global = FloatVectorCodec.decode(bytes, parameters);
        } catch (InvalidVectorException e) {
            return refuse(
                    task, round, base, "the round's base model " + base.cid() + " is unusable: " + e.getMessage());
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped before training round " + round);
        }
        TrainedUpdate update;
        try {
            update = training.train(task, round, global);
        } catch (TrainingRefusedException e) {
            return refuse(task, round, base, e.getMessage());
        }
        started = lap("train", started);
        if (update.parameters().length != parameters) {
            throw new IllegalStateException("training returned " + update.parameters().length + " parameters, the"
                    + " task's model has " + parameters);
        }
        BlobRef ref = blobs.add(FloatVectorCodec.encode(update.parameters()));
        lap("upload", started);
        UpdateSubmission submission = new UpdateSubmission(
                task.spec().id(),
                round,
                update.datasetId(),
                ref.cid(),
                ref.sha256Hex(),
                parameters,
                update.numExamples(),
                base.sha256(),
                update.kind(),
                update.metrics(),
                update.dp());
        journal.record(new JournalEntry(
                task.spec().id(), round, base.sha256(), Phase.UPLOADED, submission, null, clock.instant()));
        return Optional.of(submission);
    }

    private long lap(String phase, long since) {
        long now = System.nanoTime();
        timings.put(phase, (now - since) / 1_000_000);
        return now;
    }

    private Optional<UpdateSubmission> refuse(Task task, long round, ContentRef base, String why) {
        journal.record(
                new JournalEntry(task.spec().id(), round, base.sha256(), Phase.REFUSED, null, why, clock.instant()));
        return Optional.empty();
    }

    private Result submit(UpdateSubmission submission, ContentRef base) throws MedfedException {
        String taskId = submission.taskId();
        long round = submission.round();
        long started = System.nanoTime();
        try {
            ledger.submit(submission);
            lap("submit", started);
        } catch (MedfedException e) {
            if (!e.isFromChaincode()) {
                throw e;
            }
            if (ErrorCode.DUPLICATE_SUBMISSION.name().equals(e.code())) {
                journal.record(new JournalEntry(
                        taskId,
                        round,
                        base.sha256(),
                        Phase.SUBMITTED,
                        submission,
                        "already on the ledger (an earlier attempt committed)",
                        clock.instant()));
                return new Result(taskId, round, Outcome.ALREADY_SUBMITTED, e.describe());
            }
            if (ErrorCode.DATASET_USE_NOT_APPROVED.name().equals(e.code())) {
                // Revoked between the check and the submission. The update stays journalled as uploaded, so an
                // approval during the round submits it without training again.
                return new Result(taskId, round, Outcome.NOT_APPROVED, e.describe());
            }
            Phase phase = MISSED.contains(e.code()) ? Phase.MISSED : Phase.REFUSED;
            journal.record(
                    new JournalEntry(taskId, round, base.sha256(), phase, submission, e.describe(), clock.instant()));
            return new Result(taskId, round, phase == Phase.MISSED ? Outcome.MISSED : Outcome.REFUSED, e.describe());
        }
        journal.record(
                new JournalEntry(taskId, round, base.sha256(), Phase.SUBMITTED, submission, null, clock.instant()));
        return new Result(taskId, round, Outcome.SUBMITTED, "update " + submission.cid());
    }
}
