package org.medfed.client.cli;

import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.Page;
import org.medfed.client.ledger.ParticipantLedger;
import org.medfed.client.ledger.Reply;
import org.medfed.client.view.ParticipantFields;
import org.medfed.client.view.Table;
import org.medfed.common.model.Participant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "participant",
        description = "Registered identities: register (consortium admins), list, show, suspend, reinstate.",
        subcommands = {
            ParticipantRegisterCommand.class,
            ParticipantCommand.Listing.class,
            ParticipantCommand.Show.class,
            ParticipantCommand.Suspend.class,
            ParticipantCommand.Reinstate.class
        })
final class ParticipantCommand extends GroupCommand {

    @Command(
            name = "list",
            description = "List registered participants by participant id (participant:listParticipants).")
    static final class Listing extends LedgerCommand {
        @Mixin
        private PageOptions paging;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            ParticipantLedger participants = new ParticipantLedger(ledger);
            int size = paging.pageSize();
            Reply<Page<Participant>> reply =
                    paging.all() ? participants.listAll(size) : participants.list(size, paging.bookmark());
            if (json) {
                printJson(reply.json());
                return ExitCodes.OK;
            }
            Table table = Table.of("participant id", "MSP", "role", "status", "name", "subject");
            for (Participant p : reply.value().items()) {
                table.row(p.id(), p.mspId(), p.role().wire(), p.status().wire(), p.displayName(), p.subject());
            }
            table.print(out());
            Table.pageFooter(out(), reply.value(), "participants");
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show one participant (participant:getParticipant).")
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Participant id (64 hex digits; `whoami` prints your own).")
        private String id;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new ParticipantLedger(ledger).get(id), ParticipantFields::print);
        }
    }

    @Command(
            name = "suspend",
            description = "Suspend a participant: it can no longer act "
                    + "(participant:suspendParticipant; consortium admins).")
    static final class Suspend extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Participant id.")
        private String id;

        @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why; stored on the ledger.")
        private String reason;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new ParticipantLedger(ledger).suspend(id, reason), ParticipantFields::print);
        }
    }

    @Command(
            name = "reinstate",
            description =
                    "Reinstate a suspended participant (participant:reinstateParticipant; " + "consortium admins).")
    static final class Reinstate extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Participant id.")
        private String id;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new ParticipantLedger(ledger).reinstate(id), ParticipantFields::print);
        }
    }
}
