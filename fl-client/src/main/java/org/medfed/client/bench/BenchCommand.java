package org.medfed.client.bench;

import java.util.concurrent.Callable;
import org.medfed.client.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code medfed bench …}: local benchmarks that need no network. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Local benchmarks (no network).",
        subcommands = {AggregateBenchCommand.class, SecAggBenchCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.INTERNAL)
public final class BenchCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
