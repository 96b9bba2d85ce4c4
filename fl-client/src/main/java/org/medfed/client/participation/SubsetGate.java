package org.medfed.client.participation;

import java.util.Optional;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.SubsetView;
import org.medfed.common.model.Task;
import org.medfed.common.protocol.ErrorCode;

/**
 * Round 1 of a two-stage task opens to updates only after the warm-up on the shared subset. Asked before training:
 * while contributors have not answered the site waits; once the subset is ready the site runs the warm-up itself
 * (any participant may; every organisation recomputes it), so a federation of client nodes needs no operator step
 * between the last contribution and round 1.
 */
final class SubsetGate {
    private SubsetGate() {}

    /** Why this site waits, or empty when it may train this round. */
    static Optional<String> waiting(ParticipationLedger ledger, Task task, long round) throws MedfedException {
        if (round != 1 || task.spec().subset().isEmpty()) {
            return Optional.empty();
        }
        String taskId = task.spec().id();
        SubsetView view = ledger.subset(taskId);
        if (SubsetView.WARMED.equals(view.status())) {
            return Optional.empty();
        }
        if (SubsetView.COLLECTING.equals(view.status())) {
            return Optional.of("round 1 waits for the shared subset: " + view.pending() + " of "
                    + view.shares().size() + " contributors have not answered (medfed subset contribute|decline)");
        }
        try {
            ledger.warmUp(taskId);
        } catch (MedfedException e) {
            // SUBSET_CLOSED: another site's warm-up committed first, which is as good as ours
            if (!ErrorCode.SUBSET_CLOSED.name().equals(e.code())) {
                return Optional.of("the warm-up on the shared subset failed: " + e.describe());
            }
        }
        return Optional.empty();
    }
}
