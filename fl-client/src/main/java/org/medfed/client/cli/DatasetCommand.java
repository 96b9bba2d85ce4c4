package org.medfed.client.cli;

import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.DatasetLedger;
import org.medfed.client.ledger.Page;
import org.medfed.client.ledger.Reply;
import org.medfed.client.view.DatasetFields;
import org.medfed.client.view.Table;
import org.medfed.common.model.DatasetDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(
        name = "dataset",
        description = "Dataset descriptions (never the data): register (data holders), list, show; the holders'"
                + " decisions on tasks' use of them: approve, decline, revoke, uses; usage receipts: usage.",
        subcommands = {
            DatasetRegisterCommand.class,
            DatasetCommand.Listing.class,
            DatasetCommand.Show.class,
            DatasetUseCommands.Approve.class,
            DatasetUseCommands.Decline.class,
            DatasetUseCommands.Revoke.class,
            DatasetUseCommands.Uses.class,
            DatasetUseCommands.Usage.class
        })
final class DatasetCommand extends GroupCommand {

    @Command(name = "list", description = "List registered datasets by id (dataset:listDatasets).")
    static final class Listing extends LedgerCommand {
        @Mixin
        private PageOptions paging;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            DatasetLedger datasets = new DatasetLedger(ledger);
            int size = paging.pageSize();
            Reply<Page<DatasetDescription>> reply =
                    paging.all() ? datasets.listAll(size) : datasets.list(size, paging.bookmark());
            if (json) {
                printJson(reply.json());
                return ExitCodes.OK;
            }
            Table table = Table.of("dataset", "rows", "owner", "purpose", "licence", "registered");
            for (DatasetDescription d : reply.value().items()) {
                table.row(d.id(), d.rowCount(), d.ownerId(), d.purpose(), d.licence(), d.registeredAt());
            }
            table.print(out());
            Table.pageFooter(out(), reply.value(), "datasets");
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "Show one dataset description (dataset:getDataset).")
    static final class Show extends LedgerCommand {
        @Parameters(paramLabel = "ID", description = "Dataset id.")
        private String id;

        @Override
        protected int run(LedgerClient ledger) throws Exception {
            return answer(new DatasetLedger(ledger).get(id), DatasetFields::print);
        }
    }
}
