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
}
