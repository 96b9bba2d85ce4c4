package org.medfed.client.cli;

import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.AggregateResult;
import org.medfed.client.ledger.Reply;
import org.medfed.client.ledger.RoundResultsLedger;
import org.medfed.client.view.ModelRefText;
import org.medfed.client.view.Table;
import org.medfed.common.model.AggregationRecord;
import org.medfed.common.model.Contribution;
import org.medfed.common.model.Exclusion;
import org.medfed.common.reputation.ReputationChange;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
        name = "aggregate",
        description = {
            "Aggregate a closed round (aggregator:aggregateRound; any active "
                    + "participant): every endorsing organisation recomputes the task's strategy from its own Kubo node, and "
                    + "the result commits only when they agree.",
            "Prints the new global model, the contributions, the exclusions and the reputation changes."
        })
final class RoundAggregateCommand extends LedgerCommand {

    @Mixin
    private TaskRound taskRound;

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        String task = taskRound.task();
        long round = taskRound.round();
        Reply<AggregateResult> reply;
        try {
            reply = new RoundResultsLedger(ledger).aggregate(task, round);
        } catch (MedfedException e) {
            throw AggregateErrors.explain(e, task, round);
        }
        if (json) {
            printJson(reply.json());
            return ExitCodes.OK;
        }
        AggregateResult result = reply.value();
        AggregationRecord record = result.aggregation();
        Table.fields()
                .row("task", task)
                .row("round", record.round())
                .row("global model", ModelRefText.of(record.globalModel()))
                .row("from", ModelRefText.of(record.parentModel()))
                .row("recorded", record.recordedAt() + " [tx " + record.txId() + "]")
                .row(
                        "task status",
                        result.taskStatus()
                                + (result.nextRound() == null
                                        ? ""
                                        : ", round " + result.currentRound() + " open until "
                                                + result.nextRound().deadline()))
                .print(out());
        out().println();
        Table contributions = Table.of("contributor", "quality");
        for (Contribution c : record.contributions()) {
            contributions.row(c.participantId(), c.qualityScore());
        }
        contributions.print(out());
        if (!record.excluded().isEmpty()) {
            out().println();
            Table excluded = Table.of("excluded", "reason", "detail");
            for (Exclusion e : record.excluded()) {
                excluded.row(e.participantId(), e.reason().wire(), e.detail());
            }
            excluded.print(out());
        }
        if (!result.reputation().isEmpty()) {
            out().println();
            Table changes = Table.of("participant", "cause", "quality", "before", "after");
            for (ReputationChange c : result.reputation()) {
                changes.row(c.participantId(), c.cause().wire(), c.quality(), c.before(), c.after());
            }
            changes.print(out());
        }
        return ExitCodes.OK;
    }
}
