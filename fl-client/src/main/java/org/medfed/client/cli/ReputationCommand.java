package org.medfed.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.Reply;
import org.medfed.client.ledger.ReputationLedger;
import org.medfed.client.ledger.ReputationView;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.view.Table;
import org.medfed.common.codec.CanonicalJson;
import org.medfed.common.model.Task;
import org.medfed.common.reputation.ReputationChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "reputation",
        description = "Participants' reputation in a task: list, history.",
        subcommands = {ReputationCommand.Listing.class, ReputationCommand.History.class})
final class ReputationCommand extends GroupCommand {

    @Command(
            name = "list",
            description = {
                "The reputation of every eligible participant of a task (task:getTask, "
                        + "then reputation:getReputation for each).",
                "--json prints {\"taskId\", \"items\": [the ledger's answer for each participant]}."
            })
    static final class Listing extends LedgerCommand {
        @Parameters(paramLabel = "TASK", description = "Task id.")
        private String task;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            Task found = new TaskLedger(ledger).get(task).value();
            ReputationLedger reputations = new ReputationLedger(ledger);
            Table table = Table.of("participant", "score", "changes", "updated", "excluded");
            List<Object> items = new ArrayList<>();
            for (String participant : found.spec().eligibleParticipants()) {
                Reply<ReputationView> reply = reputations.get(task, participant);
                ReputationView view = reply.value();
                items.add(CanonicalJson.parse(reply.json()));
                table.row(
                        participant,
                        view.score().score(),
                        view.score().changes(),
                        view.score().updatedAt(),
                        view.excluded());
            }
            if (json) {
                Map<String, Object> all = new TreeMap<>();
                all.put("taskId", task);
                all.put("items", items);
                printJson(CanonicalJson.encode(all));
                return ExitCodes.OK;
            }
            table.print(out());
            out().println(items.size() + " eligible participant(s); excluded below "
                    + Table.text(found.spec().reputation().exclusionThreshold()) + ".");
            return ExitCodes.OK;
        }
    }

    @Command(
            name = "history",
            description = "Every change of a participant's reputation in a task, oldest first "
                    + "(reputation:getReputationHistory).")
    static final class History extends LedgerCommand {
        @Parameters(index = "0", paramLabel = "TASK", description = "Task id.")
        private String task;

        @Parameters(index = "1", paramLabel = "PARTICIPANT", description = "Participant id.")
        private String participant;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            Reply<List<ReputationChange>> reply = new ReputationLedger(ledger).history(task, participant);
            if (json) {
                printJson(reply.json());
                return ExitCodes.OK;
            }
            Table table = Table.of("seq", "round", "cause", "quality", "before", "after", "at", "tx");
            for (ReputationChange c : reply.value()) {
                table.row(c.seq(), c.round(), c.cause().wire(), c.quality(), c.before(), c.after(), c.at(), c.txId());
            }
            table.print(out());
            out().println(reply.value().size() + " change(s)"
                    + (reply.value().isEmpty() ? "; the task's initial score applies." : "."));
            return ExitCodes.OK;
        }
    }
}
