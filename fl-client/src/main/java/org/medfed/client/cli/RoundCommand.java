package org.medfed.client.cli;

import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.CloseResult;
import org.medfed.client.ledger.Reply;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundView;
import org.medfed.client.ledger.SecAggLedger;
import org.medfed.client.ledger.SecureRoundView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.view.RoundFields;
import org.medfed.client.view.SecureRoundFields;
import org.medfed.client.view.Table;
import org.medfed.common.model.Task;
import org.medfed.common.reputation.ReputationChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "round",
        description = "The rounds of a task: status, watch, close, aggregate.",
        subcommands = {
            RoundCommand.Status.class,
            RoundWatchCommand.class,
            RoundCommand.Close.class,
            RoundAggregateCommand.class
        })
final class RoundCommand extends GroupCommand {

    @Command(
            name = "status",
            description = {
                "Show a round: state, deadline, who submitted, accepted and excluded participants (round:getRound).",
                "For a task that aggregates securely, also the attempt's phase, the phases' ends and who is missing in"
                        + " each phase (secagg:getSecureRound; --json prints its answer)."
            })
    static final class Status extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "Task id.")
        private String task;

        private Long round;

        @Parameters(
                index = "1",
                arity = "0..1",
                paramLabel = "ROUND",
                description = "Round number (default: the task's current round).")
        private void round(long value) {
            round = TaskRound.checked(spec, value);
        }

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            Task found = new TaskLedger(ledger).get(task).value();
            long number = round != null ? round : found.currentRound();
            if (found.spec().secureAggregationSpec().isPresent()) {
                Reply<SecureRoundView> secure = new SecAggLedger(ledger).secureRound(task, number);
                if (json) {
                    printJson(secure.json());
                } else {
                    RoundFields.print(
                            out(), secure.value().round(), secure.value().survivors());
                    SecureRoundFields.print(out(), secure.value());
                }
                return ExitCodes.OK;
            }
            Reply<RoundView> reply = new RoundLedger(ledger).get(task, number);
            if (json) {
                printJson(reply.json());
            } else {
                RoundFields.print(out(), reply.value().round(), reply.value().submitted());
            }
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "close",
            description = {
                "Close a round (round:closeRound; any active participant).",
                "Before the deadline it closes only when every expected participant has submitted (else ROUND_STILL_OPEN);",
                "at or after the deadline it closes with quorum, or aborts and opens the next attempt."
            })
    static final class Close extends LedgerCommand {
        @Mixin
        private TaskRound taskRound;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            Reply<CloseResult> reply = new RoundLedger(ledger).close(taskRound.task(), taskRound.round());
            if (json) {
                printJson(reply.json());
                return ExitCodes.OK;
            }
            CloseResult result = reply.value();
            RoundFields.print(out(), result.round(), null);
            out().println();
            out().println("task " + taskRound.task() + ": " + result.taskStatus() + ", current round "
                    + result.currentRound());
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
