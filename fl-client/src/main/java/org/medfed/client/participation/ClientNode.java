package org.medfed.client.participation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.common.protocol.EventNames;

/**
 * A client node's main loop. It brings every enrolled task up to date, then follows the chaincode events: a new
 * round (task created or resumed, round aggregated or aborted) makes it train and submit ({@link RoundParticipant});
 * a submission or a closed round makes it try to move the round on ({@link RoundDriver}); a quiet period makes it
 * check deadlines and catch up; a secure round's phase change makes it step when it is due (the phases run on
 * ledger time, not on events). Events are checkpointed only after they are handled, so a node restarted at any
 * point handles every event at least once, and handling twice is harmless. Transient failures (peer or IPFS
 * unreachable) are retried with backoff; when retries run out the node keeps going and the next event or tick
 * tries again. All work runs on the calling thread, one step at a time; {@link #stop()} ends the loop between
 * steps, so no round is left half-submitted (and the journal covers a kill at any instant).
 */
public final class ClientNode {
    /** Events after which an enrolled task may have an open round this node should train for. */
    static final Set<String> NEW_ROUND = Set.of(
            EventNames.TASK_CREATED, EventNames.TASK_RESUMED, EventNames.ROUND_AGGREGATED, EventNames.ROUND_ABORTED);
    /**
     * Events after which a secure round's keys or shares phase may have ended early (everyone did their part), so
     * this node's next phase may be open.
     */
    static final Set<String> SECURE_PROGRESS = Set.of(EventNames.SECURE_KEYS_POSTED, EventNames.SECURE_SHARES_POSTED);
    /** Events after which the round may be ready to close or to aggregate. */
    static final Set<String> ROUND_PROGRESS =
            Set.of(EventNames.UPDATE_SUBMITTED, EventNames.ROUND_CLOSED, EventNames.SECURE_SHARES_REVEALED);
    /** The shortest wait for a secure round's phase change, so a wake-up just passed is not polled in a spin. */
    static final Duration MIN_WAKE_UP = Duration.ofMillis(250);

    private static final Object STOP = new Object();

    private record StreamFailure(MedfedException error) {}

    private final Set<String> tasks;
    private final RoundParticipant participant;
    private final RoundDriver driver;
    private final LedgerEvents events;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Duration tick;
    private final NodeLog log;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    /** Per task, the round this node last reported sitting out for want of approval: reported once per round. */
    private final java.util.Map<String, Long> reportedUnapproved = new java.util.HashMap<>();

    private volatile boolean stopped;

