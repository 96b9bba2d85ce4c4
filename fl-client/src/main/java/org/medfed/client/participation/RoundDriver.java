package org.medfed.client.participation;

import java.time.Clock;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import org.medfed.common.round.RoundState;
import org.medfed.common.round.RoundStatus;

/**
 * Moves a task's rounds on without any coordinator: every node closes a round once every eligible participant has
 * submitted or its deadline has passed, and asks for the aggregation of a closed round. Several nodes doing so at
 * once is expected: the ledger accepts the first and refuses the others (a round no longer open or closed, or an
 * MVCC conflict), which is logged and otherwise ignored. Time is this node's clock; the chaincode decides with the
 * transaction's timestamp, so a node whose clock runs early is merely refused ({@code ROUND_STILL_OPEN}). A secure
 * round is aggregated only once its survivors have revealed their shares or its unmask phase is over.
 */
public final class RoundDriver {
    private final ParticipationLedger ledger;
    private final Clock clock;
    private final NodeLog log;

    public RoundDriver(ParticipationLedger ledger, Clock clock, NodeLog log) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** What this node did for the task's current round. */
    public enum Action {
        NONE,
        CLOSED,
        AGGREGATED,
        REFUSED,
        /** A closed secure round whose survivors have not all revealed, within its unmask phase. */
        AWAITING_REVEALS
    }

    /**
     * Closes the current round when it is complete or overdue, aggregates it when it is closed.
     *
     * @throws MedfedException when the ledger cannot be reached (retry later)
     */
    public Action drive(String taskId) throws MedfedException {
        Task task = ledger.task(taskId);
        if (task.status() != TaskStatus.ACTIVE) {
            return Action.NONE;
        }
        long round = task.currentRound();
        RoundView view = ledger.round(taskId, round);
        RoundState state = view.round();
        if (state.status() == RoundStatus.OPEN
                && (complete(task, view) || !clock.instant().isBefore(state.deadline()))) {
            if (!attempt(() -> ledger.closeRound(taskId, round), taskId, round, "close")) {
                return Action.REFUSED;
            }
            log.info(taskId + " round " + round + ": closed by this node");
            state = ledger.round(taskId, round).round();
            if (state.status() != RoundStatus.CLOSED) {
                return Action.CLOSED;
            }
        }
        if (state.status() == RoundStatus.CLOSED) {
            if (task.spec().secureAggregationSpec().isPresent() && awaitingReveals(taskId, round)) {
                return Action.AWAITING_REVEALS;
            }
            if (!attempt(() -> ledger.aggregateRound(taskId, round), taskId, round, "aggregate")) {
                return Action.REFUSED;
            }
            log.info(taskId + " round " + round + ": aggregated (every endorsing organisation agreed)");
            return Action.AGGREGATED;
        }
        return Action.NONE;
    }

    /**
     * A secure round is aggregated once every survivor revealed or its unmask phase is over (then with the shares
     * there are); asking earlier would only be refused or unmask with fewer shares than will come.
     */
    private boolean awaitingReveals(String taskId, long round) throws MedfedException {
        SecureRoundView view = ledger.secureRound(taskId, round);
        return view.round().status() == RoundStatus.CLOSED
                && !view.missingIn("reveal").isEmpty()
                && view.unmaskEnd().map(end -> clock.instant().isBefore(end)).orElse(true);
    }

    private static boolean complete(Task task, RoundView view) {
        Set<String> submitted = new HashSet<>(view.submitted());
        return !task.spec().eligibleParticipants().isEmpty()
                && submitted.containsAll(task.spec().eligibleParticipants());
    }

    @FunctionalInterface
    private interface Call {
        void run() throws MedfedException;
    }

    /** True when the call committed; false when the ledger refused it (another node was first, or it is too early). */
    private boolean attempt(Call call, String taskId, long round, String what) throws MedfedException {
        try {
            call.run();
            return true;
        } catch (MedfedException e) {
            if (e.isNetworkUnavailable()) {
                throw e;
            }
            log.info(taskId + " round " + round + ": " + what + " refused (" + e.describe() + ")");
            return false;
        }
    }
}
