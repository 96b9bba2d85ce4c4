package org.medfed.client.view;

import java.io.PrintWriter;
import java.util.stream.Collectors;
import org.medfed.client.ledger.TaskAndRound;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;

/** A task with its whole spec, label/value lines ({@code task show}); and what a task write answered. */
public final class TaskFields {

    private TaskFields() {}

    public static void print(PrintWriter out, Task task) {
        TaskSpec spec = task.spec();
        ModelSpec model = spec.model();
        TrainingSpec training = spec.training();
        Table fields = Table.fields()
                .row("task", task.id())
                .row("title", spec.title())
                .row("status", status(task))
                .row("round", task.currentRound() + " of " + spec.rounds())
                .row("global model", ModelRefText.of(task.globalModel()))
                .row(
                        "model",
                        model.architecture() + " " + model.inputs() + "-"
                                + model.hiddenLayers().stream()
                                        .map(String::valueOf)
                                        .map(w -> w + "-")
                                        .collect(Collectors.joining())
                                + model.classes() + " "
                                + model.activation() + ", " + model.parameterCount() + " parameters")
                .row(
                        "training",
                        training.epochs() + " epoch(s), batch " + training.batchSize() + ", learning rate "
                                + Table.text(training.learningRate()) + ", " + training.optimizer() + ", FedProx mu "
                                + Table.text(training.fedProxMu()))
                .row(
                        "quorum",
                        spec.quorum() + " of " + spec.eligibleParticipants().size() + " eligible")
                .row(
                        "rounds",
                        spec.rounds() + " of " + spec.roundDurationSeconds() + " s; pause after "
                                + spec.maxAbortsBeforePause() + " consecutive aborts")
                .row(
                        "strategy",
                        spec.strategy().name()
                                + (spec.strategy().params().isEmpty()
                                        ? ""
                                        : " " + spec.strategy().params()))
                .row("DP", DpText.of(spec))
                .row(
                        "reputation",
                        "initial " + Table.text(spec.reputation().initialScore()) + ", excluded below "
                                + Table.text(spec.reputation().exclusionThreshold()))
                .rows("participants", spec.eligibleParticipants())
                .rows("datasets", spec.admittedDatasets());
        spec.retentionPolicy()
                .ifPresent(policy -> fields.row(
                        "retention", policy.describe() + " (models and optimizer states are kept for good)"));
        fields.row("created", task.createdAt() + " by " + task.createdBy())
                .row("updated", task.updatedAt())
                .print(out);
    }

    /** A task write's answer (create, pause, resume, cancel): the task's status, then its current round. */
    public static void printWrite(PrintWriter out, TaskAndRound answer) {
        out.println("task " + answer.task().id() + ": " + status(answer.task()));
        out.println();
        RoundFields.print(out, answer.round(), null);
    }

    private static String status(Task task) {
        return task.status().wire() + (task.statusReason() == null ? "" : " (" + task.statusReason() + ")");
    }
}
