package org.medfed.client.cli;

import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.Page;
import org.medfed.client.ledger.Reply;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.view.Table;
import org.medfed.client.view.TaskFields;
import org.medfed.common.model.Task;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "task",
        description = "Training tasks: create (consortium admins), list, show, pause, resume, cancel.",
        subcommands = {
            TaskCreateCommand.class,
            TaskCommand.Listing.class,
            TaskCommand.Show.class,
            TaskCommand.Pause.class,
            TaskCommand.Resume.class,
            TaskCommand.Cancel.class
        })
final class TaskCommand extends GroupCommand {

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
                table.row(
                        t.id(),
                        t.status().wire(),
                        t.currentRound() + "/" + t.spec().rounds(),
                        t.spec().quorum() + "/"
                                + t.spec().eligibleParticipants().size(),
                        t.spec().title(),
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
            return answer(new TaskLedger(ledger).get(id), TaskFields::print);
        }
    }

    @Command(
            name = "pause",
            description =
                    "Pause an active task; its round stops accepting updates " + "(task:pauseTask; consortium admins).")
    static final class Pause extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Task id.")
        private String id;

        @Option(
                names = "--reason",
                paramLabel = "TEXT",
                defaultValue = "paused by an admin with medfed",
                description = "Why; stored on the ledger (default: ${DEFAULT-VALUE}).")
        private String reason;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new TaskLedger(ledger).pause(id, reason), TaskFields::printWrite);
        }
    }

    @Command(
            name = "resume",
            description = "Resume a paused task; its round reopens for a full duration "
                    + "(task:resumeTask; consortium admins).")
    static final class Resume extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Task id.")
        private String id;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new TaskLedger(ledger).resume(id), TaskFields::printWrite);
        }
    }

    @Command(
            name = "cancel",
            description = "Cancel an active or paused task for good (task:cancelTask; consortium " + "admins).")
    static final class Cancel extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Task id.")
        private String id;

        @Option(
                names = "--reason",
                paramLabel = "TEXT",
                defaultValue = "cancelled by an admin with medfed",
                description = "Why; stored on the ledger (default: ${DEFAULT-VALUE}).")
        private String reason;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new TaskLedger(ledger).cancel(id, reason), TaskFields::printWrite);
        }
    }
}
