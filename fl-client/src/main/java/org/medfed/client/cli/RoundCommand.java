package org.medfed.client.cli;

import java.io.PrintWriter;
import java.util.List;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.CloseResult;
import org.medfed.client.ledger.Reply;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.Exclusion;
import org.medfed.common.reputation.ReputationChange;
import org.medfed.common.round.RoundState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

@Command(name = "round",
        description = "The rounds of a task: status, watch, close, aggregate.",
        subcommands = {RoundCommand.Status.class, RoundWatchCommand.class, RoundCommand.Close.class,
                RoundAggregateCommand.class})
final class RoundCommand extends GroupCommand {

    /** The round's state; {@code submitted} (null when unknown) lists the participants with an update so far. */
    static void print(PrintWriter out, RoundState round, List<String> submitted) {
        Table fields = Table.fields()
                .row("task", round.taskId())
                .row("round", round.round() + " (attempt " + round.attempt() + ")")
                .row("status", round.status().wire())
                .row("opened", round.openedAt())
                .row("deadline", round.deadline())
                .row("base model", TaskCommand.model(round.baseModel()));
        if (submitted != null) {
            fields.row("submitted", submitted.size());
            TaskCommand.list(fields, "", submitted);
        }
        if (round.closedAt() != null) {
            fields.row("closed", round.closedAt() + " (" + round.closeReason().wire() + ")");
        }
        if (round.closedAt() == null) {
            fields.row("accepted", "- (fixed when the round closes)");
        } else {
            fields.row("accepted", round.accepted().size());
            TaskCommand.list(fields, "", round.accepted());
            fields.row("excluded", round.excluded().size());
            TaskCommand.list(fields, "", round.excluded().stream().map(RoundCommand::exclusion).toList());
        }
        if (round.aggregatedAt() != null) {
            fields.row("aggregated", round.aggregatedAt() + " into " + TaskCommand.model(round.resultModel()));
        }
        if (!round.abortedAttempts().isEmpty()) {
            fields.row("aborted", round.abortedAttempts().size() + " earlier attempt(s) without quorum");
        }
        fields.print(out);
    }

    private static String exclusion(Exclusion e) {
        return e.participantId() + " " + e.reason().wire() + (e.detail() == null ? "" : ": " + e.detail());
    }

    static void checkRound(LedgerCommand command, Long round) {
        if (round != null && round < 1) {
            throw new ParameterException(command.spec.commandLine(), "ROUND must be 1 or more, got " + round);
        }
    }

    @Command(name = "status", description = "Show a round: state, deadline, who submitted, accepted and excluded "
            + "participants (round:getRound).")
    static final class Status extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "Task id.")
        private String task;

        @Parameters(index = "1", arity = "0..1", paramLabel = "ROUND",
                description = "Round number (default: the task's current round).")
        private Long round;

        @Override
        protected boolean prepare() {
            checkRound(this, round);
            return true;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            long number = round != null ? round : new TaskLedger(ledger).get(task).value().currentRound();
            Reply<RoundView> reply = new RoundLedger(ledger).get(task, number);
            if (json) {
                printJson(reply.json());
            } else {
                print(out(), reply.value().round(), reply.value().submitted());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "close", description = {"Close a round (round:closeRound; any active participant).",
            "Before the deadline it closes only when every expected participant has submitted (else ROUND_STILL_OPEN);",
            "at or after the deadline it closes with quorum, or aborts and opens the next attempt."})
    static final class Close extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "Task id.")
        private String task;

        @Parameters(index = "1", paramLabel = "ROUND", description = "Round number.")
        private Long round;

        @Override
        protected boolean prepare() {
            checkRound(this, round);
            return true;
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            Reply<CloseResult> reply = new RoundLedger(ledger).close(task, round);
            if (json) {
                printJson(reply.json());
                return ExitCodes.OK;
            }
            CloseResult result = reply.value();
            print(out(), result.round(), null);
            out().println();
            out().println("task " + task + ": " + result.taskStatus() + ", current round " + result.currentRound());
            if (!result.reputation().isEmpty()) {
                out().println();
                Table changes = Table.of("participant", "cause", "before", "after");
                for (ReputationChange c : result.reputation()) {
                    changes.row(c.participantId(), c.cause().wire(), c.before(), c.after());
                }
                changes.print(out());
            }
            return ExitCodes.OK;
        }
    }
}
