package org.medfed.client.participation;

import java.util.Optional;
import org.medfed.client.gateway.MedfedException;
import org.medfed.common.model.Task;

/**
 * Whether this site may train for a task that declares a purpose: one of its datasets the task admits must be
 * approved by its holder. Asked before training (so no update of an unapproved dataset is computed or uploaded) and
 * not journalled: an approval given during the round lets the site join it at its next step.
 */
final class DatasetUseGate {
    private DatasetUseGate() {}

    /** Why this site sits the task's round out, or empty when it may train. */
    static Optional<String> refusal(ParticipationLedger ledger, Task task) throws MedfedException {
        if (!task.spec().requiresDatasetApproval()) {
            return Optional.empty();
        }
        return ledger.datasetUses(task.spec().id())
                .refusalFor(ledger.participantId())
                .map(why -> why + "; this site sits the round out");
    }
}
