package org.medfed.client.participation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobRef;
import org.medfed.client.ipfs.BlobStore;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.client.participation.JournalEntry.Phase;
import org.medfed.client.participation.RoundParticipant.Outcome;
import org.medfed.client.participation.RoundParticipant.Result;
import org.medfed.common.codec.FloatVectorCodec;
import org.medfed.common.codec.InvalidVectorException;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.SecureAggregationSpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateKind;
import org.medfed.common.model.UpdateSubmission;
import org.medfed.common.protocol.ErrorCode;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;
import org.medfed.common.secagg.MaskedVectorCodec;
import org.medfed.common.secagg.RoundKeys;
import org.medfed.common.secagg.SecAggException;
import org.medfed.common.secagg.SecureAdmission;
import org.medfed.common.secagg.SecureParticipant;
import org.medfed.common.secagg.SecurePhases;

/**
 * A node's part in a secure round (docs/secure-aggregation.md), one idempotent step at a time like
 * {@link RoundParticipant}: from the ledger's view of the attempt and this node's clock it does the one thing its
 * phase asks and this node has not done: post keys, post shares, submit the masked input, reveal shares. Every
 * secret and every message is journalled ({@link SecureJournal}) before it is sent, so a node restarted at any point
 * sends exactly what it journalled and never a second, different masked input for one attempt.
 *
 * <p>A phase this node missed, or a refusal that will not pass, makes it sit the attempt out (journalled, not
 * retried); a refusal with {@code PHASE_CLOSED} while this node's clock says the phase is open means the ledger's
 * time is behind ours, so the next step tries again. Each phase waits {@code settle} after its start before reading
 * the sets the previous phase fixed (U1 for the neighbour graph, U2 for the masks), so transactions still being
 * committed with an earlier timestamp are counted. The keys and shares phases end early, on the ledger as here, once
 * nobody is left to act in them (every eligible participant posted keys; every key holder posted shares): the set
 * they fix cannot change any more, so there is nothing to wait for.
 */
public final class SecureRoundParticipant {
    /** Long enough for a transaction proposed just before a phase's end to be committed (ordering, validation). */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(5);

    private final ParticipationLedger ledger;
    private final BlobStore blobs;
    private final LocalTraining training;
    private final SecureJournal secrets;
    private final ParticipationJournal journal;
    private final Clock clock;
    private final Duration settle;
    private final SecureRandom random;
    private final Map<String, Long> timings = new LinkedHashMap<>();
    private final Map<String, Instant> wakeUps = new java.util.concurrent.ConcurrentHashMap<>();

