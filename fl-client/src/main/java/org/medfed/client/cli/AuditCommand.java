package org.medfed.client.cli;

import java.util.List;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.ProvenanceLedger;
import org.medfed.client.ledger.RecordVersion;
import org.medfed.client.ledger.Reply;
import org.medfed.client.view.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "audit",
        description = {
            "The ledger history of any record: every committed version, oldest first, "
                    + "with its transaction id and time (provenance:getHistory).",
            "KEY is type~attribute~…: participant~ID, dataset~ID, task~ID, round~TASK~N, agg~TASK~N, "
                    + "update~TASK~N~PARTICIPANT, rep~TASK~PARTICIPANT, budget~TASK~PARTICIPANT, ping~MSP, "
                    + "dsuse~TASK~DATASET (every decision of the dataset's holder on the task's use of it) or "
                    + "usage~DATASET~TASK~N (the usage receipt of round N).",
            "Every receipt of a dataset: medfed dataset usage DATASET; every decision of a task: medfed dataset uses"
                    + " TASK, then audit dsuse~TASK~DATASET."
        })
final class AuditCommand extends LedgerCommand {

    @Parameters(paramLabel = "KEY", description = "The record's key, e.g. task~wdbc-mlp or round~wdbc-mlp~1.")
    private String key;

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        Reply<List<RecordVersion>> reply = new ProvenanceLedger(ledger).history(key);
        if (json) {
            printJson(reply.json());
            return ExitCodes.OK;
        }
        out().println("key " + key + ": " + reply.value().size() + " version(s), oldest first");
        for (RecordVersion version : reply.value()) {
            out().println();
            Table.fields()
                    .row("tx", version.txId())
                    .row("time", version.timestamp())
                    .row("deleted", version.deleted())
                    .row("value", version.value())
                    .print(out());
        }
        return ExitCodes.OK;
    }
}
