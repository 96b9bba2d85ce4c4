package org.medfed.client.participation;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ipfs.BlobStoreException;
import org.medfed.common.protocol.EventNames;

/**
 * A client node's main loop: bring every enrolled task up to date, then follow the chaincode events and do it
 * again for the task an event concerns. Events are checkpointed only after they are handled, so a node restarted
 * at any point handles every event at least once; {@link RoundParticipant} makes handling twice harmless. Transient
 * failures (peer or IPFS unreachable) are retried with backoff; when retries run out the node keeps listening, and
 * the next event or restart tries again. Interrupting the thread stops it between steps.
 */
public final class ClientNode {
    /** Events after which an enrolled task may have an open round this node should train for. */
    static final Set<String> RELEVANT = Set.of(EventNames.TASK_CREATED, EventNames.TASK_RESUMED,
            EventNames.ROUND_AGGREGATED, EventNames.ROUND_ABORTED);

    private final Set<String> tasks;
    private final RoundParticipant participant;
    private final LedgerEvents events;
    private final Backoff backoff;
    private final Backoff.Sleeper sleeper;
    private final Consumer<String> log;

    public ClientNode(List<String> tasks, RoundParticipant participant, LedgerEvents events, Backoff backoff,
            Backoff.Sleeper sleeper, Consumer<String> log) {
        this.tasks = new TreeSet<>(tasks);
        this.participant = Objects.requireNonNull(participant, "participant");
        this.events = Objects.requireNonNull(events, "events");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Runs until interrupted. */
    public void run() throws InterruptedException {
        catchUp();
        int failures = 0;
        while (true) {
            try (LedgerEvents.Subscription subscription = events.subscribe()) {
                failures = 0;
                while (true) {
                    LedgerEvents.Event event = subscription.next();
                    handle(event);
                    subscription.checkpoint(event);
                }
            } catch (MedfedException e) {
                failures++;
                log.accept("event stream failed (" + e.describe() + "); reconnecting in "
                        + backoff.delay(failures).toSeconds() + " s");
                sleeper.sleep(backoff.delay(failures));
                catchUp();
            }
        }
    }

    /** Brings every enrolled task up to date (start-up, and after the event stream was lost). */
    public void catchUp() throws InterruptedException {
        for (String task : tasks) {
            step(task);
        }
    }

    void handle(LedgerEvents.Event event) throws InterruptedException {
        if (!RELEVANT.contains(event.name()) || event.taskId().isEmpty() || !tasks.contains(event.taskId().get())) {
            return;
        }
        step(event.taskId().get());
    }

    /** One participation step for {@code task}, retried with backoff while the failure is transient. */
    RoundParticipant.Result step(String task) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                RoundParticipant.Result result = participant.participate(task);
                log.accept(task + " round " + result.round() + ": " + result.outcome()
                        + (result.detail() == null ? "" : " (" + result.detail() + ")"));
                return result;
            } catch (MedfedException | BlobStoreException e) {
                String why = e instanceof MedfedException m ? m.describe() : e.getMessage();
                if (attempt >= backoff.attempts() || e instanceof MedfedException m && m.isFromChaincode()) {
                    log.accept(task + ": giving up for now after " + attempt + " attempt(s): " + why);
                    return null;
                }
                log.accept(task + ": " + why + "; retrying in " + backoff.delay(attempt).toSeconds() + " s");
                sleeper.sleep(backoff.delay(attempt));
            }
        }
    }
}
