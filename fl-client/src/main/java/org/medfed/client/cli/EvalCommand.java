package org.medfed.client.cli;

import java.nio.file.Path;
import java.util.List;
import org.medfed.client.ExitCodes;
import org.medfed.client.sim.AccessStreamEvaluation;
import org.medfed.client.sim.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL,
        description = {
            "Runs the evaluation (simulations of WDBC with and without DP, the four heart disease "
                    + "hospitals, maternal health risk on non-IID gateways, non-IID sites with FedProx, SCAFFOLD and "
                    + "a shared subset, Byzantine participants) and writes results.md with PNG charts under results/. "
                    + "No network; every figure is measured by this run and labelled simulation."
        })
final class EvalCommand extends ReportingCommand {

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "docs",
            description = "Where results.md and results/*.png go (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(
            names = "--data-root",
            paramLabel = "DIR",
            defaultValue = ".",
            description = "The repository root holding data/ and the example mappings (default: current directory).")
    Path root;

    @Option(names = "--quick", description = "One seed and two or three rounds: a smoke run, figures not meaningful.")
    boolean quick;

    @Option(
            names = "--only",
            paramLabel = "SECTION",
            description = "Run one section alone: risk (the maternal section's \"Risk model for access decisions\", "
                    + "from its two gateway simulations, written to results-risk.md) or access-stream (access "
                    + "decisions from a scripted request stream, put in place of its previous version in "
                    + "results.md, leaving the rest) or noniid (the non-IID section: FedAvg, FedProx, SCAFFOLD, "
                    + "two-stage, IID and pooled over Dirichlet sites, written to results-noniid.md) or byzantine "
                    + "(the Byzantine participants' table, put in place of its previous version in results.md with "
                    + "its lines of the shortfall list).")
    String only;

    @Override
    protected int run() throws Exception {
        if (!root.resolve("data").toFile().isDirectory()) {
            throw new InputException("no data/ directory under " + root.toAbsolutePath()
                    + "; run from the repository root or give --data-root");
        }
        if (only != null
                && !List.of("access-stream", "risk", "noniid", "byzantine").contains(only)) {
            throw new InputException(
                    "--only " + only + " is not a section; use risk, noniid, access-stream or byzantine");
        }
        if ("risk".equals(only) || "noniid".equals(only)) {
            Path file = "risk".equals(only)
                    ? Evaluation.runRisk(root, out, quick, spec.commandLine().getErr())
                    : Evaluation.runNonIid(root, out, quick, spec.commandLine().getErr());
            out().println("wrote " + file);
            out().flush();
            return ExitCodes.OK;
        }
        Path file;
        if (only == null) {
            file = Evaluation.run(root, out, quick, spec.commandLine().getErr());
        } else if (only.equals("byzantine")) {
            file = Evaluation.runByzantine(root, out, quick, spec.commandLine().getErr());
        } else {
            file = AccessStreamEvaluation.only(
                    root, out, quick, spec.commandLine().getErr());
        }
        out().println("wrote " + file + " and its charts in " + file.resolveSibling("results"));
        out().flush();
        return ExitCodes.OK;
    }
}
