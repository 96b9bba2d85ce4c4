package org.medfed.client.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.medfed.client.gateway.LedgerClient;
import org.medfed.client.ledger.ReputationLedger;
import org.medfed.client.ledger.RoundLedger;
import org.medfed.client.ledger.RoundResultsLedger;
import org.medfed.client.ledger.TaskLedger;
import org.medfed.client.report.ReportCollector;
import org.medfed.client.report.ReportData;
import org.medfed.client.report.ReportWriter;
import org.medfed.common.codec.CanonicalJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", description = {"Write a Markdown report of a task with PNG charts (validation metrics and "
        + "loss per round, epsilon and reputation per participant, round timings), each saying which ledger "
        + "records and transactions its numbers come from; for an ethics board.",
        "Reads only (task:getTask, round:getRound, round:listUpdates, round:getAggregation, "
                + "reputation:getReputationHistory). --json prints the files written."})
final class ReportCommand extends LedgerCommand {

    @Parameters(paramLabel = "TASK", description = "Task id.")
    private String task;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Directory for report.md and the PNG files (created if needed; files are replaced).")
    private Path out;

    @Override
    protected boolean prepare() {
        // Charts are drawn off-screen; without this AWT may look for a display.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        return true;
    }

    @Override
    protected int run(LedgerClient ledger) throws Exception {
        ReportData data = new ReportCollector(new TaskLedger(ledger), new RoundLedger(ledger),
                new RoundResultsLedger(ledger), new ReputationLedger(ledger), Clock.systemUTC()).collect(task);
        List<Path> files = ReportWriter.write(data, out.toAbsolutePath().normalize());
        if (json) {
            printJson(CanonicalJson.encode(Map.of("taskId", task, "files",
                    files.stream().map(Path::toString).toList())));
            return ExitCodes.OK;
        }
        out().println("report of task " + task + " (" + data.rounds().size() + " round(s)) written to "
                + files.get(files.size() - 1));
        files.subList(0, files.size() - 1).forEach(file -> out().println("  " + file.getFileName()));
        return ExitCodes.OK;
    }
}
