package org.medfed.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.Page;
import org.medfed.client.ledger.Reply;
import org.medfed.client.ledger.TaskAndRound;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.ContentRef;
import org.medfed.common.model.ModelSpec;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskSpec;
import org.medfed.common.model.TrainingSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "task",
        description = "Training tasks: create (consortium admins), list, show, pause, resume, cancel.",
        subcommands = {TaskCreateCommand.class, TaskCommand.Listing.class, TaskCommand.Show.class,
                TaskCommand.Pause.class, TaskCommand.Resume.class, TaskCommand.Cancel.class})
final class TaskCommand extends GroupCommand {

    static void print(PrintWriter out, Task task) {
        TaskSpec spec = task.spec();
        ModelSpec model = spec.model();
        TrainingSpec training = spec.training();
        Table fields = Table.fields()
                .row("task", task.id())
                .row("title", spec.title())
                .row("status", task.status().wire() + (task.statusReason() == null ? "" : " (" + task.statusReason()
                        + ")"))
                .row("round", task.currentRound() + " of " + spec.rounds())
                .row("global model", model(task.globalModel()))
                .row("model", model.architecture() + " " + model.inputs() + "-" + model.hiddenLayers().stream()
                        .map(String::valueOf).map(w -> w + "-").collect(Collectors.joining()) + model.classes() + " "
                        + model.activation() + ", " + model.parameterCount() + " parameters")
                .row("training", training.epochs() + " epoch(s), batch " + training.batchSize() + ", learning rate "
                        + Table.text(training.learningRate()) + ", " + training.optimizer() + ", FedProx mu "
                        + Table.text(training.fedProxMu()))
                .row("quorum", spec.quorum() + " of " + spec.eligibleParticipants().size() + " eligible")
                .row("rounds", spec.rounds() + " of " + spec.roundDurationSeconds() + " s; pause after "
                        + spec.maxAbortsBeforePause() + " consecutive aborts")
                .row("strategy", spec.strategy().name() + (spec.strategy().params().isEmpty() ? ""
                        : " " + spec.strategy().params()))
                .row("DP", "clip " + Table.text(spec.dp().clipNorm()) + ", noise >= "
                        + Table.text(spec.dp().noiseMultiplier()) + ", delta " + Table.text(spec.dp().delta())
                        + ", max epsilon " + Table.text(spec.dp().maxEpsilon()) + " (" + spec.dp().conversion().wire()
                        + ")")
                .row("reputation", "initial " + Table.text(spec.reputation().initialScore()) + ", excluded below "
                        + Table.text(spec.reputation().exclusionThreshold()));
        list(fields, "participants", spec.eligibleParticipants());
        list(fields, "datasets", spec.admittedDatasets());
        fields.row("created", task.createdAt() + " by " + task.createdBy())
                .row("updated", task.updatedAt())
                .print(out);
    }

    static String model(ContentRef ref) {
        return ref.cid() + " (sha256 " + ref.sha256() + ")";
    }

    /** One row per item, the label on the first. */
    static void list(Table fields, String label, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            fields.row(i == 0 ? label : "", items.get(i));
        }
    }

    /** A task write's answer: the task's status, then its current round. */
    static int answer(LedgerCommand command, Reply<TaskAndRound> reply) {
        if (command.json) {
            command.printJson(reply.json());
            return ExitCodes.OK;
        }
        Task task = reply.value().task();
        PrintWriter out = command.out();
        out.println("task " + task.id() + ": " + task.status().wire()
                + (task.statusReason() == null ? "" : " (" + task.statusReason() + ")"));
        out.println();
        RoundCommand.print(out, reply.value().round(), null);
        return ExitCodes.OK;
    }

    @Command(name = "list", description = "List tasks by id (task:listTasks).")
    static final class Listing extends LedgerCommand {
        @Mixin
        private PageOptions paging;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            TaskLedger tasks = new TaskLedger(ledger);
            int size = paging.pageSize();
            Reply<Page<Task>> reply = paging.all() ? tasks.listAll(size) : tasks.list(size, paging.bookmark());
            if (json) {
                printJson(reply.json());
                return ExitCodes.OK;
            }
            Table table = Table.of("task", "status", "round", "quorum", "title", "updated");
            for (Task t : reply.value().items()) {
                table.row(t.id(), t.status().wire(), t.currentRound() + "/" + t.spec().rounds(),
                        t.spec().quorum() + "/" + t.spec().eligibleParticipants().size(), t.spec().title(),
                        t.updatedAt());
            }
            table.print(out());
            Table.pageFooter(out(), reply.value(), "tasks");
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show a task with its spec (task:getTask).")
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Task id.")
        private String id;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            Reply<Task> reply = new TaskLedger(ledger).get(id);
            if (json) {
                printJson(reply.json());
            } else {
                print(out(), reply.value());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "pause", description = "Pause an active task; its round stops accepting updates "
            + "(task:pauseTask; consortium admins).")
    static final class Pause extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Task id.")
        private String id;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "paused by an admin with medfed",
                description = "Why; stored on the ledger (default: ${DEFAULT-VALUE}).")
        private String reason;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(this, new TaskLedger(ledger).pause(id, reason));
        }
    }

    @Command(name = "resume", description = "Resume a paused task; its round reopens for a full duration "
            + "(task:resumeTask; consortium admins).")
    static final class Resume extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Task id.")
        private String id;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(this, new TaskLedger(ledger).resume(id));
        }
    }

    @Command(name = "cancel", description = "Cancel an active or paused task for good (task:cancelTask; consortium "
            + "admins).")
    static final class Cancel extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Task id.")
        private String id;

        @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "cancelled by an admin with medfed",
                description = "Why; stored on the ledger (default: ${DEFAULT-VALUE}).")
        private String reason;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(this, new TaskLedger(ledger).cancel(id, reason));
        }
    }
}
