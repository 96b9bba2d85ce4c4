package org.medfed.client.report;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.common.model.Task;
import org.medfed.common.reputation.ReputationChange;

/**
 * Everything a task report shows, as read from the ledger at {@code readAt}: the task, its rounds in order, and each
 * eligible participant's reputation changes (oldest first).
 */
public record ReportData(
        Task task, List<RoundFacts> rounds, Map<String, List<ReputationChange>> reputation, Instant readAt) {
    public ReportData {
        rounds = List.copyOf(rounds);
        reputation = Collections.unmodifiableMap(new TreeMap<>(reputation));
    }
}