    public ClientNode(
            List<String> tasks,
            RoundParticipant participant,
            RoundDriver driver,
            LedgerEvents events,
            Backoff backoff,
            Backoff.Sleeper sleeper,
            Duration tick,
            NodeLog log) {
        this.tasks = new TreeSet<>(tasks);
        this.participant = Objects.requireNonNull(participant, "participant");
        this.driver = Objects.requireNonNull(driver, "driver");
        this.events = Objects.requireNonNull(events, "events");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.tick = Objects.requireNonNull(tick, "tick");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Asks {@link #run()} to return after the step in progress. Safe from any thread (e.g. a shutdown hook). */
    public void stop() {
        stopped = true;
        queue.offer(STOP);
    }

    /** Runs until {@link #stop()} or interruption. */
    public void run() throws InterruptedException {
        catchUp();
        int failures = 0;
        while (!stopped) {
            LedgerEvents.Subscription subscription;
            try {
                subscription = events.subscribe();
            } catch (MedfedException e) {
                failures++;
                pause("cannot follow the ledger's events (" + e.describe() + ")", failures);
                continue;
            }
            Thread listener = listen(subscription);
            try {
                MedfedException lost = follow(subscription);
                if (lost == null) {
                    return;
                }
                failures++;
                pause("the event stream failed (" + lost.describe() + ")", failures);
                catchUp();
            } finally {
                listener.interrupt();
                subscription.close();
            }
        }
    }

    /** Handles queued events and ticks until stopped (null) or the stream fails (its error). */
    private MedfedException follow(LedgerEvents.Subscription subscription) throws InterruptedException {
        while (!stopped) {
            Duration wait = participant
                    .untilWakeUp()
                    .map(until -> until.compareTo(MIN_WAKE_UP) < 0 ? MIN_WAKE_UP : until)
                    .filter(until -> until.compareTo(tick) < 0)
                    .orElse(tick);
            Object item = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (item == null) {
                catchUp();
            } else if (item instanceof LedgerEvents.Event event) {
                handle(event);
                try {
                    subscription.checkpoint(event);
                } catch (MedfedException e) {
                    return e;
                }
                if (participant.untilWakeUp().filter(Duration::isZero).isPresent()) {
                    catchUp();
                }
            } else if (item instanceof StreamFailure failure) {
                return failure.error();
            }
        }
        return null;
    }

    private Thread listen(LedgerEvents.Subscription subscription) {
        Thread listener = new Thread(
                () -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            queue.put(subscription.next());
                        }
                    } catch (MedfedException e) {
                        queue.offer(new StreamFailure(e));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "medfed-events");
        listener.setDaemon(true);
        listener.start();
        return listener;
    }

    private void pause(String why, int failures) throws InterruptedException {
        Duration delay = backoff.delay(failures);
        log.warn(why + "; trying again in " + delay.toSeconds() + " s");
        sleeper.sleep(delay);
    }

    /** Brings every enrolled task up to date: deadlines, closed rounds, rounds to train for. */
    public void catchUp() throws InterruptedException {
        for (String task : tasks) {
            if (stopped) {
                return;
            }
            drive(task);
            step(task);
        }
    }

    void handle(LedgerEvents.Event event) throws InterruptedException {
        if (event.taskId().isEmpty() || !tasks.contains(event.taskId().get())) {
            return;
        }
        String task = event.taskId().get();
        if (NEW_ROUND.contains(event.name()) || SECURE_PROGRESS.contains(event.name())) {
            step(task);
        } else if (ROUND_PROGRESS.contains(event.name()) && drive(task) == RoundDriver.Action.AWAITING_REVEALS) {
            step(task);
        }
    }

    /** One participation step for {@code task}, retried with backoff while the failure is transient. */
    RoundParticipant.Result step(String task) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                RoundParticipant.Result result = participant.participate(task);
                String line = task + " round " + result.round() + ": " + result.outcome()
                        + (result.detail() == null ? "" : " (" + result.detail() + ")")
                        + (result.timings().isEmpty() ? "" : "; ms " + result.timings());
                boolean problem = result.outcome() == RoundParticipant.Outcome.REFUSED
                        || result.outcome() == RoundParticipant.Outcome.MISSED
                        || result.outcome() == RoundParticipant.Outcome.NOT_APPROVED;
                if (firstReport(task, result)) {
                    log.log(problem ? NodeLog.Level.WARN : NodeLog.Level.INFO, line);
                }
                return result;
            } catch (MedfedException | BlobStoreException e) {
                if (!retry(task, e, attempt)) {
                    return null;
                }
            } catch (java.util.concurrent.CancellationException e) {
                log.info(task + ": training cancelled because the node is stopping; nothing was released");
                return null;
            }
        }
    }

    /**
     * False for a repeat of the round's want-of-approval report: every tick and event asks again (one read), so an
     * approval is acted on at once, but the operator hears it once per round.
     */
    private boolean firstReport(String task, RoundParticipant.Result result) {
        if (result.outcome() != RoundParticipant.Outcome.NOT_APPROVED) {
            reportedUnapproved.remove(task);
            return true;
        }
        Long previous = reportedUnapproved.put(task, result.round());
        return previous == null || previous != result.round();
    }

    /** Closes or aggregates {@code task}'s round when it is due, retried while the failure is transient. */
    RoundDriver.Action drive(String task) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return driver.drive(task);
            } catch (MedfedException e) {
                if (!retry(task, e, attempt)) {
                    return null;
                }
            }
        }
    }

    private boolean retry(String task, Exception e, int attempt) throws InterruptedException {
        String why = e instanceof MedfedException m ? m.describe() : e.getMessage();
        boolean refusal = e instanceof MedfedException m && m.isFromChaincode();
        if (refusal || attempt >= backoff.attempts() || stopped) {
            log.warn(task + ": giving up for now after " + attempt + " attempt(s): " + why);
            return false;
        }
        log.warn(task + ": " + why + "; retrying in " + backoff.delay(attempt).toSeconds() + " s");
        sleeper.sleep(backoff.delay(attempt));
        return true;
    }
}
