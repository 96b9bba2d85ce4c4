package org.medfed.chaincode.reputation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.medfed.chaincode.ledger.LedgerStore;
import org.medfed.common.model.Task;
import org.medfed.common.reputation.ReputationCause;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.reputation.ReputationScore;

/**
 * Participants' reputations in a task on the ledger: the current score under {@code rep~task~participant} (absent
 * until the first change, when the policy's initial score applies) and one history entry per change under
 * {@code rephist~task~participant~seq}. A transaction changes a participant's score at most once, because it
 * cannot read its own write.
 */
public final class ReputationBook {
    private final LedgerStore ledger;

    public ReputationBook(LedgerStore ledger) {
        this.ledger = ledger;
    }

    public ReputationScore current(Task task, String participantId) {
        return ledger.find(ledger.keys().reputation(task.id(), participantId), ReputationScore::fromJson)
                .orElseGet(() -> ReputationScore.initial(
                        task.id(), participantId, task.spec().reputation()));
    }

    /** Applies and stores one change; {@code quality} only for {@link ReputationCause#QUALITY}. */
    public ReputationChange change(
            Task task,
            String participantId,
            ReputationCause cause,
            BigDecimal quality,
            long round,
            String txId,
            Instant at) {
        ReputationScore.Applied applied =
                current(task, participantId).apply(task.spec().reputation(), cause, quality, round, txId, at);
        ledger.put(ledger.keys().reputation(task.id(), participantId), applied.score());
        ledger.put(
                ledger.keys()
                        .reputationChange(
                                task.id(), participantId, applied.change().seq()),
                applied.change());
        return applied.change();
    }

    public List<ReputationChange> history(String taskId, String participantId) {
        return ledger.scan(ledger.keys().reputationChangesOf(taskId, participantId), ReputationChange::fromJson);
    }
}
