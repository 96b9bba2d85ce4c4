package org.medfed.client.participation;

import java.util.Optional;
import org.medfed.client.subset.SharedRows;
import org.medfed.common.model.Task;

/**
 * Stage 2 of a two-stage task at this site: the share α of the task's shared subset it adds to its own training rows
 * (docs/non-iid.md). Empty for a task without a shared subset.
 */
@FunctionalInterface
public interface SharedTrainingRows {
    /** For a node without a member key: no task's shared rows. */
    SharedTrainingRows NONE = task -> Optional.empty();

    /**
     * @throws TrainingRefusedException when the task has a shared subset but this site cannot read it (no member
     *     key, a blob that does not match the ledger): training on its own rows alone would silently change stage 2
     */
    Optional<SharedRows.Draw> draw(Task task) throws TrainingRefusedException;
}
