package org.medfed.client.cli;

import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.client.ledger.Reply;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.common.budget.DpCharge;
import org.medfed.common.budget.PrivacyBudget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "privacy",
        description = "Differential privacy on the ledger: budget.",
        subcommands = {PrivacyCommand.Budget.class})
final class PrivacyCommand extends GroupCommand {

    @Command(name = "budget", description = {"Show a participant's privacy budget in a task: epsilon spent, the cap, "
            + "what remains and each charge (round:getPrivacyBudget)."})
    static final class Budget extends LedgerCommand {
        @Option(names = "--task", required = true, paramLabel = "TASK", description = "Task id.")
        private String task;

        @Option(names = "--participant", paramLabel = "ID",
                description = "Participant id (default: this profile's own, from participant:getCaller).")
        private String participant;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            String id = participant != null ? participant
                    : new ParticipantLedger(ledger).caller().value().participantId();
            Reply<PrivacyBudget> reply = new RoundLedger(ledger).privacyBudget(task, id);
            if (json) {
                printJson(reply.json());
                return ExitCodes.OK;
            }
            PrivacyBudget b = reply.value();
            Table.fields()
                    .row("task", b.taskId())
                    .row("participant", b.participantId())
                    .row("epsilon spent", b.epsilon())
                    .row("max epsilon", b.maxEpsilon())
                    .row("remaining", b.remaining())
                    .row("delta", b.delta())
                    .row("conversion", b.conversion().wire())
                    .row("best order", b.epsilonOrder())
                    .row("updated", b.updatedAt())
                    .print(out());
            if (!b.charges().isEmpty()) {
                out().println();
                Table charges = Table.of("round", "sampling rate", "noise multiplier", "steps");
                for (DpCharge c : b.charges()) {
                    charges.row(c.round(), c.samplingRate(), c.noiseMultiplier(), c.steps());
                }
                charges.print(out());
            }
            return ExitCodes.OK;
        }
    }
}
