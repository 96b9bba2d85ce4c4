package org.medfed.client.report;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.Reply;
import org.medfed.client.ledger.ReputationLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundResultsLedger;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Task;
import org.medfed.common.model.UpdateRecord;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;

/** Reads a task's report data through the ledger facades: evaluates only, nothing is submitted. */
public final class ReportCollector {

    private final TaskLedger tasks;
    private final RoundLedger rounds;
    private final RoundResultsLedger results;
    private final ReputationLedger reputations;
    private final Clock clock;

    public ReportCollector(
            TaskLedger tasks,
            RoundLedger rounds,
            RoundResultsLedger results,
            ReputationLedger reputations,
            Clock clock) {
        this.tasks = tasks;
        this.rounds = rounds;
        this.results = results;
        this.reputations = reputations;
        this.clock = clock;
    }

    /** Over one connection, dated by the system clock in UTC. */
    public static ReportCollector on(LedgerClient ledger) {
        return new ReportCollector(
                new TaskLedger(ledger),
                new RoundLedger(ledger),
                new RoundResultsLedger(ledger),
                new ReputationLedger(ledger),
                Clock.systemUTC());
    }

    public ReportData collect(String taskId) throws MedfedException {
        Task task = tasks.get(taskId).value();
        List<RoundFacts> facts = new ArrayList<>();
        for (long n = 1; n <= task.currentRound(); n++) {
            facts.add(round(taskId, n));
        }
        Map<String, List<ReputationChange>> reputation = new TreeMap<>();
        for (String participant : task.spec().eligibleParticipants()) {
            reputation.put(participant, reputations.history(taskId, participant).value());
        }
        return new ReportData(task, facts, reputation, clock.instant());
    }

    /**
     * What the ledger holds about round {@code n}: its state, updates and aggregation (once aggregated), and their
     * size as the ledger answered them. The one place that size is computed (report, demo, console, bench round).
     */
    public RoundFacts round(String taskId, long n) throws MedfedException {
        Reply<RoundView> round = rounds.get(taskId, n);
        RoundState state = round.value().round();
        Reply<AggregationRecord> aggregation = state.aggregatedAt() == null ? null : results.aggregation(taskId, n);
        Reply<List<UpdateRecord>> updates = results.updates(taskId, n);
        long bytes = utf8(round.json()) + utf8(updates.json()) + (aggregation == null ? 0 : utf8(aggregation.json()));
        return new RoundFacts(state, updates.value(), aggregation == null ? null : aggregation.value(), bytes);
    }

    private static long utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }
}
