package org.medfed.client.participation;

import org.medfed.common.model.Task;

/** The node's training step: local data in, a privatised update out. Patient data never leaves this call. */
@FunctionalInterface
public interface LocalTraining {

    /**
     * Trains from {@code globalModel} (the round's base model, verified against the ledger's hash) on local data.
     *
     * @throws TrainingRefusedException when this round must not be trained, for example because it would exceed the
     *     node's or the task's privacy budget; the node records the reason and does not retry the round
     */
    TrainedUpdate train(Task task, long round, float[] globalModel) throws TrainingRefusedException;

    /**
     * A secure round's site input from {@code globalModel}: one Poisson-sampled DP-SGD step on local data, quantised,
     * with this site's share of the noise (docs/secure-aggregation.md, "The DP step").
     *
     * @throws TrainingRefusedException when this round must not be computed (budget, data), or when this training
     *     cannot compute secure inputs at all (the default)
     */
    default SiteInput siteInput(Task task, long round, float[] globalModel) throws TrainingRefusedException {
        throw new TrainingRefusedException("this node's training cannot compute a secure round's input");
    }
}
