package org.medfed.client.cli;

import java.util.Optional;
import java.util.OptionalLong;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.ChaincodeEventSource;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.gateway.MedfedException;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.common.model.Task;
import org.medfed.common.model.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

@Command(
        name = "watch",
        description = {
            "Follow a task's events live, one line each: updates submitted, rounds "
                    + "closed, aborted and aggregated (with the model's CID and a quality summary), until the task completes or "
                    + "is cancelled, or Ctrl-C.",
            "--json prints each event as {\"event\", \"block\", \"txId\", \"payload\"}."
        })
final class RoundWatchCommand extends LedgerCommand {

    @Parameters(paramLabel = "TASK", description = "Task id.")
    private String task;

    @Option(
            names = "--from-block",
            paramLabel = "N",
            description = "Replay from block N (default: only new events, and none for a task that has ended).")
    private Long fromBlock;

    @Override
    protected boolean prepare() {
        if (fromBlock != null && fromBlock < 0) {
            throw new ParameterException(spec.commandLine(), "--from-block must be 0 or more, got " + fromBlock);
        }
        return true;
    }

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        if (!(ledger instanceof ChaincodeEventSource events)) {
            throw new MedfedException(MedfedException.INTERNAL, "this connection cannot stream events", null);
        }
        Task found = new TaskLedger(ledger).get(task).value();
        boolean ended = found.status() == TaskStatus.COMPLETED || found.status() == TaskStatus.CANCELLED;
        if (ended && fromBlock == null) {
            out().println("task " + task + " is already " + found.status().wire()
                    + "; nothing more will happen (replay its events with --from-block 0)");
            return ExitCodes.OK;
        }
        if (!json) {
            out().println("watching task " + task + " (" + found.status().wire() + ", round " + found.currentRound()
                    + ") " + (fromBlock == null ? "from the next block" : "from block " + fromBlock)
                    + "; Ctrl-C to stop");
            out().flush();
        }
        OptionalLong start = fromBlock == null ? OptionalLong.empty() : OptionalLong.of(fromBlock);
        try (CloseableIterator<ChaincodeEvent> stream = events.chaincodeEvents(start)) {
            while (stream.hasNext()) {
                ChaincodeEvent event = stream.next();
                Optional<RoundEventLines.Line> line = RoundEventLines.format(
                        task,
                        event.getEventName(),
                        event.getPayload(),
                        event.getBlockNumber(),
                        event.getTransactionId());
                if (line.isEmpty()) {
                    continue;
                }
                out().println(json ? RoundEventLines.json(event) : line.get().text());
                out().flush();
                if (line.get().last()) {
                    return ExitCodes.OK;
                }
            }
        } catch (RuntimeException e) {
            throw events.errorMapper().map(e);
        }
        throw new MedfedException(
                MedfedException.UNAVAILABLE,
                "the peer ended the event stream; run the command "
                        + "again (with --from-block to replay what was missed)",
                null);
    }
}