    public SecureRoundParticipant(
            ParticipationLedger ledger,
            BlobStore blobs,
            LocalTraining training,
            SecureJournal secrets,
            ParticipationJournal journal,
            Clock clock,
            Duration settle,
            SecureRandom random) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.training = Objects.requireNonNull(training, "training");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settle = Objects.requireNonNull(settle, "settle");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * How long until the earliest phase change, by this node's clock, among the secure attempts it has stepped
     * through (zero when one is due): the node steps again then rather than at its next tick.
     */
    public Optional<Duration> untilWakeUp() {
        Instant now = clock.instant();
        return wakeUps.values().stream()
                .min(Instant::compareTo)
                .map(at -> at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    }

    /** One step for the active secure {@code task}; see {@link RoundParticipant#participate}. */
    public Result participate(Task task) throws MedfedException, BlobStoreException, InterruptedException {
        timings.clear();
        Result result = step(task);
        return new Result(result.taskId(), result.round(), result.outcome(), result.detail(), timings);
    }

    private Result step(Task task) throws MedfedException, BlobStoreException, InterruptedException {
        String taskId = task.spec().id();
        long round = task.currentRound();
        SecureRoundView view = ledger.secureRound(taskId, round);
        RoundState state = view.round();
        String me = ledger.participantId();
        Instant now = clock.instant();
        Instant wakeUp = nextBoundary(view, now);
        if (wakeUp == null) {
            wakeUps.remove(taskId);
        } else {
            wakeUps.put(taskId, wakeUp);
        }
        Attempt attempt = new Attempt(
                task,
                view,
                me,
                now,
                secrets.latest(taskId)
                        .filter(s -> s.isFor(round, state.attempt()))
                        .orElse(null));
        if (attempt.self != null && attempt.self.satOut() != null) {
            return attempt.result(Outcome.MISSED, attempt.self.satOut());
        }
        if (state.status() == RoundStatus.CLOSED) {
            return unmask(attempt);
        }
        if (state.status() != RoundStatus.OPEN) {
            return attempt.result(
                    Outcome.NOTHING_OPEN,
                    "round " + round + " is " + state.status().wire());
        }
        SecurePhases phases = view.phases();
        if (!now.isBefore(phases.inputEnd())) {
            return attempt.result(Outcome.WAITING, "masked inputs are closed; waiting for the round to close");
        }
        if (now.isBefore(phases.keysEnd()) && !attempt.keysComplete()) {
            return keys(attempt);
        }
        if (now.isBefore(phases.sharesEnd()) && !attempt.sharesComplete()) {
            return shares(attempt);
        }
        return input(attempt);
    }

    /** One attempt as this step sees it: the ledger's view, this node's id and clock, and its journalled part. */
    private final class Attempt {
        final Task task;
        final SecureRoundView view;
        final String me;
        final Instant now;
        SecureState self;

        Attempt(Task task, SecureRoundView view, String me, Instant now, SecureState self) {
            this.task = task;
            this.view = view;
            this.me = me;
            this.now = now;
            this.self = self;
        }

        String taskId() {
            return task.spec().id();
        }

        long round() {
            return view.round().round();
        }

        SecureAggregationSpec spec() {
            return task.spec().secureAggregationSpec().orElseThrow();
        }

        /** Every eligible participant posted keys: U1 is final, so the keys phase is over before its end. */
        boolean keysComplete() {
            return !view.keys().isEmpty()
                    && view.keys().keySet().containsAll(task.spec().eligibleParticipants());
        }

        /** Every key holder posted shares: U2 is final, so the shares phase is over before its end. */
        boolean sharesComplete() {
            return !view.shares().isEmpty()
                    && view.shares().keySet().containsAll(view.keys().keySet());
        }

        Result result(Outcome outcome, String detail) {
            return new Result(
                    taskId(), round(), outcome, "attempt " + view.round().attempt() + ": " + detail);
        }

        /**
         * Sits the attempt out for good: journalled, so neither this step nor a restarted node tries again. Without
         * journalled secrets, fresh ones stand in; they are never sent.
         */
        Result sitOut(Outcome outcome, String why) {
            SecureState state = self != null
                    ? self
                    : SecureMessages.secrets(
                            taskId(),
                            round(),
                            view.round().attempt(),
                            view.round().baseModel().sha256(),
                            random);
            self = state.sittingOut(why);
            secrets.record(self);
            audit(outcome == Outcome.MISSED ? Phase.MISSED : Phase.REFUSED, self.submission(), why);
            return result(outcome, why);
        }

        void audit(Phase phase, UpdateSubmission submission, String detail) {
            journal.record(new JournalEntry(
                    taskId(),
                    round(),
                    view.round().baseModel().sha256(),
                    phase,
                    submission,
                    "secure attempt " + view.round().attempt() + (detail == null ? "" : ": " + detail),
                    clock.instant()));
        }
    }

    private Result keys(Attempt a) throws MedfedException {
        if (a.view.keys().containsKey(a.me)) {
            return a.result(
                    Outcome.WAITING,
                    "keys posted; shares from " + a.view.phases().keysEnd());
        }
        Optional<String> unapproved = DatasetUseGate.refusal(ledger, a.task);
        if (unapproved.isPresent()) {
            return a.result(Outcome.NOT_APPROVED, unapproved.get());
        }
        if (a.self == null) {
            a.self = SecureMessages.secrets(
                    a.taskId(),
                    a.round(),
                    a.view.round().attempt(),
                    a.view.round().baseModel().sha256(),
                    random);
            secrets.record(a.self);
        }
        long started = System.nanoTime();
        Optional<Result> refused = post(
                a,
                a.view.phases().keysEnd(),
                () -> ledger.postKeys(a.taskId(), a.round(), a.self.maskKey(), a.self.shareKey()));
        lap("keys", started);
        return refused.orElseGet(() -> a.result(Outcome.KEYS_POSTED, "mask and share keys"));
    }

    private Result shares(Attempt a) throws MedfedException {
        RoundKeys mine = a.view.keys().get(a.me);
        if (mine == null) {
            return a.sitOut(Outcome.MISSED, "no keys of this node on the ledger by the end of the keys phase");
        }
        if (a.view.shares().containsKey(a.me)) {
            return a.result(
                    Outcome.WAITING,
                    "shares posted; masked inputs from " + a.view.phases().sharesEnd());
        }
        if (a.self == null
                || !a.self.maskKey().equals(mine.maskKey())
                || !a.self.shareKey().equals(mine.shareKey())) {
            return a.sitOut(
                    Outcome.REFUSED,
                    "the keys on the ledger are not the ones this node journalled; without"
                            + " their private halves it cannot take part");
        }
        if (!a.keysComplete() && a.now.isBefore(a.view.phases().keysEnd().plus(settle))) {
            return a.result(Outcome.WAITING, "letting the keys phase settle");
        }
        if (a.self.shares() == null) {
            SecureAggregationSpec spec = a.spec();
            int holders = a.view.neighboursOf(a.me).size() + 1;
            if (holders < spec.threshold()) {
                return a.sitOut(
                        Outcome.REFUSED,
                        "only " + holders + " holders (its neighbours with keys and itself), fewer than the threshold "
                                + spec.threshold() + ": this node's secrets could never be reconstructed");
            }
            try {
                a.self = a.self.withShares(SecureMessages.shares(
                        a.self, a.me, a.view, (int) spec.neighbours(), (int) spec.threshold(), random));
            } catch (SecAggException | IllegalArgumentException e) {
                return a.sitOut(Outcome.REFUSED, "cannot share with the posted keys: " + e.getMessage());
            }
            secrets.record(a.self);
        }
        long started = System.nanoTime();
        Optional<Result> refused =
                post(a, a.view.phases().sharesEnd(), () -> ledger.postShares(a.taskId(), a.round(), a.self.shares()));
        lap("shares", started);
        return refused.orElseGet(() ->
                a.result(Outcome.SHARES_POSTED, "shares to " + a.self.shares().size() + " neighbours"));
    }

    private Result input(Attempt a) throws MedfedException, BlobStoreException, InterruptedException {
        if (a.view.survivors().contains(a.me)) {
            if (a.self != null && a.self.submission() != null) {
                recordSubmitted(a, "found on the ledger");
            }
            return a.result(Outcome.ALREADY_SUBMITTED, "the ledger lists this node's masked input");
        }
        if (!a.view.shares().containsKey(a.me)) {
            return a.sitOut(Outcome.MISSED, "no shares of this node on the ledger by the end of the shares phase");
        }
        if (a.self == null) {
            return a.sitOut(Outcome.REFUSED, "this node's secrets for the attempt are not in its journal");
        }
        UpdateSubmission submission = a.self.submission();
        if (submission == null) {
            if (!a.sharesComplete()
                    && a.now.isBefore(a.view.phases().sharesEnd().plus(settle))) {
                return a.result(Outcome.WAITING, "letting the shares phase settle");
            }
            try {
                submission = maskAndUpload(a);
            } catch (TrainingRefusedException e) {
                return a.sitOut(Outcome.REFUSED, e.getMessage());
            }
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped before submitting the masked input; it is journalled");
        }
        UpdateSubmission masked = submission;
        long started = System.nanoTime();
        Optional<Result> refused = post(a, a.view.phases().inputEnd(), () -> ledger.submit(masked));
        lap("submit", started);
        if (refused.isPresent()) {
            return refused.get();
        }
        recordSubmitted(a, null);
        return a.result(Outcome.SUBMITTED, "masked input " + masked.cid());
    }

    private void recordSubmitted(Attempt a, String detail) {
        Optional<JournalEntry> entry = journal.latest(a.taskId());
        if (entry.isEmpty()
                || entry.get().phase() != Phase.SUBMITTED
                || !a.self.submission().equals(entry.get().submission())) {
            a.audit(Phase.SUBMITTED, a.self.submission(), detail);
        }
    }

    /** Computes the site input, masks it, adds it to IPFS and journals the submission before anything is sent. */
    private UpdateSubmission maskAndUpload(Attempt a)
            throws MedfedException, BlobStoreException, InterruptedException, TrainingRefusedException {
        Task task = a.task;
        ContentRef base = a.view.round().baseModel();
        long parameters = task.spec().model().parameterCount();
        long started = System.nanoTime();
        byte[] bytes =
                blobs.fetchVerified(new BlobRef(base.cid(), base.sha256(), FloatVectorCodec.byteLength(parameters)));
        started = lap("download", started);
        float[] global;
        try {
            global = FloatVectorCodec.decode(bytes, parameters);
        } catch (InvalidVectorException e) {
            throw new TrainingRefusedException(
                    "the round's base model " + base.cid() + " is unusable: " + e.getMessage());
        }
        if (Thread.interrupted()) {
            throw new InterruptedException("stopped before computing the masked input");
        }
        SiteInput input = training.siteInput(task, a.round(), global);
        started = lap("train", started);
        if (input.values().length != parameters) {
            throw new IllegalStateException(
                    "the site input has " + input.values().length + " values, the task's model " + parameters);
        }
        long rows = ledger.dataset(input.datasetId()).rowCount();
        int[] masked;
        try {
            masked = SecureMessages.mask(
                    input.values(), a.self, a.me, a.view, (int) a.spec().neighbours());
        } catch (SecAggException | IllegalArgumentException e) {
            throw new TrainingRefusedException("cannot mask with the posted keys: " + e.getMessage(), e);
        }
        BlobRef ref = blobs.add(MaskedVectorCodec.encode(masked));
        lap("upload", started);
        UpdateSubmission submission = new UpdateSubmission(
                a.taskId(),
                a.round(),
                input.datasetId(),
                ref.cid(),
                ref.sha256Hex(),
                parameters,
                rows,
                base.sha256(),
                UpdateKind.MASKED,
                new java.util.TreeMap<>(),
                SecureAdmission.step(task.spec()));
        a.self = a.self.withSubmission(submission);
        secrets.record(a.self);
        a.audit(Phase.UPLOADED, submission, null);
        return submission;
    }

    private Result unmask(Attempt a) throws MedfedException {
        if (!a.view.survivors().contains(a.me)) {
            return a.result(Outcome.NOTHING_OPEN, "this node is not a survivor of the closed attempt");
        }
        if (a.view.reveals().containsKey(a.me)) {
            return a.result(Outcome.WAITING, "shares revealed; waiting for the aggregation");
        }
        Instant unmaskEnd = a.view.unmaskEnd().orElseThrow();
        if (!a.now.isBefore(unmaskEnd)) {
            return a.sitOut(Outcome.MISSED, "the unmask phase ended at " + unmaskEnd + " before this node revealed");
        }
        if (a.self == null) {
            return a.sitOut(Outcome.REFUSED, "this node's secrets for the attempt are not in its journal");
        }
        SecureParticipant.RevealOutcome reveals =
                SecureMessages.reveals(a.self, a.me, a.view, (int) a.spec().neighbours());
        long started = System.nanoTime();
        Optional<Result> refused =
                post(a, unmaskEnd, () -> ledger.revealShares(a.taskId(), a.round(), reveals.shares()));
        lap("reveal", started);
        return refused.orElseGet(() -> a.result(
                Outcome.REVEALED,
                reveals.shares().size() + " shares"
                        + (reveals.problems().isEmpty() ? "" : "; left out " + reveals.problems())));
    }

    @FunctionalInterface
    private interface Post {
        void run() throws MedfedException;
    }

    /**
     * Sends one phase's transaction. Empty when it committed or already had ({@code ALREADY_EXISTS},
     * {@code DUPLICATE_SUBMISSION}: an earlier answer was lost); the result when the ledger refused it.
     */
    private Optional<Result> post(Attempt a, Instant phaseEnd, Post post) throws MedfedException {
        try {
            post.run();
            return Optional.empty();
        } catch (MedfedException e) {
            if (!e.isFromChaincode()) {
                throw e;
            }
            if (ErrorCode.ALREADY_EXISTS.name().equals(e.code())
                    || ErrorCode.DUPLICATE_SUBMISSION.name().equals(e.code())) {
                return Optional.empty();
            }
            if (ErrorCode.PHASE_CLOSED.name().equals(e.code())
                    && clock.instant().isBefore(phaseEnd)) {
                return Optional.of(a.result(
                        Outcome.WAITING,
                        "the ledger's time is not yet in this phase (" + e.describe() + "); trying again later"));
            }
            if (ErrorCode.DATASET_USE_NOT_APPROVED.name().equals(e.code())) {
                return Optional.of(a.sitOut(Outcome.NOT_APPROVED, e.describe()));
            }
            boolean missed = ErrorCode.PHASE_CLOSED.name().equals(e.code())
                    || ErrorCode.ROUND_NOT_OPEN.name().equals(e.code())
                    || ErrorCode.STALE_ROUND.name().equals(e.code())
                    || ErrorCode.TASK_NOT_ACTIVE.name().equals(e.code());
            return Optional.of(a.sitOut(missed ? Outcome.MISSED : Outcome.REFUSED, e.describe()));
        }
    }

    /** The next phase boundary after {@code now} (the unmask end once closed), or null when none is ahead. */
    private Instant nextBoundary(SecureRoundView view, Instant now) {
        SecurePhases phases = view.phases();
        for (Instant boundary : java.util.Arrays.asList(
                phases.keysEnd().plus(settle),
                phases.sharesEnd().plus(settle),
                phases.inputEnd(),
                phases.unmaskEnd())) {
            if (boundary != null && boundary.isAfter(now)) {
                return boundary;
            }
        }
        return null;
    }

    private long lap(String phase, long since) {
        long now = System.nanoTime();
        timings.put(phase, (now - since) / 1_000_000);
        return now;
    }
}
