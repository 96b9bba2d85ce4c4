package org.medfed.client.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.medfed.client.ExitCodes;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.report.ReportCollector;
import org.medfed.client.report.ReportData;
import org.medfed.client.report.ReportWriter;
import org.medfed.client.view.ReportView;
import org.medfed.common.codec.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "report",
        description = {
            "Write a Markdown report of a task with PNG charts (validation metrics and "
                    + "loss per round, epsilon and reputation per participant, round timings), each saying which ledger "
                    + "records and transactions its numbers come from; for an ethics board.",
            "Reads only (task:getTask, round:getRound, round:listUpdates, round:getAggregation, "
                    + "reputation:getReputationHistory). --json prints the files written."
        })
final class ReportCommand extends LedgerCommand {

    @Parameters(paramLabel = "TASK", description = "Task id.")
    private String task;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Directory for report.md and the PNG files (created if needed; files are replaced).")
    private Path out;

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        ReportData data = ReportCollector.on(ledger).collect(task);
        List<Path> files = ReportWriter.write(data, out.toAbsolutePath().normalize());
        if (json) {
            printJson(CanonicalJson.encode(Map.of(
                    "taskId", task, "files", files.stream().map(Path::toString).toList())));
            return ExitCodes.OK;
        }
        ReportView.printWritten(out(), task, data.rounds().size(), files);
        return ExitCodes.OK;
    }
}
